import { describe, expect, it } from "vitest";
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { diffTrees, parseTreeManifest, treeDigest, treeDigestOf, treeEntries, treeManifest } from "../../../cli/sources/tree-digest.js";
import { NOT_SOURCE } from "../../../cli/sources/path.js";
import { CairnError } from "../../../bindings/errors.js";
import { TREE1_VECTOR_DIGEST, writeTree1Vector } from "../../fixtures/tree1-vector.js";

const tmp = () => mkdtempSync(join(tmpdir(), "cairn-tree-digest-"));
const sha = (s: string) => createHash("sha256").update(s).digest("hex");

const vectorDir = () => writeTree1Vector(tmp());

describe("tree1 of source directories (CLI shape over treeHashDir)", () => {
  it("lists entries in UTF-8 path order with kind letters and leaf digests", () => {
    const d = vectorDir();
    expect(treeEntries(d)).toEqual([
      { kind: "f", hex: sha("hello\n"), path: "a.txt" },
      { kind: "x", hex: sha("#!/bin/sh\necho hi\n"), path: "bin/run" },
      { kind: "f", hex: sha(""), path: "empty" },
      { kind: "l", hex: sha("a.txt"), path: "link" },
    ]);
    expect(treeDigestOf(treeEntries(d))).toBe(TREE1_VECTOR_DIGEST);
    expect(treeDigest(d)).toBe(treeDigestOf(treeEntries(d)));
  });

  it("skips VCS metadata by default and the install layouts for path sources", () => {
    const d = vectorDir();
    const plain = treeDigest(d);
    mkdirSync(join(d, ".git"));
    writeFileSync(join(d, ".git/HEAD"), "ref: refs/heads/main\n");
    mkdirSync(join(d, "node_modules"));
    writeFileSync(join(d, "node_modules/x.js"), "x");
    expect(treeEntries(d).map((e) => e.path)).toContain("node_modules/x.js");
    expect(treeEntries(d).map((e) => e.path)).not.toContain(".git/HEAD");
    expect(treeDigest(d, NOT_SOURCE)).toBe(plain);
  });

  it("round-trips a manifest and names what changed", () => {
    const d = vectorDir();
    const before = treeEntries(d);
    const text = treeManifest(before);
    expect(text).toBe(before.map((e) => `${e.kind} ${e.hex} ${e.path}\n`).join(""));
    expect(parseTreeManifest(text)).toEqual(before);
    writeFileSync(join(d, "a.txt"), "changed\n");
    writeFileSync(join(d, "new"), "n");
    chmodSync(join(d, "empty"), 0o755);
    expect(diffTrees(parseTreeManifest(text), treeEntries(d))).toEqual({ added: ["new"], removed: [], changed: ["a.txt", "empty"] });
  });

  it("reports a malformed stored manifest as E_SYNTAX", () => {
    expect(() => parseTreeManifest("f nothex a\n")).toThrow(CairnError);
  });
});
