// Injected at bundle time from package.json (esbuild `define`); the fallback
// serves runs from source under vitest.
declare const __CAIRN_VERSION__: string | undefined;
export const VERSION: string = typeof __CAIRN_VERSION__ === "string" ? __CAIRN_VERSION__ : "0.0.0-dev";
