// Zirric has no registry: Git dependencies (a version predicate picks the
// newest matching tag), Local (path) and Stdlib ones. The git side runs the
// real `git` binary against a local repository.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { Sandbox, git } from "./harness.js";

const cavefile = (mod: string, version: string) => `mod ${mod}\n\nimport cave\n\n@cave.Package()\n@cave.Version("${version}")\ndata Lib {}\n`;

it("zirric profile: git (tag predicates), local and stdlib dependencies", async () => {
  const sb = new Sandbox();
  try {
    const repo = sb.path("gitlib");
    mkdirSync(repo);
    git(repo, "init", "-q");
    writeFileSync(join(repo, "Cavefile"), cavefile("gitlib", "1.0.0"));
    writeFileSync(join(repo, "lib.zirr"), "func one() { 1 }\n");
    git(repo, "add", ".");
    git(repo, "commit", "-qm", "one");
    git(repo, "tag", "v1.0.0");
    writeFileSync(join(repo, "lib.zirr"), "func one() { 1 }\nfunc two() { 2 }\n");
    git(repo, "commit", "-qam", "two");
    git(repo, "tag", "v1.1.0");
    git(repo, "tag", "v2.0.0"); // outside ^1.0.0
    mkdirSync(sb.path("helpers"));
    writeFileSync(sb.path("helpers", "Cavefile"), cavefile("helpers", "0.3.0"));
    writeFileSync(sb.path("helpers", "helpers.zirr"), "func help() { 0 }\n");
    const url = `file://${repo}`;

    sb.ok(".", "init", "app", "--profile", "zirric");
    sb.ok("app", "add", `git:${url}`, "--tag", "^1.0.0", "--name", "gitlib");
    sb.ok("app", "add", "path:../helpers");
    const cave = readFileSync(sb.path("app", "Cavefile"), "utf8");
    expect(cave).toContain(`@cave.Git("${url}")`);
    expect(cave).toContain(`@cave.Version("^1.0.0")`);
    expect(cave).toContain(`@cave.Local("../helpers")`);
    const lock = readFileSync(sb.path("app", "cairn.lock"), "utf8");
    const v110 = git(repo, "rev-parse", "v1.1.0");
    expect(lock).toContain(`source = "git+${url}?tag=v1.1.0#${v110}"`);
    expect(lock).toMatch(/checksum = "tree1-[A-Za-z0-9+/]{43}="/);
    expect(lock).toContain(`source = "path+../helpers"`);

    expect(JSON.parse(sb.ok("app", "install", "--json").stdout)).toMatchObject({ upToDate: true });
    expect(sb.ok("app", "lock").stderr).toContain("Lock unchanged");
    sb.ok("app", "check");
    sb.ok("app", "verify");
    expect(sb.ok("app", "tree").stdout).toMatch(/gitlib 1\.1\.0 \(git\)/);
    expect(sb.ok("app", "why", url).stdout).toContain(`--> ${url} 1.1.0`);

    const paths = JSON.parse(sb.ok("app", "paths", "--json").stdout).packages;
    expect(paths.gitlib.version).toBe("1.1.0");
    expect(paths.gitlib.root.startsWith(sb.path("zirric-packages", "git"))).toBe(true);
    expect(readFileSync(join(paths.gitlib.root, "lib.zirr"), "utf8")).toContain("two");
    expect(paths.helpers.root).toBe(sb.path("helpers"));
    expect(paths.helpers.source).toBe("path");

    // a new tag: the lock keeps v1.1.0 until `update`
    writeFileSync(join(repo, "lib.zirr"), "func three() { 3 }\n");
    git(repo, "commit", "-qam", "three");
    git(repo, "tag", "v1.2.0");
    sb.ok("app", "install");
    expect(readFileSync(sb.path("app", "cairn.lock"), "utf8")).toContain("?tag=v1.1.0#");
    sb.ok("app", "update");
    expect(readFileSync(sb.path("app", "cairn.lock"), "utf8")).toContain(`?tag=v1.2.0#${git(repo, "rev-parse", "v1.2.0")}`);

    sb.ok("app", "remove", "helpers");
    expect(readFileSync(sb.path("app", "Cavefile"), "utf8")).not.toContain("helpers");
    sb.ok("app", "check");

    // tamper with the installed checkout
    const installed = JSON.parse(sb.ok("app", "paths", "--json").stdout).packages.gitlib.root;
    writeFileSync(join(installed, "lib.zirr"), "tampered\n");
    const v = sb.run("app", "verify");
    expect(v.code).toBe(5);
    expect(v.stdout).toContain("lib.zirr");

    rmSync(sb.home, { recursive: true, force: true });
    const off = sb.run("app", "install", "--offline");
    expect(off.code).toBe(4);
    expect(off.stderr).toMatch(/error\[E_OFFLINE_MISSING\][\s\S]*hint: /);

    sb.ok("app", "install");
    expect(readFileSync(join(installed, "lib.zirr"), "utf8")).toContain("three");
    sb.ok("app", "verify");

    // warm cache: --frozen (no network) reinstalls a deleted layout
    rmSync(sb.path("zirric-packages"), { recursive: true, force: true });
    sb.ok("app", "install", "--frozen");
    expect(existsSync(join(installed, "lib.zirr"))).toBe(true);
    sb.ok("app", "check");
  } finally {
    sb.cleanup();
  }
});
