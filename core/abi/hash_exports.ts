// The hashing ABI (docs/ABI.md "Hashing"): SHA-256 one-shot, streaming and
// batch over host-chosen memory, plus a ready input window so a host needs no
// alloc/free per digest. Identical in the baseline module and in the SIMD
// module (core/hash_simd.ts), except that the SIMD build's sha256_many is the
// four-lane one.
import { collectPoint, callUnits } from "./collect";
import { E_BAD_HANDLE } from "./codes";
import { tree1, treeResultHandle } from "../hash/tree";
import { STATE_SIZE, sha256Into, streamInit, streamValid, streamUpdate, streamFinal } from "../hash/sha256";
import { sha256ManyScalar } from "../hash/many";

/** Size of the input window in bytes (1 MiB): big enough that bulk data costs few crossings. */
const HASH_WINDOW_SIZE: usize = 1 << 20;
let windowPtr: usize = 0;

/** The hash input window: HASH_WINDOW_SIZE bytes owned by the core, allocated once. */
export function hash_window(): usize {
  if (windowPtr == 0) windowPtr = heap.alloc(HASH_WINDOW_SIZE);
  return windowPtr;
}

export function hash_window_size(): usize {
  return HASH_WINDOW_SIZE;
}

/** How many messages sha256_many hashes at once: 1 here, 4 in the SIMD build. */
export function hash_lanes(): i32 {
  return 1;
}

/** SHA-256 of `len` bytes at `ptr`; the 32-byte digest is written at `out`. */
export function sha256(ptr: usize, len: usize, out: usize): void {
  sha256Into(ptr, len, out);
}

export function sha256_state_size(): i32 {
  return STATE_SIZE;
}

/** Starts a stream in the host's STATE_SIZE-byte block at `st`. */
export function sha256_init(st: usize): void {
  streamInit(st);
}

/** Feeds `len` bytes at `ptr`. Returns 0, or E_BAD_HANDLE if `st` is not an open stream. */
export function sha256_update(st: usize, ptr: usize, len: usize): i32 {
  if (!streamValid(st)) return E_BAD_HANDLE;
  streamUpdate(st, ptr, len);
  return 0;
}

/** Writes the digest at `out` and closes the stream. Returns 0 or E_BAD_HANDLE. */
export function sha256_final(st: usize, out: usize): i32 {
  if (!streamValid(st)) return E_BAD_HANDLE;
  streamFinal(st, out);
  return 0;
}

/** `n` messages described by (u32 ptr, u32 len) at `desc`; digest i at out + 32·i. */
export function sha256_many(desc: usize, n: usize, out: usize): void {
  sha256ManyScalar(desc, n, out);
}

/**
 * tree1 of `n` entries, each 5 × u32 at `desc`: kind (0 file, 1 exec,
 * 2 symlink), path ptr, path len, data ptr, data len (file bytes, or the link
 * target). Returns a result handle: 32-byte root digest, then the manifest;
 * or an error payload whose position is the offending entry's index.
 */
export function tree1_hash(desc: usize, n: u32): u32 {
  collectPoint(callUnits(<i32>n * 64));
  return treeResultHandle(tree1(desc, n, sha256ManyScalar));
}
