import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { mkdtempSync, mkdirSync, writeFileSync, symlinkSync, chmodSync, rmSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createHash } from "node:crypto";
import { treeHash, treeFromLeaves, diffTreeManifests, parseTreeManifest, sortByUtf8Path, base64, type TreeEntry } from "../../bindings/tree-hash.js";
import { treeHashDir } from "../../bindings/node.js";
import { hashEngineSync } from "../../bindings/hash.js";
import { CairnError } from "../../bindings/errors.js";
import { TREE1_EMPTY_DIGEST, TREE1_VECTOR_DIGEST, writeTree1Vector } from "../fixtures/tree1-vector.js";

const enc = new TextEncoder();
// DESIGN.md §6 test vector.
const VECTOR: TreeEntry[] = [
  { path: "link", kind: "symlink", target: "a.txt" },
  { path: "bin/run", kind: "exec", bytes: enc.encode("#!/bin/sh\necho hi\n") },
  { path: "empty", kind: "file", bytes: new Uint8Array(0) },
  { path: "a.txt", kind: "file", bytes: enc.encode("hello\n") },
];
const VECTOR_DIGEST = TREE1_VECTOR_DIGEST;
const EMPTY_DIGEST = TREE1_EMPTY_DIGEST;

function code(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(CairnError);
    return (e as CairnError).code;
  }
  throw new Error("expected a CairnError");
}

describe("tree1 of entries", () => {
  it("gives both DESIGN.md test vectors, with every engine", () => {
    for (const kind of ["wasm", "native", "auto"] as const) {
      const engine = hashEngineSync(kind);
      const t = treeHash(VECTOR, { engine });
      expect(t.digest).toBe(VECTOR_DIGEST);
      expect(t.manifest.split("\n").map((l) => l.slice(0, 1) + l.slice(66))).toEqual(["f a.txt", "x bin/run", "f empty", "l link", ""]);
      expect(t.leaves.get("empty")).toBe(createHash("sha256").digest("hex"));
      expect(t.leaves.get("link")).toBe(createHash("sha256").update("a.txt").digest("hex"));
      expect(treeHash([], { engine }).digest).toBe(EMPTY_DIGEST);
    }
    expect(treeHash(VECTOR).digest).toBe(VECTOR_DIGEST);
  });

  it("the root is SHA-256 of the manifest, in padded base64", () => {
    const t = treeHash(VECTOR);
    expect(t.digest).toBe(`tree1-${createHash("sha256").update(t.manifest).digest("base64")}`);
    for (let n = 0; n < 40; n++) {
      const b = new Uint8Array(n).map((_, i) => (i * 37 + n) & 255);
      expect(base64(b)).toBe(Buffer.from(b).toString("base64"));
    }
  });

  it("sorts by UTF-8 bytes, not JS string order", () => {
    // U+FF61 (EF BD A1) sorts before U+1F600 (F0 9F 98 80) in UTF-8, after it in UTF-16.
    const names = ["\u{1F600}.txt", "\uFF61.txt", "z", "é", "Z", "a/b", "a-b"];
    const entries = names.map((path) => ({ path, kind: "file" as const, bytes: enc.encode(path) }));
    const t = treeHash(entries);
    const order = t.manifest.trim().split("\n").map((l) => l.slice(67));
    expect(order).toEqual(["Z", "a-b", "a/b", "z", "é", "\uFF61.txt", "\u{1F600}.txt"]);
    expect([...names].sort()).not.toEqual(order); // JS order would differ
    expect(order).toEqual([...names].sort((x, y) => Buffer.compare(Buffer.from(x), Buffer.from(y))));
    expect(sortByUtf8Path(entries).map((e) => e.path)).toEqual(order);
    // Order of the input does not matter.
    expect(treeHash([...entries].reverse()).digest).toBe(t.digest);
  });

  it("exec bit, contents and link targets all change the digest", () => {
    const base = treeHash(VECTOR).digest;
    const alter = (i: number, e: Partial<TreeEntry>) => treeHash(VECTOR.map((x, k) => (k === i ? { ...x, ...e } : x))).digest;
    expect(alter(1, { kind: "file" })).not.toBe(base);
    expect(alter(3, { bytes: enc.encode("hello!\n") })).not.toBe(base);
    expect(alter(0, { target: "empty" })).not.toBe(base);
    expect(alter(2, { path: "empty2" })).not.toBe(base);
  });

  it("rejects bad entries with stable codes and the entry's index", () => {
    const f = (path: string): TreeEntry => ({ path, kind: "file", bytes: new Uint8Array(1) });
    for (const p of ["", "/abs", "a//b", "a/", "./a", "a/../b", "..", "a\nb", "a\0b", "x\uD800y"]) {
      expect(code(() => treeHash([f("ok"), f(p)])), JSON.stringify(p)).toBe("E_INVALID_PATH");
    }
    expect(code(() => treeHash([f("a"), f("a")]))).toBe("E_INVALID_PATH");
    expect(code(() => treeHash([f("a"), f("a/b")]))).toBe("E_INVALID_PATH");
    expect(code(() => treeHash([{ path: "a", kind: "dir" as "file" }]))).toBe("E_INVALID_TYPE");
    expect(code(() => treeHash([{ path: "a", kind: "symlink" }]))).toBe("E_MISSING_FIELD");
    expect(code(() => treeHash([{ path: "a", kind: "file" }]))).toBe("E_MISSING_FIELD");
    try {
      treeHash([f("ok"), f("a//b")]);
    } catch (e) {
      expect((e as CairnError).location.path).toBe("entries[1]");
      expect((e as CairnError).message).toMatch(/empty segment/);
    }
  });

  it("many leaves through the batch path equal per-file hashing", () => {
    const entries: TreeEntry[] = Array.from({ length: 700 }, (_, i) => ({ path: `d${i % 7}/f${i}`, kind: i % 5 ? "file" : "exec", bytes: new Uint8Array((i * 131) % 9000).fill(i & 255) }));
    const t = treeHash(entries, { engine: hashEngineSync("wasm") });
    for (const e of entries) expect(t.leaves.get(e.path)).toBe(createHash("sha256").update(e.bytes!).digest("hex"));
    expect(treeHash(entries, { engine: hashEngineSync("native") }).digest).toBe(t.digest);
    expect(treeFromLeaves(entries.map((e) => ({ path: e.path, kind: e.kind, hex: t.leaves.get(e.path)! }))).digest).toBe(t.digest);
  });
});

