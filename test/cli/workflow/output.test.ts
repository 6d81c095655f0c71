// Human output of the main workflow commands and errors (colour off), kept as
// reviewed snapshot files, and the `--json` outputs checked for their shape
// and for agreeing with the human output and the lock.
import { cpSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT, Sandbox } from "../../e2e/harness.js";
import { readCairnLock } from "../../../bindings/lock/cairn-lock.js";
import { main } from "../../../cli/main.js";
import type { Io } from "../../../cli/output.js";

let sb: Sandbox;
let url = "";

/** The CLI in-process (cli/main.ts with a capturing Io): the same code as the bundle, without a process per call. */
const cli = async (cwd: string, ...args: string[]) => {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = { out: (t) => void out.push(t), err: (t) => void err.push(t), color: false, quiet: false, verbose: false, isTTY: false, cwd: sb.path(cwd), env: sb.env };
  const code = await main(args, io);
  return { code, stdout: out.join(""), stderr: err.join("") };
};
const ok = async (cwd: string, ...args: string[]) => {
  const r = await cli(cwd, ...args);
  if (r.code !== 0) throw new Error(`cairn ${args.join(" ")} exited ${r.code}: ${r.stderr}`);
  return r;
};
const norm = (s: string) => s.split(sb.dir).join("<tmp>").split(url).join("<registry>/");
const snap = (name: string, r: { code: number; stdout: string; stderr: string }) =>
  expect(norm(`$ exit ${r.code}\n--- stdout\n${r.stdout}--- stderr\n${r.stderr}`)).toMatchFileSnapshot(`__snapshots__/${name}.txt`);

beforeAll(async () => {
  sb = new Sandbox();
  url = await sb.serve();
  cpSync(join(ROOT, "examples/cairn"), sb.path("app"), { recursive: true });
  cpSync(join(ROOT, "examples/ori"), sb.path("ori"), { recursive: true });
});
afterAll(() => sb.cleanup());

describe("human output", () => {
  it("install, tree, why, paths, check, verify, outdated", async () => {
    await snap("install", await cli("app", "install", "--registry", url));
    await snap("install-again", await cli("app", "install"));
    await snap("tree", await cli("app", "tree"));
    await snap("why", await cli("app", "why", "fmt"));
    await snap("paths", await cli("app", "paths"));
    await snap("check", await cli("app", "check"));
    await snap("verify", await cli("app", "verify"));
    await ok("app", "update", "greet", "--precise", "1.0.0");
    await snap("outdated", await cli("app", "outdated"));
    writeFileSync(sb.path("app/.cairn/packages/fmt/src/lib.cn"), "changed\n");
    await snap("verify-tampered", await cli("app", "verify"));
    await ok("app", "install");
  });

  it("init, add, lock, update, remove", async () => {
    await snap("init", await cli(".", "init", "fresh"));
    await snap("add", await cli("fresh", "add", "greet@^1.0.0", "testkit", "--registry", url));
    await snap("add-dev", await cli("fresh", "add", "--dev", "colors"));
    await snap("lock", await cli("fresh", "lock"));
    await snap("update-precise", await cli("fresh", "update", "greet", "--precise", "1.0.0"));
    await snap("update", await cli("fresh", "update"));
    await snap("remove", await cli("fresh", "remove", "testkit", "colors"));
    await expect(readFileSync(sb.path("fresh/cairn.toml"), "utf8")).toMatchFileSnapshot("__snapshots__/fresh-cairn.toml.txt");
  });

  it("the main errors: code, where, message, hint; never a stack trace", async () => {
    const errors: [string, string, string[]][] = [
      ["no-manifest", ".", ["install"]],
      ["unknown-package", "app", ["add", "no-such-package"]],
      ["no-solution", "app", ["add", "greet@>=3.0.0"]],
      ["frozen-outdated", "app", ["remove", "colors", "--frozen"]],
      ["ori-not-exact", "ori", ["add", "@orilib/utils@^2.0.0", "--registry", url]],
      ["update-unknown", "app", ["update", "nothing-here"]],
    ];
    for (const [name, cwd, args] of errors) {
      const r = await cli(cwd, ...args);
      expect(r.code, name).not.toBe(0);
      expect(r.stderr, name).toMatch(/^error\[E_[A-Z_]+\]: /m);
      expect(r.stderr, name).not.toMatch(/\n\s+at .+:\d+:\d+/);
      await snap(`error-${name}`, r);
    }
    // nothing was written by the failed commands
    expect(readFileSync(sb.path("app/cairn.toml"), "utf8")).toBe(readFileSync(join(ROOT, "examples/cairn/cairn.toml"), "utf8"));
  });
});

describe("--json", () => {
  it("install, tree, why, paths, check, verify and outdated agree with the lock", async () => {
    const lock = readCairnLock(readFileSync(sb.path("app/cairn.lock"), "utf8"));
    const versions = Object.fromEntries(lock.packages.map((p) => [p.name, p.version]));

    const inst = JSON.parse((await ok("app", "install", "--json")).stdout);
    expect(inst).toMatchObject({ ok: true, profile: "cairn", lock: "cairn.lock", upToDate: true, layout: ".cairn/packages" });
    expect(Object.fromEntries(inst.packages.map((p: { name: string; version: string }) => [p.name, p.version]))).toEqual(versions);

    const tree = JSON.parse((await ok("app", "tree", "--json")).stdout);
    expect(tree.roots).toHaveLength(1);
    for (const e of [...tree.roots[0].dependencies, ...tree.roots[0].devDependencies]) {
      expect(typeof e.req).toBe("string");
      expect(e.version).toBe(versions[e.name]);
    }
    expect(tree.packages.map((p: { name: string }) => p.name)).toEqual(Object.keys(versions));
    for (const p of tree.packages) expect(p.checksum).toMatch(/^sha256:[0-9a-f]{64}$/);

    const why = JSON.parse((await ok("app", "why", "fmt", "--json")).stdout);
    expect(why.package).toBe("fmt");
    expect(why.paths.length).toBeGreaterThan(0);
    for (const p of why.paths) {
      expect(p.root).toBe("hello-app");
      expect(p.edges.at(-1).name).toBe("fmt");
      for (const e of p.edges) expect(e.version).toBe(versions[e.name]);
    }
    expect(why.paths.length).toBe((await ok("app", "why", "fmt")).stdout.split("\n").filter((l: string) => l.startsWith("  hello-app")).length);

    const paths = JSON.parse((await ok("app", "paths", "--json")).stdout);
    expect(paths.profile).toBe("cairn");
    expect(Object.keys(paths.packages).sort()).toEqual(Object.keys(versions).sort());
    for (const [k, v] of Object.entries(paths.packages) as [string, { version: string; root: string; entry: string }][]) {
      expect(v.version).toBe(versions[k]);
      expect(readFileSync(v.entry, "utf8")).toContain(`${k} ${v.version}`);
    }

    expect(JSON.parse((await ok("app", "check", "--json")).stdout)).toEqual({ ok: true, lock: "cairn.lock", layout: ".cairn/packages", packages: lock.packages.length });
    expect(JSON.parse((await ok("app", "verify", "--json")).stdout)).toMatchObject({ ok: true, checked: lock.packages.length, problems: [] });
    const out = JSON.parse((await ok("app", "outdated", "--json")).stdout);
    expect(out.outdated).toContainEqual({ name: "greet", current: "1.0.0", wanted: "1.1.0", latest: "1.1.0" });
  });
});
