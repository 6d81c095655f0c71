// kill -9 `cairn install` at random points (50 runs, seeded): afterwards the
// lock, the cache and the project are the old state or the new one, never a
// mix, and the next install succeeds. "Afterwards" includes the recovery
// every project command runs first (it completes a transaction whose journal
// was committed; see cli/install/transaction.ts), done here in-process.
import { spawn } from "node:child_process";
import { cpSync, readFileSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { CLI, ROOT, Sandbox } from "./harness.js";
import { recover } from "../../cli/install/transaction.js";
import { layoutFor } from "../../cli/install/layout.js";
import { readState, verifyInstall } from "../../cli/install/verify.js";
import { readCairnLock } from "../../bindings/lock/cairn-lock.js";
import { lockDigest } from "../../cli/install/sync.js";
import { Cache } from "../../cli/cache/cache.js";

const RUNS = 50;

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function runKilled(sb: Sandbox, cwd: string, delayMs: number): Promise<{ killed: boolean; code: number | null }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [CLI, "install"], { cwd, env: sb.env, stdio: "ignore" });
    let killed = false;
    const t = setTimeout(() => {
      killed = p.kill("SIGKILL");
    }, delayMs);
    p.on("exit", (code) => {
      clearTimeout(t);
      resolve({ killed: killed && code === null, code });
    });
  });
}

it(`kill -9 during install, ${RUNS} times: old state or new state, never a mix`, async () => {
  const sb = new Sandbox();
  try {
    const url = await sb.serve();
    const proj = sb.path("proj");
    cpSync(join(ROOT, "examples/cairn"), proj, { recursive: true });
    const manifest = join(proj, "cairn.toml");
    const base = readFileSync(manifest, "utf8");
    const oldManifest = base.replace(`greet = "^1.0.0"`, `greet = "=1.0.0"`);
    const newManifest = base.replace(`greet = "^1.0.0"`, `greet = "=1.1.0"`);
    expect(oldManifest).not.toBe(newManifest);

    // the old state: installed with greet 1.0.0; snapshot project + cache
    writeFileSync(manifest, oldManifest);
    sb.ok("proj", "install", "--registry", url);
    const oldLock = readFileSync(join(proj, "cairn.lock"), "utf8");
    cpSync(proj, sb.path("proj-old"), { recursive: true });
    cpSync(sb.home, sb.path("home-old"), { recursive: true });

    // the new state, once, for reference (and its duration, to spread the kills over)
    writeFileSync(manifest, newManifest);
    const t0 = Date.now();
    sb.ok("proj", "install");
    const duration = Date.now() - t0;
    const newLock = readFileSync(join(proj, "cairn.lock"), "utf8");
    expect(newLock).not.toBe(oldLock);
    expect(readCairnLock(newLock).packages.find((p) => p.name === "greet")?.version).toBe("1.1.0");

    const layout = layoutFor("cairn", proj, sb.env);
    const random = rng(7);
    let interrupted = 0;
    for (let i = 0; i < RUNS; i++) {
      rmSync(proj, { recursive: true, force: true });
      rmSync(sb.home, { recursive: true, force: true });
      cpSync(sb.path("proj-old"), proj, { recursive: true });
      cpSync(sb.path("home-old"), sb.home, { recursive: true });
      writeFileSync(manifest, newManifest); // the user's edit; install must bring lock + layout along

      const r = await runKilled(sb, proj, Math.floor(random() * duration * 1.1));
      if (r.killed) interrupted++;
      else expect(r.code, `run ${i} finished`).toBe(0);

      // raw: the lock is one of the two, whole
      const raw = readFileSync(join(proj, "cairn.lock"), "utf8");
      expect([oldLock, newLock], `run ${i}: lock`).toContain(raw);
      // the cache has no half entries
      expect(new Cache(sb.home).verify(), `run ${i}: cache`).toEqual([]);
      // after recovery, the layout is the one the lock describes, file for file
      recover(proj, [layout.root]);
      const lockText = readFileSync(join(proj, "cairn.lock"), "utf8");
      expect([oldLock, newLock]).toContain(lockText);
      const state = readState(layout);
      expect(state, `run ${i}: install state`).toBeDefined();
      expect(state!.lock, `run ${i}: layout matches lock`).toBe(lockDigest(lockText));
      expect(verifyInstall(layout, readCairnLock(lockText)).problems, `run ${i}: files`).toEqual([]);
      expect(readFileSync(manifest, "utf8")).toBe(newManifest);
      expect(existsSync(join(proj, ".cairn-txn.json"))).toBe(false);

      // every 25th run: the next install succeeds and lands on the new state
      if (i % 25 === 24) {
        sb.ok("proj", "install");
        expect(readFileSync(join(proj, "cairn.lock"), "utf8")).toBe(newLock);
        sb.ok("proj", "check");
      }
    }
    // the kills must actually have interrupted installs
    expect(interrupted).toBeGreaterThan(RUNS / 2);
  } finally {
    sb.cleanup();
  }
}, 240_000);
