// The hashing ABI of both Wasm builds, driven raw (alloc, write, call, read),
// as a non-JS host would: known-answer vectors, every length 0..4096, random
// lengths up to 64 MiB, streaming with random splits, batches.
import { describe, it, expect } from "vitest";
import { readFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { SHORT_MSG, LONG_MSG, FIPS_180 } from "./vectors.js";

const ref = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");
const hex = (b: Uint8Array) => Buffer.from(b).toString("hex");

interface X {
  memory: WebAssembly.Memory;
  alloc(n: number): number;
  dealloc(p: number): void;
  hash_lanes(): number;
  sha256(p: number, n: number, out: number): void;
  sha256_state_size(): number;
  sha256_init(st: number): void;
  sha256_update(st: number, p: number, n: number): number;
  sha256_final(st: number, out: number): number;
  sha256_many(desc: number, n: number, out: number): void;
}

const BUILDS = { scalar: "build/cairn.wasm", simd: "build/cairn.simd.wasm" } as const;
const load = (f: string) => new WebAssembly.Instance(new WebAssembly.Module(readFileSync(f)), {}).exports as unknown as X;

function rng(seed: number) {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13; x >>>= 0; x ^= x >>> 17; x ^= x << 5; x >>>= 0;
    return x;
  };
}
function randomBytes(len: number, seed: number): Uint8Array {
  const r = rng(seed);
  const out = new Uint8Array(len);
  const w = new Uint32Array(out.buffer, 0, len >>> 2);
  for (let i = 0; i < w.length; i++) w[i] = r();
  for (let i = w.length * 4; i < len; i++) out[i] = r() & 255;
  return out;
}

class Raw {
  constructor(readonly x: X) {}
  put(b: Uint8Array): number {
    const p = this.x.alloc(Math.max(1, b.length)) >>> 0;
    new Uint8Array(this.x.memory.buffer).set(b, p);
    return p;
  }
  get(p: number, n: number): Uint8Array {
    return new Uint8Array(this.x.memory.buffer, p, n).slice();
  }
  one(b: Uint8Array): string {
    const p = this.put(b), out = this.x.alloc(32) >>> 0;
    this.x.sha256(p, b.length, out);
    const d = hex(this.get(out, 32));
    this.x.dealloc(p); this.x.dealloc(out);
    return d;
  }
  stream(b: Uint8Array, seed: number, maxChunk: number): string {
    const r = rng(seed);
    const st = this.x.alloc(this.x.sha256_state_size()) >>> 0, out = this.x.alloc(32) >>> 0;
    this.x.sha256_init(st);
    const p = this.put(b);
    for (let at = 0; at < b.length; ) {
      const n = Math.min(b.length - at, r() % (maxChunk + 1));
      expect(this.x.sha256_update(st, p + at, n)).toBe(0);
      at += n;
    }
    expect(this.x.sha256_final(st, out)).toBe(0);
    const d = hex(this.get(out, 32));
    this.x.dealloc(p); this.x.dealloc(st); this.x.dealloc(out);
    return d;
  }
  many(list: Uint8Array[]): string[] {
    const ptrs = list.map((b) => this.put(b));
    const desc = this.x.alloc(8 * list.length + 1) >>> 0, out = this.x.alloc(32 * list.length + 1) >>> 0;
    const dv = new DataView(this.x.memory.buffer);
    list.forEach((b, i) => { dv.setUint32(desc + 8 * i, ptrs[i], true); dv.setUint32(desc + 8 * i + 4, b.length, true); });
    this.x.sha256_many(desc, list.length, out);
    const all = this.get(out, 32 * list.length);
    ptrs.forEach((p) => this.x.dealloc(p));
    this.x.dealloc(desc); this.x.dealloc(out);
    return list.map((_, i) => hex(all.subarray(32 * i, 32 * i + 32)));
  }
}

