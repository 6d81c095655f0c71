declare function __collect(): void;
