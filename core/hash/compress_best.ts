// The compressors for one message stream: in the SIMD build the scalar rounds
// with a v128 message schedule (compress_simd.ts), else the plain scalar code
// (compress.ts). ASC_FEATURE_SIMD is a compile-time constant, so each build
// compiles only its own branch and the baseline stays free of SIMD.
import { compressBlocks, sha256Of64 } from "./compress";
import { compressBlocksV, sha256Of64V } from "./compress_simd";

/** Compresses `n` consecutive 64-byte blocks at `p` into the eight state words at `st`. */
// @ts-ignore: decorator
@inline export function compressStream(st: usize, p: usize, n: usize): void {
  if (ASC_FEATURE_SIMD) compressBlocksV(st, p, n);
  else compressBlocks(st, p, n);
}

/** SHA-256 of exactly 64 bytes at `p`, digest to `out`. */
// @ts-ignore: decorator
@inline export function hash64(p: usize, out: usize): void {
  if (ASC_FEATURE_SIMD) sha256Of64V(p, out);
  else sha256Of64(p, out);
}
