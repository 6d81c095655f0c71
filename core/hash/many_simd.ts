// Batch hashing, four-lane SIMD multi-buffer. Four messages are in flight at
// once, one per v128 lane, and each step compresses one 64-byte block of every
// busy lane in a single compress4. A lane that finishes writes its digest and
// takes the next message at once, so lanes stay busy whatever the length mix;
// idle vector lanes (at the very end) point at a zero block, and a lone last
// straggler is finished by the scalar code instead of wasting the vector lanes.
// A fifth, scalar lane (compress4x1: scalar rounds interleaved with the vector
// ones) is kept behind FIFTH_LANE, off: see there for why.
// No allocation: lane bookkeeping, padded tails and the lane states are static.
import { compress4, compress4Pad64, compress4x1, compress4x1Pad64, sha256x4Of64 } from "./compress_simd";
import { compressStream } from "./compress_best";
import { buildTail, setIV, writeDigest } from "./sha256";

// Lanes 0-3 are the v128 columns, lane 4 (SCALAR) the scalar one.
const LANES: usize = 5;
const SCALAR: usize = 4;
// Whether the fifth (scalar) lane is used at all. compress4x1 is ~38 KB of
// straight-line machine code in TurboFan, more than the 32 KiB L1i of the Xeons
// this runs on, so every call re-fetches its code from L2 and the step becomes
// front-end bound: on the Emerald Rapids machine (2026-12-07) compress4x1 hashed
// 5 blocks at ~420 MB/s against compress4's 4 blocks at ~875 MB/s (24 KB, fits).
// A rolled compress4x1 (16-round loop, fits the caches) still made only 817-830
// MB/s of blocks against 873-878 for the rolled compress4: the scalar rounds
// take the vector ALU ports compress4 already saturates. Keep it off.
const FIFTH_LANE = false;

// Per lane (32 bytes): i32 message index (-1 idle), u32 data ptr, u32 full
// blocks left, u32 tail blocks left, u32 tail blocks total, u32 1 if the
// message is exactly 64 bytes (its tail is the constant padding block),
// u32 ptr of its tail block(s).
// @ts-ignore: decorator
@lazy const lanes: usize = memory.data(<i32>LANES * 32, 16);
// @ts-ignore: decorator
@lazy const tails: usize = memory.data(<i32>LANES * 128, 16);
// Lanes 0-3: word j of lane l at state4 + 16j + 4l. Lane 4: eight words at state1.
// @ts-ignore: decorator
@lazy const state4: usize = memory.data(8 * 16, 16);
// @ts-ignore: decorator
@lazy const state1: usize = memory.data(32, 16);
// @ts-ignore: decorator
@lazy const zeroBlock: usize = memory.data(64, 16);
// @ts-ignore: decorator
@lazy const single: usize = memory.data(32, 16);
// The padding block of every 64-byte message: 0x80, zeros, bit length 512 (big-endian).
// @ts-ignore: decorator
@lazy const pad64Block: usize = memory.data<u8>([0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0], 16);

// @ts-ignore: decorator
@inline function laneAt(l: usize): usize {
  return lanes + (l << 5);
}

// @ts-ignore: decorator
@inline function busy(l: usize): bool {
  return load<i32>(laneAt(l)) >= 0;
}

function startLane(l: usize, i: usize, desc: usize): void {
  const d = desc + (i << 3);
  const p = <usize>load<u32>(d);
  const len = <usize>load<u32>(d, 4);
  const full = len >> 6;
  // A 64-byte message's tail is the shared constant block: nothing to build.
  const tail = len == 64 ? pad64Block : tails + (l << 7);
  const t: usize = len == 64 ? 1 : buildTail(tail, p + (full << 6), len & 63, <u64>len);
  const L = laneAt(l);
  store<i32>(L, <i32>i);
  store<u32>(L, <u32>p, 4);
  store<u32>(L, <u32>full, 8);
  store<u32>(L, <u32>t, 12);
  store<u32>(L, <u32>t, 16);
  store<u32>(L, len == 64 ? 1 : 0, 20);
  store<u32>(L, <u32>tail, 24);
  if (l == SCALAR) {
    setIV(state1);
    return;
  }
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
  return <usize>load<u32>(L, 24) + (<usize>(load<u32>(L, 16) - left) << 6);
}

