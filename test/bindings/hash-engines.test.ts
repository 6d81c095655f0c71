import { describe, it, expect } from "vitest";
import { createHash } from "node:crypto";
import { hashEngineSync, hashEngine, sha256, sha256Many, createSha256, wasmSimdSupported, toHex, AUTO_WASM_SINGLE_BELOW, AUTO_WASM_BATCH_BELOW, type HashEngine } from "../../bindings/hash.js";

const ref = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");

// Deterministic pseudo-random bytes (xorshift), so failures reproduce.
function bytes(len: number, seed: number): Uint8Array {
  const out = new Uint8Array(len);
  let x = (seed * 2654435761) >>> 0 || 1;
  for (let i = 0; i < len; i++) {
    x ^= x << 13; x >>>= 0; x ^= x >>> 17; x ^= x << 5; x >>>= 0;
    out[i] = x & 255;
  }
  return out;
}

const engines: [string, () => HashEngine][] = [
  ["wasm scalar", () => hashEngineSync("wasm", { simd: false })],
  ["wasm simd", () => hashEngineSync("wasm", { simd: true })],
  ["native", () => hashEngineSync("native")],
  ["auto", () => hashEngineSync("auto")],
];

describe("hash engines agree with node:crypto", () => {
  it("the host has Wasm SIMD (else the SIMD build is untested here)", () => {
    expect(wasmSimdSupported()).toBe(true);
  });

  for (const [name, make] of engines) {
    describe(name, () => {
      const e = make();
      const data = bytes(4096 + 200, 7);
      it("single digests for every length 0..4096", () => {
        for (let len = 0; len <= 4096; len++) {
          const b = data.subarray(len % 13, (len % 13) + len); // unaligned views too
          const d = e.sha256(b);
          expect(d.length).toBe(32);
          if (toHex(d) !== ref(b)) expect(`len ${len}: ${toHex(d)}`).toBe(`len ${len}: ${ref(b)}`);
        }
      });

      it("batch digests for every length 0..4096, in one list and in shuffled order", () => {
        const list = Array.from({ length: 4097 }, (_, len) => data.subarray(len % 7, (len % 7) + len));
        for (let k = list.length - 1; k > 0; k--) {
          const j = (k * 7919) % (k + 1);
          [list[k], list[j]] = [list[j], list[k]];
        }
        const got = e.sha256Many(list);
        expect(got.length).toBe(list.length);
        const bad = list.filter((b, i) => toHex(got[i]) !== ref(b)).map((b) => b.length);
        expect(bad).toEqual([]);
      });

      it("batch digests stay at their own index when lengths tie and alternate (the longest-first packing)", () => {
        const list = Array.from({ length: 3000 }, (_, i) => bytes(i % 3 === 0 ? 1000 : i % 3 === 1 ? 64 : 64 * ((i * 31) % 9), i + 9000));
        const got = e.sha256Many(list);
        expect(list.filter((b, i) => toHex(got[i]) !== ref(b)).length).toBe(0);
      });

      it("streaming with random chunk splits", () => {
        for (let t = 0; t < 60; t++) {
          const len = (t * 977) % 9000;
          const b = bytes(len, t + 100);
          const h = e.createSha256();
          let p = 0, s = t + 1;
          while (p < len) {
            s = (s * 1103515245 + 12345) >>> 0;
            const n = Math.min(len - p, s % 300);
            h.update(b.subarray(p, p + n));
            p += n;
          }
          expect(toHex(h.digest())).toBe(ref(b));
        }
      });

      it("an empty batch and a used-up hasher", () => {
        expect(e.sha256Many([])).toEqual([]);
        const h = e.createSha256();
        h.digest();
        expect(() => h.digest()).toThrow(/after digest/);
      });
    });
  }

  it("interleaved streams do not disturb each other", () => {
    const e = hashEngineSync("wasm");
    const a = bytes(5000, 1), b = bytes(3000, 2);
    const ha = e.createSha256(), hb = e.createSha256();
    for (let i = 0; i < 5000; i += 100) {
      ha.update(a.subarray(i, i + 100));
      if (i < 3000) hb.update(b.subarray(i, i + 100));
      e.sha256(a.subarray(0, i)); // single calls in between use the same window
    }
    expect(toHex(ha.digest())).toBe(ref(a));
    expect(toHex(hb.digest())).toBe(ref(b));
  });

  it("batches bigger than the window and messages bigger than the window", () => {
    const big = bytes(3 << 20, 9);
    const list = [bytes(10, 1), big, ...Array.from({ length: 300 }, (_, i) => bytes(5000 + i, i)), big.subarray(1)];
    for (const e of [hashEngineSync("wasm", { simd: true }), hashEngineSync("wasm", { simd: false }), hashEngineSync("auto")]) {
      const got = e.sha256Many(list).map(toHex);
      expect(got).toEqual(list.map(ref));
    }
  });

  it("the package-level functions and async hashEngine", async () => {
    const b = bytes(AUTO_WASM_SINGLE_BELOW + AUTO_WASM_BATCH_BELOW, 3);
    expect(toHex(sha256(b))).toBe(ref(b));
    expect(sha256Many([b, b.subarray(5)]).map(toHex)).toEqual([ref(b), ref(b.subarray(5))]);
    expect(toHex(createSha256().update(b).update(b).digest())).toBe(ref(new Uint8Array([...b, ...b])));
    for (const kind of ["wasm", "native", "auto"] as const) {
      const e = await hashEngine(kind);
      expect(toHex(e.sha256(b))).toBe(ref(b));
      expect(e.sha256Many([b]).map(toHex)).toEqual([ref(b)]);
    }
    expect((await hashEngine("wasm")).description).toBe("wasm-simd");
    await expect(hashEngine("sha1" as "wasm")).rejects.toThrow(/unknown hash engine/);
  });
});

