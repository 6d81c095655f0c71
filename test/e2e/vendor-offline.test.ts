// `cairn vendor`, then `install --offline` with everything else gone: the
// registry server stopped, CAIRN_HOME emptied, the git repository moved away.
// Zirric (git + Local; a Cavefile has no registry dependencies, so the
// registry side is the cairn-profile project below) takes its git package
// from `<project>/<name>/`, where Zirric itself looks first; the cairn profile
// takes registry archives and git trees from vendor/. A tampered vendored file
// fails the install with a coded error naming it. The git side runs the real
// `git` binary against a local repository.
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { Sandbox, git } from "./harness.js";

/** A git repository with one tagged commit holding `files`. */
function repoWith(dir: string, files: Record<string, string>, tag: string): void {
  mkdirSync(dir);
  git(dir, "init", "-q");
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  git(dir, "add", ".");
  git(dir, "commit", "-qm", "release");
  git(dir, "tag", tag);
}

describe("vendoring for offline installs", () => {
  it("zirric: git and local dependencies install from the vendored copy with no cache and no repository", () => {
    const sb = new Sandbox();
    try {
      const repo = sb.path("gitlib");
      repoWith(repo, { Cavefile: 'mod gitlib\n\nimport cave\n\n@cave.Package()\n@cave.Version("1.0.0")\ndata Lib {}\n', "lib.zirr": "func one() { 1 }\n" }, "v1.0.0");
      mkdirSync(sb.path("helpers"));
      writeFileSync(sb.path("helpers", "Cavefile"), 'mod helpers\n\nimport cave\n\n@cave.Package()\n@cave.Version("0.3.0")\ndata Helpers {}\n');
      writeFileSync(sb.path("helpers", "helpers.zirr"), "func help() { 0 }\n");
      sb.ok(".", "init", "app", "--profile", "zirric");
      sb.ok("app", "add", `git:file://${repo}`, "--tag", "^1.0.0", "--name", "gitlib");
      sb.ok("app", "add", "path:../helpers");

      const vendored = JSON.parse(sb.ok("app", "vendor", "--json").stdout);
      expect(vendored.packages.map((p: { version: string }) => p.version)).toEqual(["1.0.0"]);
      expect(readFileSync(sb.path("app", "gitlib", "lib.zirr"), "utf8")).toBe("func one() { 1 }\n");

      // everything but the project goes away
      rmSync(sb.home, { recursive: true, force: true });
      rmSync(sb.path("zirric-packages"), { recursive: true, force: true });
      renameSync(repo, sb.path("gitlib-gone"));
      const off = sb.run("app", "install", "--offline");
      expect(off.code, off.stderr).toBe(0);
      sb.ok("app", "check");
      sb.ok("app", "verify");
      const paths = JSON.parse(sb.ok("app", "paths", "--json").stdout).packages;
      expect(paths.gitlib.root).toBe(sb.path("app", "gitlib")); // Zirric's priority: the vendored copy
      expect(paths.helpers.root).toBe(sb.path("helpers")); // a Local dependency is used in place

      // without the vendored copy the same install has nothing to go on
      renameSync(sb.path("app", "gitlib"), sb.path("gitlib-vendored"));
      rmSync(sb.home, { recursive: true, force: true });
      const missing = sb.run("app", "install", "--offline");
      expect(missing.code).toBe(4);
      expect(missing.stderr).toContain("error[E_OFFLINE_MISSING]");
      renameSync(sb.path("gitlib-vendored"), sb.path("app", "gitlib"));

      // a tampered vendored file: a coded error that names it, nothing installed from it
      writeFileSync(sb.path("app", "gitlib", "lib.zirr"), "func one() { 666 }\n");
      const bad = sb.run("app", "install", "--offline");
      expect(bad.code).toBe(5);
      expect(bad.stderr).toContain(`error[E_TREE_MISMATCH]: ${sb.path("app", "gitlib", "lib.zirr")}:`);
      expect(bad.stderr).toContain("changed: lib.zirr");
      expect(bad.stderr).toMatch(/hint: /);
    } finally {
      sb.cleanup();
    }
  });

  it("cairn profile: registry, git and path dependencies install from vendor/ with the server stopped", async () => {
    const sb = new Sandbox();
    try {
      const url = await sb.serve();
      const repo = sb.path("gitlib");
      // the git package depends on a registry package itself
      repoWith(repo, { "cairn.toml": '[package]\nname = "gitlib"\nversion = "1.0.0"\n\n[dependencies]\nfmt = "^1.0.0"\n', "lib.cn": "one = 1\n" }, "v1.0.0");
      mkdirSync(sb.path("helpers"));
      writeFileSync(sb.path("helpers", "cairn.toml"), '[package]\nname = "helpers"\nversion = "0.3.0"\n');
      cpSync(join(__dirname, "../../examples/cairn"), sb.path("app"), { recursive: true });
      sb.ok("app", "add", `git:file://${repo}`, "--tag", "v1.0.0", "--name", "gitlib", "--registry", url);
      sb.ok("app", "add", "path:../helpers", "--registry", url);
      const lock = readFileSync(sb.path("app", "cairn.lock"), "utf8");
      expect(lock).toContain('name = "fmt"');
      expect(lock).toContain(`git+file://${repo}?tag=v1.0.0#`);

      const out = JSON.parse(sb.ok("app", "vendor", "--json").stdout);
      const kinds = Object.fromEntries(out.packages.map((p: { name: string; source: string }) => [p.name, p.source]));
      expect(kinds).toMatchObject({ gitlib: "git", fmt: "registry", greet: "registry" });
      expect(existsSync(sb.path("app", "vendor", "files", "fmt"))).toBe(true);

      sb.stop();
      rmSync(sb.home, { recursive: true, force: true });
      rmSync(sb.path("app", ".cairn"), { recursive: true, force: true });
      renameSync(repo, sb.path("gitlib-gone"));
      const off = sb.run("app", "install", "--offline");
      expect(off.code, off.stderr).toBe(0);
      sb.ok("app", "verify");
      expect(readFileSync(sb.path("app", ".cairn", "packages", "gitlib", "lib.cn"), "utf8")).toBe("one = 1\n");
      const paths = JSON.parse(sb.ok("app", "paths", "--json").stdout).packages;
      expect(paths.fmt.version).toMatch(/^1\./);
      expect(existsSync(paths.greet.root)).toBe(true);

      // a tampered vendored git file, then a tampered vendored archive: each named, exit 5
      const gitFile = vendoredFile(sb.path("app", "vendor", "git"), "lib.cn");
      writeFileSync(gitFile, "one = 2\n");
      rmSync(sb.home, { recursive: true, force: true });
      const badTree = sb.run("app", "install", "--offline", "--json");
      expect(badTree.code).toBe(5);
      expect(JSON.parse(badTree.stdout).error).toMatchObject({ code: "E_TREE_MISMATCH", file: gitFile });
      writeFileSync(gitFile, "one = 1\n");

      const fmtVersion = paths.fmt.version as string;
      const archive = sb.path("app", "vendor", "files", "fmt", `fmt-${fmtVersion}.tar.gz`);
      writeFileSync(archive, Buffer.concat([readFileSync(archive), Buffer.from("tampered")]));
      rmSync(sb.home, { recursive: true, force: true });
      rmSync(sb.path("app", ".cairn"), { recursive: true, force: true });
      const badArchive = sb.run("app", "install", "--offline");
      expect(badArchive.code).toBe(5);
      expect(badArchive.stderr).toContain(`error[E_CHECKSUM_MISMATCH]: ${archive}:`);
    } finally {
      sb.cleanup();
    }
  });
});

/** The one vendored copy of `name` under dir (vendor/git/<key>/<commit>/name). */
function vendoredFile(dir: string, name: string): string {
  const hits: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name === name) hits.push(p);
    }
  };
  walk(dir);
  expect(hits).toHaveLength(1);
  return hits[0]!;
}
