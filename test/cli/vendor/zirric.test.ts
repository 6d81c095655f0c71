// Zirric's vendored-package priority: `cairn vendor` copies each locked git
// package into `<project>/<name>/` (checked against the lock's tree1),
// `cairn paths --json` then points at the vendored copy (Zirric loads it
// before $ZIRRIC_PACKAGES), installs take the package from it before the git
// cache, and a directory the user made is never replaced.
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { bundleCli } from "../registry/cli-bundle.js";
import { treeHashOfDir } from "../../../cli/cache/tree-hash.js";
import { VENDORED_MARKER } from "../../../cli/vendor/vendored-git.js";

const root = mkdtempSync(join(tmpdir(), "cairn-zirric-vendor-"));
const app = join(root, "app");
let cli: string;

function git(cwd: string, ...args: string[]): string {
  const r = spawnSync("git", ["-c", "user.email=t@example.com", "-c", "user.name=t", "-c", "init.defaultBranch=main", ...args], { cwd, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`git ${args.join(" ")}: ${r.stderr}`);
  return r.stdout.trim();
}

let home = join(root, "home");

function cairn(...args: string[]) {
  const env: Record<string, string | undefined> = { ...process.env, CAIRN_HOME: home, ZIRRIC_PACKAGES: join(root, "zirric-packages"), NO_COLOR: "1" };
  delete env.CAIRN_REGISTRY;
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: app, env, encoding: "utf8", timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(async () => {
  cli = await bundleCli();
  const repo = join(root, "gitlib");
  mkdirSync(repo);
  git(repo, "init", "-q");
  writeFileSync(join(repo, "Cavefile"), 'mod gitlib\n\nimport cave\n\n@cave.Package()\n@cave.Version("1.0.0")\ndata Lib {}\n');
  writeFileSync(join(repo, "lib.zirr"), "func one() { 1 }\n");
  git(repo, "add", ".");
  git(repo, "commit", "-qm", "one");
  git(repo, "tag", "v1.0.0");
  mkdirSync(app);
  expect(cairn("init", "--profile", "zirric").code).toBe(0);
  const add = cairn("add", `git:file://${repo}`, "--tag", "^1.0.0", "--name", "gitlib");
  expect(add.code, add.stderr).toBe(0);
}, 60_000);

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("cairn vendor (zirric)", () => {
  it("copies the installed git package to <project>/<name>/ and paths prefers it", () => {
    const before = JSON.parse(cairn("paths", "--json").stdout).packages.gitlib;
    expect(before.root.startsWith(join(root, "zirric-packages"))).toBe(true);
    const r = cairn("vendor", "--json");
    expect(r.code, r.stderr).toBe(0);
    const vendored = join(app, "gitlib");
    expect(readFileSync(join(vendored, "lib.zirr"), "utf8")).toBe("func one() { 1 }\n");
    const record = JSON.parse(readFileSync(join(vendored, VENDORED_MARKER), "utf8"));
    rmSync(join(vendored, VENDORED_MARKER));
    expect(treeHashOfDir(vendored)).toBe(record.checksum); // the same tree the lock names
    writeFileSync(join(vendored, VENDORED_MARKER), JSON.stringify(record));
    expect(readFileSync(join(app, "cairn.lock"), "utf8")).toContain(record.checksum);
    const after = JSON.parse(cairn("paths", "--json").stdout).packages.gitlib;
    expect(after.root).toBe(vendored);
    expect(after.version).toBe(before.version);
    // A rerun replaces its own copy.
    expect(cairn("vendor").code).toBe(0);
  });

  it("installs from the vendored copy with an empty cache, offline, and rejects a tampered one by name", () => {
    home = join(root, "home-empty");
    rmSync(join(root, "zirric-packages"), { recursive: true, force: true });
    const r = cairn("install", "--offline");
    expect(r.code, r.stderr).toBe(0);
    const installed = JSON.parse(cairn("paths", "--json").stdout).packages.gitlib;
    expect(installed.root).toBe(join(app, "gitlib"));
    // the shared layout was rebuilt from the vendored tree (no git mirror exists in this cache)
    expect(existsSync(join(home, "git", "db"))).toBe(false);
    expect(readdirSync(join(root, "zirric-packages", "git"), { recursive: true }).map(String).some((f) => f.endsWith("lib.zirr"))).toBe(true);
    expect(cairn("verify").code).toBe(0);
    // A rerun of vendor works from the copy itself when the cache has nothing.
    expect(cairn("vendor", "--offline").code).toBe(0);

    writeFileSync(join(app, "gitlib", "lib.zirr"), "func one() { 666 }\n");
    const tampered = cairn("install", "--offline");
    expect(tampered.code).toBe(5);
    expect(tampered.stderr).toMatch(/error\[E_TREE_MISMATCH\]: .*gitlib\/lib\.zirr/);
    expect(tampered.stderr).toContain("changed: lib.zirr");
    writeFileSync(join(app, "gitlib", "lib.zirr"), "func one() { 1 }\n");
    writeFileSync(join(app, "gitlib", "extra.zirr"), "func extra() { 0 }\n");
    expect(cairn("install", "--offline").stderr).toContain("added: extra.zirr");
    rmSync(join(app, "gitlib", "extra.zirr"));
    expect(cairn("install", "--offline").code).toBe(0);
    home = join(root, "home");
  });

  it("says so when the vendored copy is of another commit than the lock, until `cairn vendor` replaces it", () => {
    const repo = join(root, "gitlib");
    writeFileSync(join(repo, "lib.zirr"), "func one() { 1 }\nfunc two() { 2 }\n");
    git(repo, "commit", "-qam", "two");
    git(repo, "tag", "v1.1.0");
    const updated = cairn("update");
    expect(updated.code, updated.stderr).toBe(0);
    expect(updated.stderr).toContain(`note: ${join(app, "gitlib")} is vendored at another commit than the lock's`);
    expect(cairn("install").stderr).toContain("is vendored at another commit");
    expect(cairn("vendor").code).toBe(0);
    expect(readFileSync(join(app, "gitlib", "lib.zirr"), "utf8")).toContain("two");
    const quiet = cairn("install");
    expect(quiet.code, quiet.stderr).toBe(0);
    expect(quiet.stderr).not.toContain("vendored at another commit");
  });

  it("refuses to replace a directory it did not make, and to vendor a tampered checkout", () => {
    rmSync(join(app, "gitlib"), { recursive: true });
    mkdirSync(join(app, "gitlib"));
    writeFileSync(join(app, "gitlib", "mine.zirr"), "func mine() { 0 }\n");
    const refused = cairn("vendor");
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain("was not vendored by cairn");
    expect(existsSync(join(app, "gitlib", "mine.zirr"))).toBe(true);
    rmSync(join(app, "gitlib"), { recursive: true });
    // vendoring copies the cached checkout of the locked commit; a damaged one is refused
    const checkouts = join(home, "git", "checkouts");
    const key = readdirSync(checkouts)[0]!;
    const commit = git(join(root, "gitlib"), "rev-parse", "v1.1.0"); // the locked one
    expect(readFileSync(join(app, "cairn.lock"), "utf8")).toContain(commit);
    writeFileSync(join(checkouts, key, commit, "lib.zirr"), "tampered\n");
    const tampered = cairn("vendor");
    expect(tampered.stderr).toContain("E_TREE_MISMATCH");
    expect(existsSync(join(app, "gitlib"))).toBe(false);
  });
});
