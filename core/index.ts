// The Wasm module's export surface. Each area of the core exports through its
// own file under abi/; this entry only gathers them.
export * from "./abi/runtime_exports";
