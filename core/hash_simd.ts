// Entry of the SIMD hash engine (build/cairn.simd.wasm, asconfig target
// "simd", built with --enable simd). It carries only the digest ABI and the
// runtime basics; hosts pick it after feature-detecting Wasm SIMD and fall
// back to the baseline module, which exports the same functions. tree1_hash
// stays in the baseline only: every host that runs SIMD is a JS engine, where
// the bindings build the manifest and hash the leaves here (keeps this module small).
export { abi_version, alloc, dealloc, last_error_ptr, last_error_len } from "./abi/runtime_exports";
export { hash_window, hash_window_size, sha256, sha256_state_size, sha256_init, sha256_update, sha256_final } from "./abi/hash_exports";
import { sha256ManySimd } from "./hash/many_simd";

export function hash_lanes(): i32 {
  return 4;
}

/** Same contract as the baseline sha256_many, four messages at a time. */
export function sha256_many(desc: usize, n: usize, out: usize): void {
  sha256ManySimd(desc, n, out);
}
