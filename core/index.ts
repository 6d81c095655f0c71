// The Wasm module's export surface. Each area of the core exports through its
// own file under abi/; this entry only gathers them.
export * from "./abi/runtime_exports";
export * from "./abi/hash_exports";
export * from "./abi/semver_exports";
export * from "./abi/session_exports";