describe("diffTreeManifests", () => {
  it("names changed, missing and extra paths", () => {
    const a = treeHash(VECTOR);
    const b = treeHash([
      { path: "a.txt", kind: "file", bytes: enc.encode("HELLO\n") },
      { path: "bin/run", kind: "file", bytes: enc.encode("#!/bin/sh\necho hi\n") },
      { path: "link", kind: "symlink", target: "a.txt" },
      { path: "new", kind: "file", bytes: new Uint8Array(0) },
    ]);
    const d = diffTreeManifests(a, b.manifest);
    expect(d.equal).toBe(false);
    expect(d.changed.map((c) => [c.path, c.what])).toEqual([["a.txt", "content"], ["bin/run", "kind"]]);
    expect(d.missing).toEqual(["empty"]);
    expect(d.extra).toEqual(["new"]);
    expect(diffTreeManifests(a.manifest, treeHash([...VECTOR].reverse())).equal).toBe(true);
  });

  it("reports a malformed manifest line with its line number", () => {
    try {
      parseTreeManifest("f abc a.txt\n", "pkg/.tree1");
      throw new Error("no error");
    } catch (e) {
      expect((e as CairnError).code).toBe("E_SYNTAX");
      expect((e as CairnError).location).toMatchObject({ file: "pkg/.tree1", line: 1 });
    }
    expect(code(() => parseTreeManifest("f " + "0".repeat(64) + " a"))).toBe("E_SYNTAX"); // no final newline
  });
});

describe("treeHashDir", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "cairn-tree-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("hashes a directory like the DESIGN.md vector; empty directories do not count", () => {
    const d = writeTree1Vector(join(dir, "vec"));
    const t = treeHashDir(d);
    expect(t.digest).toBe(VECTOR_DIGEST);
    expect(treeHashDir(d, { engine: hashEngineSync("wasm"), groupBytes: 1, streamFrom: 5 }).digest).toBe(VECTOR_DIGEST);
    const e = join(dir, "nothing");
    mkdirSync(join(e, "only/dirs"), { recursive: true });
    expect(treeHashDir(e).digest).toBe(EMPTY_DIGEST);
  });

  it("non-ASCII names on disk sort by UTF-8 bytes", () => {
    const d = join(dir, "utf8");
    mkdirSync(d);
    for (const n of ["\u{1F600}", "\uFF61", "b"]) writeFileSync(join(d, n), n);
    const t = treeHashDir(d);
    expect(t.manifest.trim().split("\n").map((l) => l.slice(67))).toEqual(["b", "\uFF61", "\u{1F600}"]);
    expect(t.digest).toBe(treeHash(["b", "\uFF61", "\u{1F600}"].map((p) => ({ path: p, kind: "file" as const, bytes: enc.encode(p) }))).digest);
  });

  it("refuses a FIFO with E_UNSUPPORTED_FILE_TYPE naming it", () => {
    const d = join(dir, "fifo");
    mkdirSync(d);
    execFileSync("mkfifo", [join(d, "pipe")]);
    try {
      treeHashDir(d);
      throw new Error("no error");
    } catch (e) {
      expect((e as CairnError).code).toBe("E_UNSUPPORTED_FILE_TYPE");
      expect((e as CairnError).message).toMatch(/pipe is a FIFO/);
    }
    expect(code(() => treeHashDir(join(dir, "does-not-exist")))).toBe("E_IO");
  });

  it("leaves out `skip` names at the top of the tree only", () => {
    const d = join(dir, "skip");
    mkdirSync(join(d, ".git"), { recursive: true });
    mkdirSync(join(d, "vendor/.git"), { recursive: true });
    writeFileSync(join(d, ".git/HEAD"), "ref");
    writeFileSync(join(d, "vendor/.git/HEAD"), "ref");
    writeFileSync(join(d, "a"), "a");
    const paths = (t: { manifest: string }) => t.manifest.trim().split("\n").map((l) => l.slice(67));
    expect(paths(treeHashDir(d))).toEqual([".git/HEAD", "a", "vendor/.git/HEAD"]);
    const skipped = treeHashDir(d, { skip: new Set([".git"]) });
    expect(paths(skipped)).toEqual(["a", "vendor/.git/HEAD"]);
    expect(skipped.digest).not.toBe(treeHashDir(d).digest);
  });

  it("finds the changed file after an edit", () => {
    const d = join(dir, "edit");
    mkdirSync(join(d, "src"), { recursive: true });
    writeFileSync(join(d, "src/main.x"), "one");
    writeFileSync(join(d, "README"), "r");
    const before = treeHashDir(d);
    writeFileSync(join(d, "src/main.x"), "two");
    const diff = diffTreeManifests(before, treeHashDir(d));
    expect(diff.changed.map((c) => c.path)).toEqual(["src/main.x"]);
  });
});
