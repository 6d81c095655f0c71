// Node-only entry of the cairn package (file-system helpers). The main entry
// (bindings/index.ts) must load in browsers too, so anything that touches
// node:fs lives here and is imported as `cairn/node` (bundled into the CLI).
export * from "./index.js";
export { treeHashDir, type TreeHashDirOptions } from "./node/tree-dir.js";