describe("the Wasm hash builds", () => {
  it("import nothing and export the same hashing ABI", () => {
    const names = (f: string) => WebAssembly.Module.exports(new WebAssembly.Module(readFileSync(f))).map((e) => e.name);
    for (const f of Object.values(BUILDS)) {
      expect(WebAssembly.Module.imports(new WebAssembly.Module(readFileSync(f))), f).toEqual([]);
      expect(names(f)).toEqual(expect.arrayContaining(["hash_window", "hash_window_size", "hash_lanes", "sha256", "sha256_state_size", "sha256_init", "sha256_update", "sha256_final", "sha256_many", "alloc", "dealloc", "abi_version", "memory"]));
    }
    expect(load(BUILDS.scalar).hash_lanes()).toBe(1);
    expect(load(BUILDS.simd).hash_lanes()).toBe(4);
  });

  it("the baseline module has no SIMD instruction (wasm2c-safe) and the SIMD module has", () => {
    const simdOps = (f: string) => execFileSync("wasm-objdump", ["-d", f], { maxBuffer: 256 << 20 }).toString().split("\n").filter((l) => /\b(v128|[if](8x16|16x8|32x4|64x2))\./.test(l)).length;
    expect(simdOps(BUILDS.scalar)).toBe(0);
    expect(simdOps("build/cairn.debug.wasm")).toBe(0);
    expect(simdOps(BUILDS.simd)).toBeGreaterThan(1000);
  });

  for (const [build, file] of Object.entries(BUILDS)) {
    describe(build, () => {
      const raw = new Raw(load(file));

      it("NIST CAVS short and long messages and the FIPS 180-2 examples: single, streaming and batch", () => {
        const all = [...SHORT_MSG, ...LONG_MSG, ...FIPS_180];
        const msgs = all.map(([m]) => Buffer.from(m, "hex"));
        const want = all.map(([, d]) => d);
        expect(msgs.map((m) => raw.one(m))).toEqual(want);
        expect(msgs.map((m, i) => raw.stream(m, i + 1, 97))).toEqual(want);
        expect(raw.many(msgs)).toEqual(want);
        expect(raw.many([...msgs].reverse())).toEqual([...want].reverse());
      });

      it("every length 0..4096: single, streaming, and one batch of all of them", () => {
        const data = randomBytes(4096, 42);
        const list = Array.from({ length: 4097 }, (_, n) => data.subarray(0, n));
        const want = list.map(ref);
        const single = list.map((b) => raw.one(b));
        expect(single.filter((d, n) => d !== want[n]).length).toBe(0);
        const streamed = list.map((b, n) => raw.stream(b, n + 7, 150));
        expect(streamed.filter((d, n) => d !== want[n]).length).toBe(0);
        const batch = raw.many(list);
        expect(batch.filter((d, n) => d !== want[n]).length).toBe(0);
      });

      it("exactly 64-byte messages (the fused two-block path), unaligned too: single and batch", () => {
        const data = randomBytes(64 * 1000 + 3, 64);
        const list = Array.from({ length: 1000 }, (_, i) => data.subarray(64 * i + (i % 4), 64 * i + (i % 4) + 64));
        const want = list.map(ref);
        expect(list.map((b) => raw.one(b)).filter((d, i) => d !== want[i]).length).toBe(0);
        expect(raw.many(list)).toEqual(want);
        // The all-ones and all-zeros words exercise every carry of the schedule and rounds.
        for (const fill of [0, 0xff]) expect(raw.one(new Uint8Array(64).fill(fill))).toBe(ref(new Uint8Array(64).fill(fill)));
      });

      it("multi-block streams whose blocks vary: every block count 1..80 of random data (the stream compressor)", () => {
        for (let blocks = 1; blocks <= 80; blocks++) {
          const b = randomBytes(64 * blocks, 500 + blocks);
          expect(raw.one(b)).toBe(ref(b));
          expect(raw.stream(b, blocks, 64 * 7)).toBe(ref(b));
        }
      });

      it("random batches of mixed lengths, sizes 1..9", () => {
        const r = rng(99);
        for (let t = 0; t < 200; t++) {
          const list = Array.from({ length: 1 + (r() % 9) }, (_, i) => randomBytes(r() % (i === 0 ? 3000 : 300), r()));
          expect(raw.many(list)).toEqual(list.map(ref));
        }
      });

      it("random lengths up to 64 MiB: single, streaming (random splits) and batch", () => {
        const r = rng(build === "simd" ? 5 : 6);
        const lens = [64 * 1024 * 1024, 1 + (r() % (64 * 1024 * 1024))];
        for (const [k, len] of lens.entries()) {
          const b = randomBytes(len, 1000 + k);
          const want = ref(b);
          expect(raw.one(b)).toBe(want);
          expect(raw.stream(b, k + 3, 9 << 20)).toBe(want);
          if (k === 1) expect(raw.many([b.subarray(0, 100), b, b.subarray(3), randomBytes(70, 1)])).toEqual([ref(b.subarray(0, 100)), want, ref(b.subarray(3)), ref(randomBytes(70, 1))]);
        }
      }, 120_000);

      it("refuses a stream state that was never initialised or is already final", () => {
        const x = raw.x;
        const st = x.alloc(x.sha256_state_size()) >>> 0, out = x.alloc(32) >>> 0;
        new Uint8Array(x.memory.buffer, st, x.sha256_state_size()).fill(0);
        expect(x.sha256_update(st, out, 1)).toBe(102); // E_BAD_HANDLE
        x.sha256_init(st);
        expect(x.sha256_final(st, out)).toBe(0);
        expect(hex(raw.get(out, 32))).toBe(ref(new Uint8Array(0)));
        expect(x.sha256_final(st, out)).toBe(102);
      });
    });
  }
});

