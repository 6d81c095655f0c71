#!/usr/bin/env node
// `cairn install` of the example project against pnpm and npm installing the
// same packages from an npm-compatible registry, all servers on 127.0.0.1,
// in the same run. Prints medians and ratios (peer time / cairn time: > 1
// means cairn is faster). Also: `cairn --version` and `cairn solve` of a
// 100-package graph as whole processes against `node -e 0`, CLI bundle size.
//   node scripts/build.mjs && node bench/install.mjs [--runs 7]
//
// cold: empty cache/store, no lock file, nothing installed.
// warm: cache/store filled, lock file present, installed directory deleted
//       (the CI-with-a-cache case).
// no-op: the same command again right after warm, everything up to date.
import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { createServer } from "node:http";
import { cpSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync, existsSync, readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { PACKAGES, packTarGz } from "../scripts/make-example-registry.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const cli = join(root, "dist/cli.mjs");
const argv = process.argv.slice(2);
const RUNS = argv.includes("--runs") ? Number(argv[argv.indexOf("--runs") + 1]) : 7;
// pnpm 12 ships as a native executable; it lives in bench/peers (npm install --prefix bench/peers)
const pnpmBin = join(root, "bench/peers/node_modules/.bin/pnpm");
const npmBin = spawnSync("sh", ["-c", "command -v npm"], { encoding: "utf8" }).stdout.trim();

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
// async: the npm registry below runs in this process and must keep answering
const time = (cmd, args, opts) =>
  new Promise((resolve, reject) => {
    const t = process.hrtime.bigint();
    const p = spawn(cmd, args, { ...opts, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    p.stdout.on("data", (d) => (out += d));
    p.stderr.on("data", (d) => (out += d));
    p.on("exit", (code) => {
      const ms = Number(process.hrtime.bigint() - t) / 1e6;
      if (code !== 0) reject(new Error(`${cmd} ${args.join(" ")} failed (${code}):\n${out}`));
      else resolve(ms);
    });
  });

// ---- an npm-compatible registry with the example project's packages ------
const CAIRN_PKGS = ["fmt", "greet", "colors", "wincon", "testkit"];
function npmRegistry() {
  const tarballs = new Map();
  const packuments = new Map();
  return new Promise((resolve) => {
    const server = createServer((req, res) => {
      const path = decodeURIComponent(req.url.split("?")[0]).replace(/^\//, "");
      if (tarballs.has(path)) {
        res.writeHead(200, { "content-type": "application/octet-stream" });
        return res.end(tarballs.get(path));
      }
      const doc = packuments.get(path);
      if (!doc) {
        res.writeHead(404);
        return res.end("{}");
      }
      res.writeHead(200, { "content-type": "application/json" });
      res.end(doc);
    });
    server.listen(0, "127.0.0.1", () => {
      const base = `http://127.0.0.1:${server.address().port}/`;
      for (const name of CAIRN_PKGS) {
        const versions = {};
        let latest;
        for (const [v, spec] of Object.entries(PACKAGES[name])) {
          const deps = { ...(spec.deps ?? {}) };
          const files = { "package/package.json": JSON.stringify({ name, version: v, dependencies: deps }) };
          for (const [p, c] of Object.entries(spec.files)) files[`package/${p}`] = c;
          const tgz = packTarGz(files);
          const rel = `${name}/-/${name}-${v}.tgz`;
          tarballs.set(rel, tgz);
          versions[v] = {
            name,
            version: v,
            dependencies: deps,
            dist: { tarball: base + rel, shasum: createHash("sha1").update(tgz).digest("hex"), integrity: `sha512-${createHash("sha512").update(tgz).digest("base64")}` },
            ...(spec.yanked ? { deprecated: "yanked" } : {}),
          };
          if (!spec.yanked && !v.includes("-")) latest = v;
        }
        packuments.set(name, JSON.stringify({ name, "dist-tags": { latest }, versions }));
      }
      resolve({ url: base, close: () => server.close() });
    });
  });
}

function cairnServe() {
  return new Promise((resolve, reject) => {
    // a copy: serving counts downloads into the registry directory
    const reg = join(work, "registry");
    cpSync(join(root, "examples/registry"), reg, { recursive: true });
    const p = spawn(process.execPath, [cli, "serve", reg, "--port", "0", "--host", "127.0.0.1"], { stdio: ["ignore", "pipe", "ignore"] });
    let buf = "";
    p.stdout.on("data", (d) => {
      buf += d;
      const m = /https?:\/\/[^\s]+/.exec(buf);
      if (m) resolve({ url: m[0], close: () => p.kill() });
    });
    p.on("exit", (c) => reject(new Error(`serve exited ${c}`)));
  });
}

// ---- the runs ------------------------------------------------------------
if (!existsSync(cli)) throw new Error("run `node scripts/build.mjs` first");
const work = mkdtempSync(join(tmpdir(), "cairn-bench-install-"));
const cairnReg = await cairnServe();
const npmReg = await npmRegistry();
// a failed run must not leave `cairn serve` behind
let closed = false;
const closeAll = () => {
  if (closed) return;
  closed = true;
  cairnReg.close();
  npmReg.close();
};
process.on("exit", closeAll);
process.on("uncaughtException", (e) => {
  console.error(e);
  process.exit(1);
});
process.on("unhandledRejection", (e) => {
  console.error(e);
  process.exit(1);
});
const pkgJson = JSON.stringify({ name: "hello-app", version: "0.1.0", private: true, dependencies: { greet: "^1.0.0", colors: "^2.0.0" }, devDependencies: { testkit: "^0.3.0" } });

const tools = {
  cairn: {
    setup(dir) {
      cpSync(join(root, "examples/cairn"), dir, { recursive: true });
    },
    run: (dir, home, cold) => time(process.execPath, [cli, "install", "--quiet", ...(cold ? ["--registry", cairnReg.url] : ["--frozen"])], { cwd: dir, env: { ...process.env, CAIRN_HOME: home } }),
    lock: "cairn.lock",
    installed: ".cairn",
  },
  pnpm: {
    setup(dir) {
      writeFileSync(join(dir, "package.json"), pkgJson);
    },
    run: (dir, home, cold) =>
      time(pnpmBin, ["install", "--registry", npmReg.url, "--store-dir", join(home, "store"), "--cache-dir", join(home, "cache"), "--ignore-scripts", "--reporter=silent", ...(cold ? [] : ["--frozen-lockfile", "--prefer-offline"])], {
        cwd: dir,
        env: { ...process.env, npm_config_registry: npmReg.url, npm_config_update_notifier: "false" },
      }),
    lock: "pnpm-lock.yaml",
    installed: "node_modules",
  },
  npm: {
    setup(dir) {
      writeFileSync(join(dir, "package.json"), pkgJson);
    },
    run: (dir, home, cold, noop) =>
      time(npmBin, [cold || noop ? "install" : "ci", "--registry", npmReg.url, "--cache", join(home, "cache"), "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error", ...(cold ? [] : ["--prefer-offline"])], {
        cwd: dir,
        env: { ...process.env, npm_config_update_notifier: "false" },
      }),
    lock: "package-lock.json",
    installed: "node_modules",
  },
};

const results = {};
for (const [name, t] of Object.entries(tools)) results[name] = { cold: [], warm: [], noop: [] };
const floorRuns = [];
for (let i = 0; i < RUNS; i++) {
  // interleave tools so machine load affects them alike
  for (const [name, t] of Object.entries(tools)) {
    const dir = join(work, `${name}-${i}`);
    const home = join(work, `${name}-${i}-home`);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    t.setup(dir);
    results[name].cold.push(await t.run(dir, home, true));
    if (!existsSync(join(dir, t.lock))) throw new Error(`${name} wrote no ${t.lock}`);
    rmSync(join(dir, t.installed), { recursive: true, force: true });
    results[name].warm.push(await t.run(dir, home, false));
    results[name].noop.push(await t.run(dir, home, false, true));
    rmSync(dir, { recursive: true, force: true });
    rmSync(home, { recursive: true, force: true });
  }
}

const versionRuns = [];
const solveRuns = [];
// a whole-process `cairn solve` of the resolver benchmark's 100-package graph (bench/resolve/README.md)
spawnSync(process.execPath, [join(root, "bench/resolve/gen.mjs"), "--out", work, "--only", "sweep-100"], { stdio: "ignore" });
const graph = join(work, "sweep-100.json");
// --version with a code cache (a first run writes it), against Node's own start-up, interleaved
const versionHome = join(work, "version-home");
await time(process.execPath, [cli, "--version"], { env: { ...process.env, CAIRN_HOME: versionHome } });
for (let i = 0; i < Math.max(RUNS, 10); i++) {
  floorRuns.push(await time(process.execPath, ["-e", "0"], {}));
  versionRuns.push(await time(process.execPath, [cli, "--version"], { env: { ...process.env, CAIRN_HOME: versionHome } }));
  solveRuns.push(await time(process.execPath, [cli, "solve", graph, "--json"], { env: { ...process.env, CAIRN_HOME: versionHome } }));
}
closeAll();
rmSync(work, { recursive: true, force: true });

const m = (name, k) => median(results[name][k]);
const line = (k) => `| ${k} | ${m("cairn", k).toFixed(0)} ms | ${m("pnpm", k).toFixed(0)} ms | ${m("npm", k).toFixed(0)} ms | ${(m("pnpm", k) / m("cairn", k)).toFixed(2)}× | ${(m("npm", k) / m("cairn", k)).toFixed(2)}× |`;
const bundle = statSync(cli).size;
const gz = gzipSync(readFileSync(cli)).length;
console.log(`install of examples/cairn (5 packages), medians of ${RUNS} runs, node ${process.version}, pnpm ${spawnSync(pnpmBin, ["--version"], { encoding: "utf8" }).stdout.trim()}, npm ${spawnSync(npmBin, ["--version"], { encoding: "utf8" }).stdout.trim()}\n`);
console.log("| case | cairn | pnpm | npm | pnpm / cairn | npm / cairn |");
console.log("| --- | --- | --- | --- | --- | --- |");
console.log(line("cold"));
console.log(line("warm"));
console.log(line("noop"));
console.log(`\ncairn --version cold start: median ${median(versionRuns).toFixed(0)} ms, \`node -e 0\` ${median(floorRuns).toFixed(0)} ms (${versionRuns.length} runs each, interleaved); \`cairn solve sweep-100.json --json\` ${median(solveRuns).toFixed(0)} ms`);
console.log(`dist/cli.mjs (Wasm inlined): ${(bundle / 1024).toFixed(1)} KiB (${bundle} bytes), ${(gz / 1024).toFixed(1)} KiB gzipped`);
