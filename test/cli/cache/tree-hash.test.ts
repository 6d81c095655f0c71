// The cache records tree1 in the format fixed in DESIGN.md §6: its vectors,
// and the same digest for an archive in memory and once extracted.
import { describe, it, expect } from "vitest";
import { mkdirSync, writeFileSync, chmodSync } from "node:fs";
import { join } from "node:path";
import { treeHashOfDir, treeHashOfFiles } from "../../../cli/cache/tree-hash.js";
import { tmp } from "../registry/helpers.js";
import { TREE1_EMPTY_DIGEST, TREE1_VECTOR_DIGEST, writeTree1Vector } from "../../fixtures/tree1-vector.js";

describe("tree1", () => {
  it("matches the design's vector (file, executable, empty file, symlink)", () => {
    expect(treeHashOfDir(writeTree1Vector(tmp("tree")))).toBe(TREE1_VECTOR_DIGEST);
  });

  it("gives the empty tree its vector", () => {
    expect(treeHashOfDir(tmp("tree"))).toBe(TREE1_EMPTY_DIGEST);
  });

  it("gives an archive's files the same digest in memory as on disk", () => {
    const d = tmp("tree");
    writeFileSync(join(d, "a.txt"), "hello\n");
    mkdirSync(join(d, "bin"));
    writeFileSync(join(d, "bin/run"), "#!/bin/sh\necho hi\n");
    chmodSync(join(d, "bin/run"), 0o755);
    const inMemory = treeHashOfFiles([
      { path: "bin/run", data: Buffer.from("#!/bin/sh\necho hi\n"), executable: true },
      { path: "a.txt", data: Buffer.from("hello\n"), executable: false },
    ]);
    expect(inMemory).toBe(treeHashOfDir(d));
    expect(inMemory).toMatch(/^tree1-/);
  });
});
