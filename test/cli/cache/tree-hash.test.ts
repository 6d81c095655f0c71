// The cache records tree1 in the format fixed in DESIGN.md §6: its vectors,
// and the same digest for an archive in memory and once extracted.
import { describe, it, expect } from "vitest";
import { mkdirSync, writeFileSync, symlinkSync, chmodSync } from "node:fs";
import { join } from "node:path";
import { treeHashOfDir, treeHashOfFiles } from "../../../cli/cache/tree-hash.js";
import { tmp } from "../registry/helpers.js";

describe("tree1", () => {
  it("matches the design's vector (file, executable, empty file, symlink)", () => {
    const d = tmp("tree");
    writeFileSync(join(d, "a.txt"), "hello\n");
    mkdirSync(join(d, "bin"));
    writeFileSync(join(d, "bin/run"), "#!/bin/sh\necho hi\n");
    chmodSync(join(d, "bin/run"), 0o755);
    writeFileSync(join(d, "empty"), "");
    symlinkSync("a.txt", join(d, "link"));
    mkdirSync(join(d, "empty-dir"));
    expect(treeHashOfDir(d)).toBe("tree1-TVwxuOEYRaPF7cr+GnahbPFPo+c9HvRto2VxT8Qx2JY=");
  });

  it("gives the empty tree its vector", () => {
    expect(treeHashOfDir(tmp("tree"))).toBe("tree1-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=");
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