/** Lane l is busy with a 64-byte message and has only its padding block left. */
// @ts-ignore: decorator
@inline function atPad64(l: usize): bool {
  const L = laneAt(l);
  return load<i32>(L) >= 0 && load<u32>(L, 20) != 0 && load<u32>(L, 8) == 0;
}

/** Consumes lane l's padding block (the caller compresses it from the precomputed schedule). */
// @ts-ignore: decorator
@inline function skipPad64(l: usize): void {
  store<u32>(laneAt(l), 0, 12);
}

/** Full blocks every busy lane still has: 0 if a vector lane is idle or any busy lane is in its tail. */
function commonFullRun(): u32 {
  let m: u32 = 0xffffffff;
  for (let l: usize = 0; l < LANES; l++) {
    const L = laneAt(l);
    if (load<i32>(L) < 0) {
      if (l == SCALAR) continue; // an idle scalar lane is simply left out
      return 0;
    }
    m = min<u32>(m, load<u32>(L, 8));
  }
  return m;
}

function laneDone(l: usize): bool {
  const L = laneAt(l);
  return load<i32>(L) >= 0 && load<u32>(L, 8) == 0 && load<u32>(L, 12) == 0;
}

function writeLaneDigest(l: usize, out: usize): void {
  const o = out + (<usize>load<i32>(laneAt(l)) << 5);
  if (l == SCALAR) {
    writeDigest(state1, o);
    return;
  }
  writeColumnDigest(l, o);
}

/** The digest of vector lane l's column of state4, to o. */
// @ts-ignore: decorator
@inline function writeColumnDigest(l: usize, o: usize): void {
  for (let j: usize = 0; j < 8; j++) store<u32>(o + (j << 2), bswap<u32>(load<u32>(state4 + (j << 4) + (l << 2))));
}

/** Finishes lane l's message with the one-stream compressor. */
function finishScalar(l: usize, out: usize): void {
  const L = laneAt(l);
  let st = state1;
  if (l != SCALAR) {
    st = single;
    for (let j: usize = 0; j < 8; j++) store<u32>(st + (j << 2), load<u32>(state4 + (j << 4) + (l << 2)));
  }
  const full = <usize>load<u32>(L, 8);
  if (full > 0) compressStream(st, <usize>load<u32>(L, 4), full);
  const left = <usize>load<u32>(L, 12);
  if (left > 0) compressStream(st, <usize>load<u32>(L, 24) + ((<usize>load<u32>(L, 16) - left) << 6), left);
  writeDigest(st, out + (<usize>load<i32>(L) << 5));
  store<i32>(L, -1);
}

export function sha256ManySimd(desc: usize, n: usize, out: usize): void {
  // All 64-byte messages (Merkle nodes, small records): straight groups of
  // five in lockstep, no lane bookkeeping; the rest through the lanes.
  let i: usize = 0;
  if (n > 8 && all64(desc, n)) {
    if (FIFTH_LANE) for (; i + 5 <= n; i += 5) five64(desc + (i << 3), out + (i << 5));
    else for (; i + 4 <= n; i += 4) four64(desc + (i << 3), out + (i << 5));
  }
  if (i < n) lanesMany(desc + (i << 3), n - i, out + (i << 5));
}

function all64(desc: usize, n: usize): bool {
  for (let i: usize = 0; i < n; i++) if (load<u32>(desc + (i << 3), 4) != 64) return false;
  return true;
}

