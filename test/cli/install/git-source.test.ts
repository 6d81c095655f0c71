import { describe, expect, it } from "vitest";
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fetchGit, gitTags } from "../../../cli/sources/git.js";
import { treeDigest } from "../../../cli/sources/tree-digest.js";
import { CairnError } from "../../../bindings/errors.js";

const g = (cwd: string, ...a: string[]) => execFileSync("git", ["-c", "user.email=t@e", "-c", "user.name=t", ...a], { cwd, encoding: "utf8" }).trim();

describe("git sources", () => {
  const dir = mkdtempSync(join(tmpdir(), "cairn-git-"));
  const repo = join(dir, "repo");
  mkdirSync(repo);
  g(repo, "init", "-q");
  writeFileSync(join(repo, "a.txt"), "one\n");
  g(repo, "add", ".");
  g(repo, "commit", "-qm", "1");
  g(repo, "tag", "v1.0.0");
  writeFileSync(join(repo, "a.txt"), "two\n");
  g(repo, "commit", "-qam", "2");
  const head = g(repo, "rev-parse", "HEAD");
  const v1 = g(repo, "rev-parse", "v1.0.0");
  const cacheRoot = join(dir, "cache");
  const url = `file://${repo}`;

  it("pins tags, revs and the default branch to commits, with the tree1 of a checkout without .git", () => {
    const t = fetchGit({ cacheRoot, url, ref: { tag: "v1.0.0" }, offline: false });
    expect(t.commit).toBe(v1);
    expect(existsSync(join(t.dir, ".git"))).toBe(false);
    expect(t.checksum).toBe(treeDigest(t.dir));
    expect(fetchGit({ cacheRoot, url, ref: {}, offline: false }).commit).toBe(head);
    expect(fetchGit({ cacheRoot, url, ref: { rev: v1.slice(0, 10) }, offline: false }).commit).toBe(v1);
    expect(gitTags(cacheRoot, url, false)).toEqual(["v1.0.0"]);
  });

  it("reuses a locked commit offline, and names what is missing", () => {
    expect(fetchGit({ cacheRoot, url, ref: { tag: "v1.0.0" }, locked: v1, offline: true }).commit).toBe(v1);
    const e = (() => { try { fetchGit({ cacheRoot: join(dir, "empty"), url, ref: {}, offline: true }); } catch (x) { return x as CairnError; } })();
    expect(e?.code).toBe("E_OFFLINE_MISSING");
    const missing = (() => { try { fetchGit({ cacheRoot, url, ref: { tag: "v9" }, offline: false }); } catch (x) { return x as CairnError; } })();
    expect(missing?.code).toBe("E_UNKNOWN_PACKAGE");
  });

  it("refuses transports that run commands", () => {
    const e = (() => { try { fetchGit({ cacheRoot, url: "ext::sh -c touch% /tmp/cairn-pwned", ref: {}, offline: false }); } catch (x) { return x as CairnError; } })();
    expect(e).toBeInstanceOf(CairnError);
    expect(existsSync("/tmp/cairn-pwned")).toBe(false);
  });
});
