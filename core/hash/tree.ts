// tree1 (docs/LOCKFILE.md): the root hash of a file tree from its entries.
// Leaves go through the batch hasher in one call (the SIMD one in the SIMD
// build), entries are sorted by the bytes of their paths (memcmp order), the
// manifest `<f|x|l> <hex> <path>\n` is built in one buffer and hashed.
// Allocates per call (index arrays, the manifest): a tree is one call, not a hot loop.
import { sha256Into } from "./sha256";
import { E_INVALID_PATH, E_WIRE_FORMAT, STATUS_ERROR, STATUS_OK } from "../abi/codes";
import { putResult } from "../abi/results";
import { errorPayload } from "../abi/wire";

export const KIND_FILE: u32 = 0;
export const KIND_EXEC: u32 = 1;
export const KIND_SYMLINK: u32 = 2;
/** Bytes per entry descriptor: u32 kind, path ptr, path len, data ptr, data len. */
export const TREE_ENTRY_SIZE: usize = 20;

export class TreeResult {
  /** 32-byte root followed by the manifest; null on error. */
  bytes: ArrayBuffer | null = null;
  error: string = "";
  /** Index of the offending entry. */
  entry: i32 = -1;
}

// @ts-ignore: decorator
@inline function pathPtr(desc: usize, i: usize): usize {
  return <usize>load<u32>(desc + i * TREE_ENTRY_SIZE, 4);
}
// @ts-ignore: decorator
@inline function pathLen(desc: usize, i: usize): usize {
  return <usize>load<u32>(desc + i * TREE_ENTRY_SIZE, 8);
}

function compareBytes(a: usize, al: usize, b: usize, bl: usize): i32 {
  const n = al < bl ? al : bl;
  for (let k: usize = 0; k < n; k++) {
    const x = <i32>load<u8>(a + k), y = <i32>load<u8>(b + k);
    if (x != y) return x - y;
  }
  return al == bl ? 0 : al < bl ? -1 : 1;
}

function comparePaths(desc: usize, i: u32, j: u32): i32 {
  return compareBytes(pathPtr(desc, i), pathLen(desc, i), pathPtr(desc, j), pathLen(desc, j));
}

/** Why the path of entry i is invalid, or "". */
function pathProblem(p: usize, len: usize): string {
  if (len == 0) return "the path is empty";
  if (load<u8>(p) == 0x2f) return "the path is absolute";
  let segStart: usize = 0;
  for (let k: usize = 0; k <= len; k++) {
    const c: u32 = k < len ? <u32>load<u8>(p + k) : 0x2f;
    if (k < len && (c == 0 || c == 0x0a || c == 0x0d)) return "the path contains NUL, a newline or a carriage return";
    if (c == 0x2f) {
      const seg = k - segStart;
      if (seg == 0) return "the path has an empty segment";
      if (seg == 1 && load<u8>(p + segStart) == 0x2e) return "the path has a `.` segment";
      if (seg == 2 && load<u8>(p + segStart) == 0x2e && load<u8>(p + segStart + 1) == 0x2e) return "the path has a `..` segment";
      segStart = k + 1;
    }
  }
  return "";
}

/** Stable merge sort of entry indices by path bytes. */
function sortIndices(desc: usize, n: u32): Uint32Array {
  let a = new Uint32Array(n), b = new Uint32Array(n);
  for (let i: u32 = 0; i < n; i++) a[i] = i;
  for (let width: u32 = 1; width < n; width <<= 1) {
    for (let lo: u32 = 0; lo < n; lo += width << 1) {
      const mid = min(lo + width, n), hi = min(lo + (width << 1), n);
      let i = lo, j = mid, k = lo;
      while (i < mid && j < hi) b[k++] = comparePaths(desc, a[i], a[j]) <= 0 ? a[i++] : a[j++];
      while (i < mid) b[k++] = a[i++];
      while (j < hi) b[k++] = a[j++];
    }
    const t = a; a = b; b = t;
  }
  return a;
}

