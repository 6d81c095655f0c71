// The public API of the `cairn` package: `import { … } from "cairn"`.
export { Core, CoreTrap, core } from "./core.js";
export { CairnError, CATALOGUE, EXIT, type ErrorCode, type ErrorLocation } from "./errors.js";