describe("hash input checks", () => {
  it("refuses non-bytes input with E_INVALID_TYPE instead of hashing something else", () => {
    for (const kind of ["wasm", "native", "auto"] as const) {
      const e = hashEngineSync(kind);
      for (const bad of ["abc", new ArrayBuffer(4), [1, 2, 3], null, new Uint16Array(2)]) {
        expect(() => e.sha256(bad as unknown as Uint8Array), `${kind} ${String(bad)}`).toThrow(expect.objectContaining({ code: "E_INVALID_TYPE" }));
      }
      expect(() => e.sha256Many([new Uint8Array(1), "x" as unknown as Uint8Array])).toThrow(/item 1/);
      expect(() => e.sha256Many("abc" as unknown as Uint8Array[])).toThrow(expect.objectContaining({ code: "E_INVALID_TYPE" }));
      expect(() => e.createSha256().update("x" as unknown as Uint8Array)).toThrow(expect.objectContaining({ code: "E_INVALID_TYPE" }));
    }
    // A Buffer is a Uint8Array.
    expect(toHex(sha256(Buffer.from("abc")))).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });
});

describe("the Wasm hash engine after a trap", () => {
  it("replaces its instance, reports CoreTrap, and keeps hashing correctly", () => {
    const e = hashEngineSync("wasm");
    const inner = e as unknown as { x: Record<string, unknown> & { sha256: (...a: number[]) => void; sha256_many: (...a: number[]) => void } };
    // Real out-of-bounds accesses inside the module (the exports object is frozen, so swap it).
    const real = inner.x;
    inner.x = { ...real, sha256_many: () => real.sha256_many(0xfffffff0, 4, 0) };
    expect(() => e.sha256Many([new Uint8Array(3), new Uint8Array(5)])).toThrow(expect.objectContaining({ code: "E_CORE_TRAP" }));
    expect(inner.x).not.toBe(real);
    const fresh = inner.x;
    inner.x = { ...fresh, sha256: () => fresh.sha256(0xfffffff0, 1 << 20, 0) };
    expect(() => e.sha256(new Uint8Array(1))).toThrow(expect.objectContaining({ code: "E_CORE_TRAP" }));
    // A fresh instance: the patched functions are gone, digests are right again.
    const b = bytes(1000, 5);
    expect(toHex(e.sha256(b))).toBe(ref(b));
    expect(e.sha256Many([b, b.subarray(1)]).map(toHex)).toEqual([ref(b), ref(b.subarray(1))]);
  });
});