describe("the SIMD batch scheduler", () => {
  const raw = new Raw(load(BUILDS.simd));
  it("runs all-64-byte batches (the precomputed padding block) and mixes with other lengths", () => {
    const r = rng(11);
    const l64 = Array.from({ length: 4099 }, (_, i) => randomBytes(64, i + 1));
    expect(raw.many(l64)).toEqual(l64.map(ref));
    for (let t = 0; t < 100; t++) {
      const list = Array.from({ length: 1 + (r() % 12) }, (_, i) => randomBytes(r() % 3 === 0 ? 64 : r() % 200, t * 100 + i));
      expect(raw.many(list)).toEqual(list.map(ref));
    }
  });
  it("batches of more than eight use the fifth, scalar lane: 64-byte runs out of step, mixed and equal lengths", () => {
    const r = rng(23);
    for (let t = 0; t < 150; t++) {
      const n = 9 + (r() % 40);
      const kind = t % 3;
      // 0: mostly 64-byte messages with a few others (the scalar lane at its padding block
      // while the vector lanes are not, and the reverse); 1: random lengths; 2: all equal.
      const len = (i: number) => (kind === 0 ? (r() % 5 === 0 ? r() % 300 : 64) : kind === 1 ? r() % 2000 : 64 * (1 + (t % 7)));
      const list = Array.from({ length: n }, (_, i) => randomBytes(len(i), t * 1000 + i));
      expect(raw.many(list)).toEqual(list.map(ref));
    }
  });
  it("all-64-byte batches take groups of five, the remainder the lanes: every count 1..40", () => {
    for (let n = 1; n <= 40; n++) {
      const list = Array.from({ length: n }, (_, i) => randomBytes(64, n * 100 + i));
      expect(raw.many(list)).toEqual(list.map(ref));
    }
  });
  it("one long message among short ones (the straggler finishes on the scalar path)", () => {
    const list = [randomBytes(200_000, 1), ...Array.from({ length: 9 }, (_, i) => randomBytes(i * 10, i + 2))];
    expect(raw.many(list)).toEqual(list.map(ref));
    expect(raw.many([...list].reverse())).toEqual([...list].reverse().map(ref));
  });
});
