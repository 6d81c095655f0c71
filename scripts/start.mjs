#!/usr/bin/env node
// `npm start`: the main job on the embedded default. Serves the bundled sample
// registry (a temp copy of examples/registry) with `cairn serve` on 127.0.0.1 (a free port),
// installs a temp copy of examples/cairn with a temp CAIRN_HOME, prints the
// tree and the lock, then stops the server and removes the temp files.
//   npm start            (builds first)
//   node scripts/start.mjs [--profile cairn|minz|ori|epsilon|zirric] [--keep]
//
// Hook for the playground: if web-playground/start-hook.mjs exists, its default
// export runs after the install as `await hook({ registryUrl, projectDir,
// cairnHome, run, root })` while the registry is still up (it may keep serving
// until the user presses Ctrl-C by returning a promise that never resolves).
import { spawn, spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const cli = join(root, "dist/cli.mjs");
const argv = process.argv.slice(2);
const profile = argv.includes("--profile") ? argv[argv.indexOf("--profile") + 1] : "cairn";
const keep = argv.includes("--keep");
const LOCKS = { cairn: "cairn.lock", minz: "mzp.lock", ori: "oripk.lock", epsilon: "epsilon-lock.edn", zirric: "cairn.lock" };

if (!existsSync(cli)) {
  console.error("dist/cli.mjs is missing: run `npm run build` (npm start does it for you)");
  process.exit(1);
}
if (!LOCKS[profile]) {
  console.error(`unknown profile ${profile}; one of ${Object.keys(LOCKS).join(", ")}`);
  process.exit(2);
}

const work = mkdtempSync(join(tmpdir(), "cairn-start-"));
const cairnHome = join(work, "home");
const projectDir = join(work, profile);
cpSync(join(root, "examples", profile), projectDir, { recursive: true });
if (profile === "zirric") cpSync(join(root, "examples/zirric-helpers"), join(work, "zirric-helpers"), { recursive: true });
const env = { ...process.env, CAIRN_HOME: cairnHome, ZIRRIC_PACKAGES: join(work, "zirric-packages") };

// A copy: `cairn serve` records download counts in the registry it serves, and examples/ is tracked.
const registryDir = join(work, "registry");
cpSync(join(root, "examples/registry"), registryDir, { recursive: true });
const server = spawn(process.execPath, [cli, "serve", registryDir, "--port", "0", "--host", "127.0.0.1"], { env, stdio: ["ignore", "pipe", "inherit"] });
const stop = () => {
  if (server.exitCode === null) server.kill("SIGTERM");
  if (!keep) rmSync(work, { recursive: true, force: true });
};
process.on("exit", stop);
process.on("SIGINT", () => process.exit(130));
process.on("SIGTERM", () => process.exit(143));

const registryUrl = await new Promise((resolve, reject) => {
  let buf = "";
  server.stdout.on("data", (d) => {
    buf += d;
    const m = /https?:\/\/[^\s]+/.exec(buf);
    if (m) resolve(m[0]);
  });
  server.on("exit", (code) => reject(new Error(`cairn serve exited with ${code}`)));
});

const run = (...args) => {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: projectDir, env, stdio: "inherit" });
  if (r.status !== 0) {
    console.error(`\`cairn ${args.join(" ")}\` failed with exit code ${r.status}`);
    process.exit(r.status ?? 1);
  }
};

console.log(`registry: ${registryUrl} (examples/registry)\nproject:  ${projectDir} (a copy of examples/${profile})\n`);
run("install", "--registry", registryUrl);
console.log("\n$ cairn tree");
run("tree");
console.log(`\n$ cat ${LOCKS[profile]}`);
process.stdout.write(readFileSync(join(projectDir, LOCKS[profile]), "utf8"));
const hook = join(root, "web-playground/start-hook.mjs");
if (existsSync(hook)) await (await import(hook)).default({ registryUrl, projectDir, cairnHome, run, root });
if (keep) console.log(`\nkept ${work}`);
process.exit(0);