/** Five 64-byte messages (descriptors at desc), digests to out .. out + 160. */
function five64(desc: usize, out: usize): void {
  v128.store(state4, i32x4.splat(0x6a09e667), 0);
  v128.store(state4, i32x4.splat(0xbb67ae85), 16);
  v128.store(state4, i32x4.splat(0x3c6ef372), 32);
  v128.store(state4, i32x4.splat(0xa54ff53a), 48);
  v128.store(state4, i32x4.splat(0x510e527f), 64);
  v128.store(state4, i32x4.splat(0x9b05688c), 80);
  v128.store(state4, i32x4.splat(0x1f83d9ab), 96);
  v128.store(state4, i32x4.splat(0x5be0cd19), 112);
  setIV(state1);
  compress4x1(state4, <usize>load<u32>(desc), <usize>load<u32>(desc, 8), <usize>load<u32>(desc, 16), <usize>load<u32>(desc, 24), state1, <usize>load<u32>(desc, 32));
  compress4x1Pad64(state4, state1);
  for (let l: usize = 0; l < 4; l++) writeColumnDigest(l, out + (l << 5));
  writeDigest(state1, out + 128);
}

/**
 * Four 64-byte messages (descriptors at desc), digests to out .. out + 128:
 * one fused function, state in locals (no state4 round trip, no per-lane
 * digest loop). Wasm time of a 4,096 × 64 B batch on the Emerald Rapids VM
 * (2026-12-07): 137 ns/message with compress4 + compress4Pad64 + writeColumnDigest, 132 fused.
 */
// @ts-ignore: decorator
@inline function four64(desc: usize, out: usize): void {
  sha256x4Of64(<usize>load<u32>(desc), <usize>load<u32>(desc, 8), <usize>load<u32>(desc, 16), <usize>load<u32>(desc, 24), out);
}

function lanesMany(desc: usize, n: usize, out: usize): void {
  let next: usize = 0;
  let active = 0;
  // A compress4x1 step costs ~1.2 compress4 steps, so the scalar lane pays
  // only when it saves a round: not for eight or fewer messages.
  const used: usize = FIFTH_LANE && n > 8 ? LANES : 4;
  for (let l: usize = 0; l < LANES; l++) {
    if (next < n && l < used) {
      startLane(l, next++, desc);
      active++;
    } else {
      store<i32>(laneAt(l), -1);
    }
  }
  while (active > 0) {
    if (active == 1 && next >= n) {
      for (let l: usize = 0; l < LANES; l++) if (busy(l)) finishScalar(l, out);
      return;
    }
    const run = commonFullRun();
    if (run > 0) {
      // Every lane is inside its message's full blocks (most of a tree of
      // similar-sized files): run them without per-block lane bookkeeping.
      let p0 = <usize>load<u32>(laneAt(0), 4), p1 = <usize>load<u32>(laneAt(1), 4), p2 = <usize>load<u32>(laneAt(2), 4);
      let p3 = <usize>load<u32>(laneAt(3), 4), q = <usize>load<u32>(laneAt(SCALAR), 4);
      const five = busy(SCALAR);
      for (let k: u32 = 0; k < run; k++) {
        if (five) compress4x1(state4, p0, p1, p2, p3, state1, q);
        else compress4(state4, p0, p1, p2, p3);
        p0 += 64;
        p1 += 64;
        p2 += 64;
        p3 += 64;
        q += 64;
      }
      for (let l: usize = 0; l < LANES; l++) {
        const L = laneAt(l);
        if (load<i32>(L) < 0) continue;
        store<u32>(L, load<u32>(L, 4) + (run << 6), 4);
        store<u32>(L, load<u32>(L, 8) - run, 8);
      }
      continue; // no lane can be done: each still has its tail
    }
    // Batches of 64-byte messages (Merkle nodes, small records) run in lockstep.
    const pad4 = atPad64(0) && atPad64(1) && atPad64(2) && atPad64(3);
    if (pad4) {
      for (let l: usize = 0; l < 4; l++) skipPad64(l);
      if (atPad64(SCALAR)) {
        skipPad64(SCALAR);
        compress4x1Pad64(state4, state1);
      } else {
        compress4Pad64(state4); // the scalar lane waits one step
      }
    } else {
      const p0 = nextBlock(0), p1 = nextBlock(1), p2 = nextBlock(2), p3 = nextBlock(3);
      if (busy(SCALAR)) compress4x1(state4, p0, p1, p2, p3, state1, nextBlock(SCALAR));
      else compress4(state4, p0, p1, p2, p3);
    }
    for (let l: usize = 0; l < LANES; l++) {
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
