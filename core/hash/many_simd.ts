// Batch hashing, four-lane SIMD multi-buffer. Four messages are in flight at
// once, one per v128 lane; each step compresses one 64-byte block of every
// lane in a single compress4. A lane that finishes writes its digest and takes
// the next message at once, so lanes stay busy whatever the length mix; idle
// lanes (at the very end) point at a zero block, and a lone last straggler is
// finished by the scalar code instead of wasting three lanes. No allocation:
// lane bookkeeping, padded tails and the lane-interleaved state are static.
import { compress4, compress4Pad64 } from "./compress_simd";
import { compressBlocks } from "./compress";
import { buildTail, writeDigest } from "./sha256";

// Per lane (32 bytes): i32 message index (-1 idle), u32 data ptr, u32 full
// blocks left, u32 tail blocks left, u32 tail blocks total, u32 1 if the
// message is exactly 64 bytes (its tail is the constant padding block).
// @ts-ignore: decorator
@lazy const lanes: usize = memory.data(4 * 32, 16);
// @ts-ignore: decorator
@lazy const tails: usize = memory.data(4 * 128, 16);
// @ts-ignore: decorator
@lazy const state4: usize = memory.data(8 * 16, 16);
// @ts-ignore: decorator
@lazy const zeroBlock: usize = memory.data(64, 16);
// @ts-ignore: decorator
@lazy const single: usize = memory.data(32, 16);

// @ts-ignore: decorator
@inline function laneAt(l: usize): usize {
  return lanes + (l << 5);
}

function startLane(l: usize, i: usize, desc: usize): void {
  const d = desc + (i << 3);
  const p = <usize>load<u32>(d);
  const len = <usize>load<u32>(d, 4);
  const full = len >> 6;
  const t = buildTail(tails + (l << 7), p + (full << 6), len & 63, <u64>len);
  const L = laneAt(l);
  store<i32>(L, <i32>i);
  store<u32>(L, <u32>p, 4);
  store<u32>(L, <u32>full, 8);
  store<u32>(L, <u32>t, 12);
  store<u32>(L, <u32>t, 16);
  store<u32>(L, len == 64 ? 1 : 0, 20);
  // The SHA-256 initial value into this lane's column of the state.
  const s = state4 + (l << 2);
  store<u32>(s, 0x6a09e667, 0);
  store<u32>(s, 0xbb67ae85, 16);
  store<u32>(s, 0x3c6ef372, 32);
  store<u32>(s, 0xa54ff53a, 48);
  store<u32>(s, 0x510e527f, 64);
  store<u32>(s, 0x9b05688c, 80);
  store<u32>(s, 0x1f83d9ab, 96);
  store<u32>(s, 0x5be0cd19, 112);
}

/** Pointer to lane l's next block, advancing the lane; zeroBlock when idle. */
// @ts-ignore: decorator
@inline function nextBlock(l: usize): usize {
  const L = laneAt(l);
  if (load<i32>(L) < 0) return zeroBlock;
  const full = load<u32>(L, 8);
  if (full > 0) {
    const p = <usize>load<u32>(L, 4);
    store<u32>(L, <u32>(p + 64), 4);
    store<u32>(L, full - 1, 8);
    return p;
  }
  const left = load<u32>(L, 12);
  store<u32>(L, left - 1, 12);
  return tails + (l << 7) + (<usize>(load<u32>(L, 16) - left) << 6);
}

/** Every lane is busy with a 64-byte message and has only its padding block left. */
function allAtPad64(): bool {
  for (let l: usize = 0; l < 4; l++) {
    const L = laneAt(l);
    if (load<i32>(L) < 0 || load<u32>(L, 20) == 0 || load<u32>(L, 8) != 0) return false;
  }
  return true;
}

function laneDone(l: usize): bool {
  const L = laneAt(l);
  return load<i32>(L) >= 0 && load<u32>(L, 8) == 0 && load<u32>(L, 12) == 0;
}

function writeLaneDigest(l: usize, out: usize): void {
  const o = out + (<usize>load<i32>(laneAt(l)) << 5);
  for (let j: usize = 0; j < 8; j++) store<u32>(o + (j << 2), bswap<u32>(load<u32>(state4 + (j << 4) + (l << 2))));
}

/** Finishes lane l's message with the scalar compressor. */
function finishScalar(l: usize, out: usize): void {
  const L = laneAt(l);
  for (let j: usize = 0; j < 8; j++) store<u32>(single + (j << 2), load<u32>(state4 + (j << 4) + (l << 2)));
  const full = <usize>load<u32>(L, 8);
  if (full > 0) compressBlocks(single, <usize>load<u32>(L, 4), full);
  const left = <usize>load<u32>(L, 12);
  if (left > 0) compressBlocks(single, tails + (l << 7) + ((<usize>load<u32>(L, 16) - left) << 6), left);
  writeDigest(single, out + (<usize>load<i32>(L) << 5));
  store<i32>(L, -1);
}

export function sha256ManySimd(desc: usize, n: usize, out: usize): void {
  let next: usize = 0;
  let active = 0;
  for (let l: usize = 0; l < 4; l++) {
    if (next < n) {
      startLane(l, next++, desc);
      active++;
    } else {
      store<i32>(laneAt(l), -1);
    }
  }
  while (active > 0) {
    if (active == 1 && next >= n) {
      for (let l: usize = 0; l < 4; l++) if (load<i32>(laneAt(l)) >= 0) finishScalar(l, out);
      return;
    }
    if (allAtPad64()) {
      // Batches of 64-byte messages (Merkle nodes, small records) run in lockstep.
      for (let l: usize = 0; l < 4; l++) store<u32>(laneAt(l), 0, 12);
      compress4Pad64(state4);
    } else {
      compress4(state4, nextBlock(0), nextBlock(1), nextBlock(2), nextBlock(3));
    }
    for (let l: usize = 0; l < 4; l++) {
      if (!laneDone(l)) continue;
      writeLaneDigest(l, out);
      if (next < n) {
        startLane(l, next++, desc);
      } else {
        store<i32>(laneAt(l), -1);
        active--;
      }
    }
  }
}
