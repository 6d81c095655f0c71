// Vendored git trees (cli/vendor/vendored-git.ts), in process: written with a
// record, read back as a checkout that lands in the git cache, checked
// against the lock's tree1 with the differing files named.
import { describe, expect, it } from "vitest";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CairnError } from "../../../bindings/errors.js";
import { checkoutDir } from "../../../cli/sources/git.js";
import { treeDigest } from "../../../cli/sources/tree-digest.js";
import { VENDORED_MARKER, checkoutPreferringVendored, vendorDirGitPlace, vendoredGitPlace, writeVendoredGit } from "../../../cli/vendor/vendored-git.js";
import type { GitCheckout } from "../../../cli/sources/git.js";

const URL = "https://example.org/lib.git";
const COMMIT = "0123456789abcdef0123456789abcdef01234567";

function fixture() {
  const root = mkdtempSync(join(tmpdir(), "cairn-vendored-git-"));
  const src = join(root, "checkout");
  mkdirSync(join(src, "src"), { recursive: true });
  writeFileSync(join(src, "Cavefile"), "mod lib\n");
  writeFileSync(join(src, "src", "lib.zirr"), "func one() { 1 }\n");
  symlinkSync("src/lib.zirr", join(src, "link.zirr"));
  const checksum = treeDigest(src);
  return { root, src, checksum, cacheRoot: join(root, "cache"), record: { package: URL, version: "1.0.0", url: URL, commit: COMMIT, checksum } };
}

const noFetch = (): GitCheckout => {
  throw new Error("fetched although a vendored copy was there");
};

function thrown(f: () => unknown): CairnError {
  try {
    f();
  } catch (e) {
    if (e instanceof CairnError) return e;
    throw e;
  }
  throw new Error("expected a CairnError");
}

describe("vendored git trees", () => {
  for (const profile of ["cairn", "zirric"]) {
    it(`${profile}: a vendored tree comes back as a checkout in an empty cache, links and all`, () => {
      const f = fixture();
      try {
        const at = { profile, projectDir: join(f.root, "app"), vendorDir: join(f.root, "app", "vendor"), alias: "lib" };
        const place = vendoredGitPlace(at, URL, COMMIT)!;
        expect(place.dir).toBe(profile === "zirric" ? join(f.root, "app", "lib") : vendorDirGitPlace(at.vendorDir, URL, COMMIT).dir);
        writeVendoredGit(place, f.src, f.record);
        expect(existsSync(place.recordFile)).toBe(true);
        expect(existsSync(join(place.dir, VENDORED_MARKER))).toBe(profile === "zirric");

        const stale: string[] = [];
        const q = { ...at, cacheRoot: f.cacheRoot, url: URL, onStale: (dir: string) => stale.push(dir) };
        const c = checkoutPreferringVendored({ ...q, ref: { tag: "v1.0.0" } }, { commit: COMMIT, checksum: f.checksum }, noFetch);
        expect(c).toMatchObject({ commit: COMMIT, checksum: f.checksum, ref: "v1.0.0", refKind: "tag", dir: checkoutDir(f.cacheRoot, URL, COMMIT) });
        expect(treeDigest(c.dir)).toBe(f.checksum); // the record stays behind
        expect(readlinkSync(join(c.dir, "link.zirr"))).toBe("src/lib.zirr");

        expect(stale).toEqual([]);
        // the lock moved to another commit: fetched, and a Zirric copy of the old one is reported (Zirric would load it)
        const other = { url: URL, commit: "f".repeat(40), dir: f.src, checksum: f.checksum };
        expect(checkoutPreferringVendored({ ...q, ref: {} }, undefined, () => other)).toBe(other);
        expect(checkoutPreferringVendored({ ...q, ref: {} }, { commit: other.commit, checksum: f.checksum }, () => other)).toBe(other);
        expect(stale).toEqual(profile === "zirric" ? [place.dir, place.dir] : []);
        // a damaged cache checkout is replaced from the (intact) vendored copy
        writeFileSync(join(c.dir, "src", "lib.zirr"), "damaged\n");
        const again = checkoutPreferringVendored({ ...q, ref: {} }, { commit: COMMIT, checksum: f.checksum }, noFetch);
        expect(readFileSync(join(again.dir, "src", "lib.zirr"), "utf8")).toBe("func one() { 1 }\n");
      } finally {
        rmSync(f.root, { recursive: true, force: true });
      }
    });
  }

  it("names the files of a tampered copy: changed, added and missing", () => {
    const f = fixture();
    try {
      const at = { profile: "zirric", projectDir: join(f.root, "app"), alias: "lib" };
      const place = vendoredGitPlace(at, URL, COMMIT)!;
      writeVendoredGit(place, f.src, f.record);
      writeFileSync(join(place.dir, "src", "lib.zirr"), "func one() { 2 }\n");
      writeFileSync(join(place.dir, "extra.zirr"), "\n");
      rmSync(join(place.dir, "Cavefile"));
      const e = thrown(() => checkoutPreferringVendored({ ...at, cacheRoot: f.cacheRoot, url: URL, ref: {} }, { commit: COMMIT, checksum: f.checksum }, noFetch));
      expect(e.code).toBe("E_TREE_MISMATCH");
      expect(e.location.file).toBe(join(place.dir, "src", "lib.zirr"));
      expect(e.message).toContain("changed: src/lib.zirr");
      expect(e.message).toContain("added: extra.zirr");
      expect(e.message).toContain("missing: Cavefile");
      expect(existsSync(checkoutDir(f.cacheRoot, URL, COMMIT))).toBe(false); // nothing taken from it
    } finally {
      rmSync(f.root, { recursive: true, force: true });
    }
  });

  it("refuses to vendor a tree that is not the locked one, and keeps the previous copy", () => {
    const f = fixture();
    try {
      const place = vendoredGitPlace({ profile: "zirric", projectDir: join(f.root, "app"), alias: "lib" }, URL, COMMIT)!;
      writeVendoredGit(place, f.src, f.record);
      writeFileSync(join(f.src, "Cavefile"), "mod other\n");
      expect(thrown(() => writeVendoredGit(place, f.src, f.record)).code).toBe("E_TREE_MISMATCH");
      expect(readFileSync(join(place.dir, "Cavefile"), "utf8")).toBe("mod lib\n");
    } finally {
      rmSync(f.root, { recursive: true, force: true });
    }
  });
});
