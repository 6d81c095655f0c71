// tree1_hash, the core's own tree hash (for hosts that are not JavaScript):
// DESIGN.md vectors, agreement with bindings/tree-hash.ts on
// random trees with non-ASCII names, and bad input as in-band errors.
import { describe, it, expect } from "vitest";
import { readFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { treeHash, type TreeEntry } from "../../../bindings/tree-hash.js";

interface X {
  memory: WebAssembly.Memory;
  alloc(n: number): number;
  dealloc(p: number): void;
  tree1_hash(desc: number, n: number): number;
  result_status(h: number): number;
  result_ptr(h: number): number;
  result_len(h: number): number;
  result_free(h: number): void;
}
const enc = new TextEncoder();
const KIND = { file: 0, exec: 1, symlink: 2 } as const;

function coreTree(x: X, entries: { path: string | Uint8Array; kind: number; data: Uint8Array }[]) {
  const blocks: number[] = [];
  const put = (b: Uint8Array) => {
    const p = x.alloc(Math.max(1, b.length)) >>> 0;
    new Uint8Array(x.memory.buffer).set(b, p);
    blocks.push(p);
    return p;
  };
  const words: number[] = [];
  for (const e of entries) {
    const path = typeof e.path === "string" ? enc.encode(e.path) : e.path;
    words.push(e.kind, put(path), path.length, put(e.data), e.data.length);
  }
  const desc = put(new Uint8Array(new Uint32Array(words.length ? words : [0]).buffer));
  const h = x.tree1_hash(desc, entries.length);
  const status = x.result_status(h);
  const bytes = new Uint8Array(x.memory.buffer, x.result_ptr(h) >>> 0, x.result_len(h)).slice();
  x.result_free(h);
  blocks.forEach((p) => x.dealloc(p));
  if (status !== 0) {
    const dv = new DataView(bytes.buffer);
    return { status, code: dv.getUint32(16 + 8 * dv.getUint32(8, true), true), position: dv.getInt32(16 + 8 * dv.getUint32(8, true) + 4, true) };
  }
  return { status, digest: `tree1-${Buffer.from(bytes.subarray(0, 32)).toString("base64")}`, manifest: new TextDecoder().decode(bytes.subarray(32)) };
}

const toCore = (es: TreeEntry[]) => es.map((e) => ({ path: e.path, kind: KIND[e.kind], data: e.kind === "symlink" ? enc.encode(e.target!) : e.bytes! }));

// Only the baseline module has it: every host that runs the SIMD module is a
// JS engine, where bindings/tree-hash.ts builds the manifest itself.
it("is left out of the SIMD module", () => {
  const names = WebAssembly.Module.exports(new WebAssembly.Module(readFileSync("build/cairn.simd.wasm"))).map((e) => e.name);
  expect(names).not.toContain("tree1_hash");
  expect(names).toContain("sha256_many");
});

for (const file of ["build/cairn.wasm"]) {
  describe(`tree1_hash in ${file}`, () => {
    const x = new WebAssembly.Instance(new WebAssembly.Module(readFileSync(file)), {}).exports as unknown as X;

    it("gives the DESIGN.md vectors", () => {
      const r = coreTree(x, [
        { path: "link", kind: 2, data: enc.encode("a.txt") },
        { path: "bin/run", kind: 1, data: enc.encode("#!/bin/sh\necho hi\n") },
        { path: "empty", kind: 0, data: new Uint8Array(0) },
        { path: "a.txt", kind: 0, data: enc.encode("hello\n") },
      ]);
      expect(r.digest).toBe("tree1-TVwxuOEYRaPF7cr+GnahbPFPo+c9HvRto2VxT8Qx2JY=");
      expect(r.digest).toBe(`tree1-${createHash("sha256").update(r.manifest!).digest("base64")}`);
      expect(coreTree(x, []).digest).toBe("tree1-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=");
    });

    it("agrees with the bindings on random trees with non-ASCII names", () => {
      const alphabet = ["a", "B", "-", "é", "\uFF61", "\u{1F600}", "z", "0"];
      let s = 12345;
      const rnd = (n: number) => ((s = (s * 1103515245 + 12345) >>> 0) >>> 8) % n;
      for (let t = 0; t < 20; t++) {
        const paths = new Set<string>();
        while (paths.size < 1 + rnd(60)) {
          const segs = Array.from({ length: 1 + rnd(3) }, () => Array.from({ length: 1 + rnd(4) }, () => alphabet[rnd(alphabet.length)]).join(""));
          paths.add(segs.join("/"));
        }
        // Drop paths that are also a directory of another path.
        const list = [...paths].filter((p) => ![...paths].some((q) => q.startsWith(p + "/")));
        const entries: TreeEntry[] = list.map((path, i) =>
          i % 7 === 3 ? { path, kind: "symlink", target: `../${path}` } : { path, kind: i % 3 ? "file" : "exec", bytes: new Uint8Array(rnd(3000)).fill(i) },
        );
        const js = treeHash(entries);
        const c = coreTree(x, toCore(entries));
        expect(c.manifest).toBe(js.manifest);
        expect(c.digest).toBe(js.digest);
      }
    });

    it("refuses bad paths in-band (E_INVALID_PATH, position = entry index)", () => {
      const f = (path: string) => ({ path, kind: 0, data: new Uint8Array(1) });
      for (const bad of ["", "/a", "a//b", "a/", "./a", "a/./b", "a/..", "a\nb", "a\0b"]) {
        const r = coreTree(x, [f("ok"), f(bad)]);
        expect(r.status, JSON.stringify(bad)).toBe(1);
        expect(r.code).toBe(140);
        expect(r.position).toBe(1);
      }
      expect(coreTree(x, [f("a"), f("b"), f("a")]).code).toBe(140);
      expect(coreTree(x, [f("a/b/c"), f("a/b")]).code).toBe(140);
      expect(coreTree(x, [f("a-b"), f("a/b"), f("a.")]).status).toBe(0);
      expect(coreTree(x, [{ path: "a", kind: 3, data: new Uint8Array(0) }]).code).toBe(100);
    });
  });
}