/** Is the byte string (p, len) the path of some entry? Binary search in sorted order. */
function isEntry(desc: usize, order: Uint32Array, p: usize, len: usize): bool {
  let lo = 0, hi = order.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const e = order[mid];
    const c = compareBytes(pathPtr(desc, e), pathLen(desc, e), p, len);
    if (c == 0) return true;
    if (c < 0) lo = mid + 1; else hi = mid;
  }
  return false;
}

const HEX: string = "0123456789abcdef";

export function tree1(desc: usize, n: u32, hashMany: (desc: usize, n: usize, out: usize) => void): TreeResult {
  const r = new TreeResult();
  let manifestLen: usize = 0;
  for (let i: u32 = 0; i < n; i++) {
    const kind = load<u32>(desc + <usize>i * TREE_ENTRY_SIZE);
    if (kind > KIND_SYMLINK) { r.error = "unknown entry kind (0 file, 1 exec, 2 symlink)"; r.entry = <i32>i; return r; }
    const problem = pathProblem(pathPtr(desc, i), pathLen(desc, i));
    if (problem.length > 0) { r.error = problem; r.entry = <i32>i; return r; }
    manifestLen += 68 + pathLen(desc, i);
  }
  const order = sortIndices(desc, n);
  for (let k: i32 = 0; k < <i32>n; k++) {
    const e = order[k];
    if (k > 0 && comparePaths(desc, order[k - 1], e) == 0) { r.error = "the path is listed twice"; r.entry = <i32>e; return r; }
    // A path must not also be a directory of another entry.
    const p = pathPtr(desc, e), len = pathLen(desc, e);
    for (let s: usize = 1; s < len; s++) {
      if (load<u8>(p + s) == 0x2f && isEntry(desc, order, p, s)) { r.error = "a directory of this path is itself an entry"; r.entry = <i32>e; return r; }
    }
  }
  // Leaves: one batch call over (data ptr, data len) pairs.
  const leafDesc = heap.alloc(<usize>max<u32>(n, 1) << 3);
  const leaves = heap.alloc(<usize>max<u32>(n, 1) << 5);
  for (let i: u32 = 0; i < n; i++) {
    store<u32>(leafDesc + (<usize>i << 3), load<u32>(desc + <usize>i * TREE_ENTRY_SIZE, 12));
    store<u32>(leafDesc + (<usize>i << 3), load<u32>(desc + <usize>i * TREE_ENTRY_SIZE, 16), 4);
  }
  hashMany(leafDesc, <usize>n, leaves);
  const out = new ArrayBuffer(<i32>manifestLen + 32);
  const base = changetype<usize>(out);
  let w = base + 32;
  const hex = changetype<usize>(HEX);
  for (let k: i32 = 0; k < <i32>n; k++) {
    const e = order[k];
    const kind = load<u32>(desc + <usize>e * TREE_ENTRY_SIZE);
    store<u8>(w, kind == KIND_FILE ? 0x66 : kind == KIND_EXEC ? 0x78 : 0x6c);
    store<u8>(w + 1, 0x20);
    w += 2;
    const d = leaves + (<usize>e << 5);
    for (let j: usize = 0; j < 32; j++) {
      const byte = <usize>load<u8>(d + j);
      store<u8>(w, load<u16>(hex + ((byte >> 4) << 1)));
      store<u8>(w + 1, load<u16>(hex + ((byte & 15) << 1)));
      w += 2;
    }
    store<u8>(w, 0x20);
    w += 1;
    const p = pathPtr(desc, e), len = pathLen(desc, e);
    memory.copy(w, p, len);
    w += len;
    store<u8>(w, 0x0a);
    w += 1;
  }
  heap.free(leafDesc);
  heap.free(leaves);
  sha256Into(base + 32, manifestLen, base);
  r.bytes = out;
  return r;
}

/** The ABI result handle for a tree1 computation (shared by both builds). */
export function treeResultHandle(r: TreeResult): u32 {
  const bytes = r.bytes;
  if (bytes === null) {
    const code = r.error.startsWith("unknown entry kind") ? E_WIRE_FORMAT : E_INVALID_PATH;
    return putResult(STATUS_ERROR, errorPayload(code, r.error, r.entry));
  }
  return putResult(STATUS_OK, bytes);
}
