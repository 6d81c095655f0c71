// The baseline core module, inlined at build time so the CLI and the library
// are single files that need no fetch or file read to start.
import coreWasm from "../../build/cairn.wasm";

export const CORE_WASM: Uint8Array<ArrayBuffer> = coreWasm;
