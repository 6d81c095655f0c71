// SHA-256 over linear memory: one-shot and streaming. Nothing here allocates:
// one-shot work uses static scratch (state + a two-block tail), and a stream's
// state lives in a block the host owns (STATE_SIZE bytes), so any number of
// streams can be open at once and a digest costs one Wasm call.
import { compressStream as compressBlocks, hash64 } from "./compress_best";

// Stream state layout (bytes):
//   0  u32[8] chaining value     32  u8[64] pending partial block
//  96  u64 bytes hashed so far  104  u32 pending byte count   108  u32 magic
export const STATE_SIZE: i32 = 112;
const ST_BUF: usize = 32;
const ST_TOTAL: usize = 96;
const ST_PENDING: usize = 104;
const ST_MAGIC: usize = 108;
// Marks an initialised, not yet finalised stream, so a stray or finished
// state block is refused instead of producing a wrong digest.
const MAGIC: u32 = 0x32414853; // "SHA2"

// @ts-ignore: decorator
@lazy const scratchState: usize = memory.data(32, 16);
// @ts-ignore: decorator
@lazy const scratchTail: usize = memory.data(128, 16);

// @ts-ignore: decorator
@inline export function setIV(st: usize): void {
  store<u32>(st, 0x6a09e667, 0);
  store<u32>(st, 0xbb67ae85, 4);
  store<u32>(st, 0x3c6ef372, 8);
  store<u32>(st, 0xa54ff53a, 12);
  store<u32>(st, 0x510e527f, 16);
  store<u32>(st, 0x9b05688c, 20);
  store<u32>(st, 0x1f83d9ab, 24);
  store<u32>(st, 0x5be0cd19, 28);
}

/** Writes the big-endian digest of the chaining value at `st` to `out`. */
// @ts-ignore: decorator
@inline export function writeDigest(st: usize, out: usize): void {
  for (let j: usize = 0; j < 32; j += 4) store<u32>(out + j, bswap<u32>(load<u32>(st + j)));
}

/**
 * Builds the padded final block(s) of a message whose last `rem` (< 64) bytes
 * are at `src` and whose total length is `total` bytes. Returns the block count (1 or 2).
 */
export function buildTail(tail: usize, src: usize, rem: usize, total: u64): usize {
  const blocks: usize = rem + 9 <= 64 ? 1 : 2;
  const end = tail + (blocks << 6);
  // Plain word loops: V8 runs memory.fill/copy out of line, which costs more
  // than the copy itself at these sizes and shows on 64-byte messages.
  for (let q = tail; q < end; q += 8) store<u64>(q, 0);
  let i: usize = 0;
  for (; i + 8 <= rem; i += 8) store<u64>(tail + i, load<u64>(src + i));
  for (; i < rem; i++) store<u8>(tail + i, load<u8>(src + i));
  store<u8>(tail + rem, 0x80);
  store<u64>(end - 8, bswap<u64>(total << 3));
  return blocks;
}

/** SHA-256 of `len` bytes at `p`, written to `out` (32 bytes). */
export function sha256Into(p: usize, len: usize, out: usize): void {
  if (len == 64) {
    hash64(p, out);
    return;
  }
  const st = scratchState;
  setIV(st);
  const full = len >> 6;
  if (full > 0) compressBlocks(st, p, full);
  const n = buildTail(scratchTail, p + (full << 6), len & 63, <u64>len);
  compressBlocks(st, scratchTail, n);
  writeDigest(st, out);
}

export function streamInit(st: usize): void {
  setIV(st);
  store<u64>(st + ST_TOTAL, 0);
  store<u32>(st + ST_PENDING, 0);
  store<u32>(st + ST_MAGIC, MAGIC);
}

export function streamValid(st: usize): bool {
  return st != 0 && load<u32>(st + ST_MAGIC) == MAGIC && load<u32>(st + ST_PENDING) < 64;
}

export function streamUpdate(st: usize, p: usize, len: usize): void {
  if (len == 0) return;
  store<u64>(st + ST_TOTAL, load<u64>(st + ST_TOTAL) + <u64>len);
  let pending = <usize>load<u32>(st + ST_PENDING);
  const buf = st + ST_BUF;
  if (pending > 0) {
    const take = min<usize>(64 - pending, len);
    memory.copy(buf + pending, p, take);
    pending += take;
    p += take;
    len -= take;
    if (pending < 64) {
      store<u32>(st + ST_PENDING, <u32>pending);
      return;
    }
    compressBlocks(st, buf, 1);
    pending = 0;
  }
  const full = len >> 6;
  if (full > 0) compressBlocks(st, p, full);
  const rem = len & 63;
  if (rem > 0) memory.copy(buf, p + (full << 6), rem);
  store<u32>(st + ST_PENDING, <u32>rem);
}

export function streamFinal(st: usize, out: usize): void {
  const n = buildTail(scratchTail, st + ST_BUF, <usize>load<u32>(st + ST_PENDING), load<u64>(st + ST_TOTAL));
  compressBlocks(st, scratchTail, n);
  writeDigest(st, out);
  store<u32>(st + ST_MAGIC, 0);
}
