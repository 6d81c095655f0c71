// cli/install/tree-stamp.ts: stat fingerprints for install's up-to-date check.
import { chmodSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { backdate, SETTLE_MS, stampHolds, stampTree } from "../../../cli/install/tree-stamp.js";

function tree(): string {
  const d = mkdtempSync(join(tmpdir(), "cairn-stamp-"));
  mkdirSync(join(d, "src"));
  writeFileSync(join(d, "src/lib.cn"), "one\n");
  writeFileSync(join(d, "README.md"), "hi\n");
  return d;
}

describe("tree stamps", () => {
  it("hold for an untouched backdated tree, and break on every kind of change stat can see", () => {
    const changes: [string, (d: string) => void][] = [
      ["content (new mtime)", (d) => writeFileSync(join(d, "src/lib.cn"), "two\n")],
      ["size, mtime put back", (d) => { writeFileSync(join(d, "README.md"), "hello\n"); const t = (Date.now() - 60_000) / 1000; utimesSync(join(d, "README.md"), t, t); }],
      ["mode", (d) => chmodSync(join(d, "README.md"), 0o755)],
      ["a new file", (d) => writeFileSync(join(d, "extra"), "")],
      ["a new directory", (d) => mkdirSync(join(d, "more"))],
      ["a removed file", (d) => rmSync(join(d, "README.md"))],
      ["replaced by a copy (new inode)", (d) => { rmSync(join(d, "src/lib.cn")); writeFileSync(join(d, "src/lib.cn"), "one\n"); }],
      ["the tree gone", (d) => rmSync(d, { recursive: true })],
    ];
    for (const [what, change] of changes) {
      const d = tree();
      backdate(d);
      const stamp = stampTree(d);
      expect(stampHolds(d, stamp), what).toBe(true);
      change(d);
      expect(stampHolds(d, stamp), what).toBe(false);
    }
  });

  it("is not trusted while its newest mtime is within SETTLE_MS of the stamp (a racy file)", () => {
    const d = tree();
    const fresh = stampTree(d);
    expect(fresh.newest).toBeGreaterThan(fresh.at - SETTLE_MS);
    expect(stampHolds(d, fresh)).toBe(false);
    backdate(d);
    expect(stampHolds(d, stampTree(d))).toBe(true);
  });
});
