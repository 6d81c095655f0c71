// The acceptance workflow for a registry profile, run against a real `cairn
// serve`: init, add, install, lock, check, verify, tree, why, paths --json,
// update (--precise and back), remove; tamper → verify names the file; cache
// deleted → install --offline fails with a hint; warm cache + server stopped
// → install --frozen succeeds (so it made no request).
import { existsSync, readFileSync, rmSync, writeFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { expect } from "vitest";
import { Sandbox } from "./harness.js";

export interface ProfileCase {
  profile: string;
  manifest: string;
  lockFile: string;
  /** Layout root relative to the project. */
  layout: string;
  /** `add` specs and the versions the lock must then hold. */
  add: string[];
  expect: Record<string, string>;
  dev?: string;
  /** A package reached through another one: `why` must show `via`. */
  why: { pkg: string; via: string };
  precise: { pkg: string; version: string; latest: string };
  remove: string;
  /** Import name in `paths --json` and the file (relative to its root) that gets tampered with. */
  importName: string;
  tamper: string;
}

const lockHas = (text: string, name: string, version: string) => text.includes(name) && text.includes(version);

export async function registryWorkflow(c: ProfileCase): Promise<void> {
  const sb = new Sandbox();
  try {
    const url = await sb.serve();
    const app = "app";
    sb.ok(".", "init", app, "--profile", c.profile);
    expect(existsSync(sb.path(app, c.manifest))).toBe(true);
    const again = sb.run(app, "init", "--profile", c.profile);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/error\[E_USAGE\]: .*already exists/);

    // add (edits the manifest, locks, installs)
    sb.ok(app, "add", ...c.add, "--registry", url);
    if (c.dev) sb.ok(app, "add", "--dev", c.dev, "--registry", url);
    const lock1 = readFileSync(sb.path(app, c.lockFile), "utf8");
    for (const [n, v] of Object.entries(c.expect)) expect(lockHas(lock1, n, v), `${n} ${v} in ${c.lockFile}`).toBe(true);
    for (const spec of c.add) expect(readFileSync(sb.path(app, c.manifest), "utf8")).toContain(spec.split("@").filter(Boolean)[0]!.replace(/^@/, ""));

    // install is a no-op now; lock does not rewrite the file
    const mtime = statSync(sb.path(app, c.lockFile)).mtimeMs;
    const inst = JSON.parse(sb.ok(app, "install", "--json").stdout);
    expect(inst).toMatchObject({ ok: true, profile: c.profile, lockChanged: false, upToDate: true });
    expect(inst.packages.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(Object.keys(c.expect)));
    const locked = sb.ok(app, "lock");
    expect(locked.stderr).toContain("Lock unchanged");
    expect(statSync(sb.path(app, c.lockFile)).mtimeMs).toBe(mtime);

    expect(sb.ok(app, "check").stderr).toContain("agree");
    expect(sb.ok(app, "verify").stderr).toMatch(/^ok: \d+ installed packages? match/);

    const tree = sb.ok(app, "tree").stdout;
    for (const n of Object.keys(c.expect)) expect(tree).toContain(n);
    const why = sb.ok(app, "why", c.why.pkg);
    expect(why.stdout).toContain(`--> ${c.why.via} `);
    const whyJson = JSON.parse(sb.ok(app, "why", c.why.pkg, "--json").stdout);
    expect(whyJson.paths.some((p: { edges: { name: string; req: string }[] }) => p.edges.some((e) => e.name === c.why.via) && p.edges.every((e) => typeof e.req === "string" && e.req.length > 0))).toBe(true);

    const paths = JSON.parse(sb.ok(app, "paths", "--json").stdout);
    const entry = paths.packages[c.importName];
    expect(entry, `paths has ${c.importName}`).toBeDefined();
    expect(existsSync(entry.root)).toBe(true);
    expect(existsSync(entry.entry)).toBe(true);
    expect(entry.root.startsWith(sb.path(app, c.layout))).toBe(true);

    // update: --precise moves one package, plain update brings it back to the newest allowed
    sb.ok(app, "update", c.precise.pkg, "--precise", c.precise.version);
    expect(lockHas(readFileSync(sb.path(app, c.lockFile), "utf8"), c.precise.pkg, c.precise.version)).toBe(true);
    sb.ok(app, "update", c.precise.pkg);
    const afterUpdate = readFileSync(sb.path(app, c.lockFile), "utf8");
    expect(afterUpdate).toContain(c.precise.latest);
    expect(sb.ok(app, "check").code).toBe(0);

    // remove
    sb.ok(app, "remove", c.remove);
    expect(readFileSync(sb.path(app, c.manifest), "utf8")).not.toContain(c.remove);
    expect(sb.ok(app, "check").code).toBe(0);

    // tamper: verify names the file, check fails, install restores
    const victim = join(entry.root, c.tamper);
    writeFileSync(victim, "tampered\n");
    const v = sb.run(app, "verify");
    expect(v.code).toBe(5);
    expect(v.stdout).toContain(c.tamper);
    expect(v.stderr).toMatch(/error\[E_TREE_MISMATCH\]/);
    expect(sb.run(app, "check").code).toBe(5);

    // no cache + offline: a clear failure with a hint
    rmSync(sb.home, { recursive: true, force: true });
    const off = sb.run(app, "install", "--offline");
    expect(off.code).toBe(4);
    expect(off.stderr).toMatch(/error\[E_OFFLINE_MISSING\]/);
    expect(off.stderr).toMatch(/^hint: /m);

    // online again: restored
    sb.ok(app, "install");
    expect(readFileSync(victim, "utf8")).not.toBe("tampered\n");
    sb.ok(app, "verify");

    // warm cache, no server: --frozen installs without any request
    rmSync(sb.path(app, c.layout), { recursive: true, force: true });
    sb.stop();
    const frozen = sb.run(app, "install", "--frozen");
    expect(frozen.code, frozen.stderr).toBe(0);
    sb.ok(app, "verify");
    expect(sb.ok(app, "check").code).toBe(0);
  } finally {
    sb.cleanup();
  }
}
