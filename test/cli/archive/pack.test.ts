// packDirectory: deterministic bytes, sorted entries, exec bits kept, links
// and unportable names refused, and a round trip through extractArchive.
import { describe, it, expect } from "vitest";
import { mkdirSync, writeFileSync, symlinkSync, chmodSync, utimesSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { packDirectory } from "../../../cli/archive/pack.js";
import { extractArchive } from "../../../cli/archive/extract.js";
import { readArchive } from "../../../cli/archive/read-archive.js";
import { treeHashOfDir } from "../../../cli/cache/tree-hash.js";
import { tmp } from "../registry/helpers.js";

function sample(): string {
  const d = tmp("pkg");
  writeFileSync(join(d, "cairn.toml"), '[package]\nname = "p"\nversion = "1.0.0"\n');
  mkdirSync(join(d, "src/deep"), { recursive: true });
  writeFileSync(join(d, "src/z.cn"), "z\n");
  writeFileSync(join(d, "src/a.cn"), "a\n");
  writeFileSync(join(d, "src/deep/é.cn"), "accent\n");
  writeFileSync(join(d, "run.sh"), "#!/bin/sh\n");
  chmodSync(join(d, "run.sh"), 0o755);
  mkdirSync(join(d, ".git"));
  writeFileSync(join(d, ".git/HEAD"), "ref\n");
  mkdirSync(join(d, "node_modules/x"), { recursive: true });
  writeFileSync(join(d, "node_modules/x/i.js"), "");
  return d;
}

describe("packDirectory", () => {
  it("is deterministic: same files, same bytes, whatever the mtimes", () => {
    const d = sample();
    const a = packDirectory(d);
    utimesSync(join(d, "src/a.cn"), new Date(2001, 1, 1), new Date(2001, 1, 1));
    const b = packDirectory(d);
    expect(Buffer.from(b.bytes).equals(Buffer.from(a.bytes))).toBe(true);
    expect(b.checksum).toBe(a.checksum);
    writeFileSync(join(d, "src/a.cn"), "changed\n");
    expect(packDirectory(d).checksum).not.toBe(a.checksum);
  });

  it("sorts entries by UTF-8 bytes, leaves out VCS and dependency trees, keeps only the exec bit", () => {
    const r = packDirectory(sample());
    expect(r.files).toEqual(["cairn.toml", "run.sh", "src/a.cn", "src/deep/é.cn", "src/z.cn"]);
    const tar = gunzipSync(r.bytes);
    // mtime field of the first header is all zeros; modes are 0644/0755 only.
    expect(tar.subarray(136, 147).toString()).toBe("00000000000");
    const files = readArchive(r.bytes).files;
    expect(files.find((f) => f.path === "run.sh")?.executable).toBe(true);
    expect(files.find((f) => f.path === "src/a.cn")?.executable).toBe(false);
  });

  it("honours .cairnignore", () => {
    const d = sample();
    writeFileSync(join(d, ".cairnignore"), "# build output\nsrc/deep\nrun.sh\n");
    expect(packDirectory(d).files).toEqual([".cairnignore", "cairn.toml", "src/a.cn", "src/z.cn"]);
  });

  it("refuses symlinks and names it would refuse to unpack", () => {
    const d = sample();
    symlinkSync("src/a.cn", join(d, "alias"));
    expect(() => packDirectory(d)).toThrow(expect.objectContaining({ code: "E_ARCHIVE_SYMLINK" }));
    const e = sample();
    writeFileSync(join(e, "Readme"), "");
    writeFileSync(join(e, "README"), "");
    expect(() => packDirectory(e)).toThrow(expect.objectContaining({ code: "E_ARCHIVE_CASE_COLLISION" }));
  });

  it("round-trips through extractArchive, long paths included, with an identical tree hash", () => {
    const d = sample();
    const long = `${"segment-".repeat(14)}end`;
    mkdirSync(join(d, long), { recursive: true });
    writeFileSync(join(d, long, `${"file-".repeat(20)}.cn`), "long\n");
    const r = packDirectory(d, { exclude: [".git", "node_modules"] });
    const out = join(tmp("out"), "pkg");
    extractArchive(r.bytes, r.checksum, out);
    expect(readdirSync(out).sort()).toEqual([long, "cairn.toml", "run.sh", "src"].sort());
    rmSync(join(d, ".git"), { recursive: true });
    rmSync(join(d, "node_modules"), { recursive: true });
    expect(treeHashOfDir(out)).toBe(treeHashOfDir(d));
  });
});
