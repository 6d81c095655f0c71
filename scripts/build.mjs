#!/usr/bin/env node
// Builds everything: the Wasm core (asc, debug + release, plus extra core
// targets listed below), then the esbuild bundles. Each step is skipped when
// its inputs' content is unchanged since its last run, so `npm test` stays fast.
//   node scripts/build.mjs          all
//   node scripts/build.mjs core     only the Wasm modules
//   node scripts/build.mjs --force  rebuild everything
import { spawn } from "node:child_process";
import { existsSync, readdirSync, statSync, mkdirSync, renameSync, writeFileSync, unlinkSync, readFileSync } from "node:fs";
import { createHash } from "node:crypto";
import zlib from "node:zlib";
import { join, dirname } from "node:path";
import { tmpdir } from "node:os";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
process.chdir(root);
const args = process.argv.slice(2);
const force = args.includes("--force");
const only = args.find((a) => !a.startsWith("--"));

// A step is stale when the content hash of its inputs differs from the stamp
// written after its last successful run (or an output is missing). The hash is
// taken *before* the step runs, so an edit made while a build is running is
// never mistaken for built (timestamps got that wrong with several builds
// running at once).
function inputHash(paths) {
  const h = createHash("sha256");
  const walk = (p) => {
    if (!existsSync(p)) return;
    const s = statSync(p);
    if (s.isDirectory()) {
      for (const e of readdirSync(p).sort()) if (e !== "node_modules") walk(join(p, e));
    } else if (!/\.(tmp\.wasm|wat|map)$/.test(p)) {
      h.update(p).update("\0").update(readFileSync(p)).update("\0");
    }
  };
  paths.forEach(walk);
  return h.digest("hex");
}
const stampFile = (key) => join("build", ".stamps", key);
function stale(key, inputs, outputs) {
  const hash = inputHash(inputs);
  const fresh = !force && outputs.every((o) => existsSync(o)) && existsSync(stampFile(key)) && readFileSync(stampFile(key), "utf8") === hash;
  return fresh ? null : () => {
    mkdirSync(join("build", ".stamps"), { recursive: true });
    writeFileSync(stampFile(key), hash);
  };
}

function run(cmd, argv) {
  return new Promise((resolve, reject) => {
    const p = spawn(cmd, argv, { stdio: "inherit" });
    p.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} ${argv.join(" ")} exited ${code}`))));
  });
}
const asc = join(root, "node_modules/.bin/asc");
const pkgVersion = JSON.parse((await import("node:fs")).readFileSync("package.json", "utf8")).version;

// Wasm modules: [asconfig target, output file]. Extra engines (the SIMD hash
// build) are further targets in asconfig.json.
const coreTargets = [
  ["release", "build/cairn.wasm"],
  ["debug", "build/cairn.debug.wasm"],
  ["simd", "build/cairn.simd.wasm"],
];

async function buildCore() {
  mkdirSync("build", { recursive: true });
  const asconfig = JSON.parse(await import("node:fs").then((fs) => fs.readFileSync("asconfig.json", "utf8")));
  const targets = coreTargets.filter(([t]) => asconfig.targets[t]);
  const todo = targets.map(([t, out]) => [t, out, stale(`core-${t}`, ["core", "asconfig.json"], [out])]).filter(([, , done]) => done);
  // Each module is written to a temp name and renamed, so a concurrent reader
  // (a test run, a bundle step) never sees a half-written .wasm.
  await Promise.all(
    todo.map(async ([t, out, done]) => {
      const tmp = out.replace(/\.wasm$/, `.${process.pid}.tmp.wasm`);
      // asc ignores a target's own "entries" (it always compiles the top-level
      // ones), so such a target (the SIMD hash engine) is built from a
      // one-target config holding its entries (absolute, as the config lives
      // in the temp dir, outside the tree) and the shared options.
      const { entries, ...targetOptions } = asconfig.targets[t];
      let config = "asconfig.json";
      if (entries) {
        config = join(tmpdir(), `cairn-asconfig-${t}-${process.pid}.json`);
        writeFileSync(config, JSON.stringify({ entries: entries.map((e) => join(root, e)), options: asconfig.options, targets: { [t]: targetOptions } }));
      }
      try {
        await run(asc, ["--config", config, "--target", t, "--outFile", tmp]);
      } finally {
        if (entries) unlinkSync(config);
      }
      renameSync(tmp, out);
      if (existsSync(`${tmp}.map`)) renameSync(`${tmp}.map`, `${out}.map`);
      done();
    }),
  );
}

// The CLI is one file: a small ES-module loader holding the bundle (CommonJS,
// so each command and the node: built-ins it needs are initialised only when
// that command runs, with both Wasm modules inlined) brotli-compressed.
// Size and start-up figures: BENCHMARKS.md, "Install".
const BROTLI = { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_LGWIN]: 24 } };
const brotliBase64 = (bytes) => zlib.brotliCompressSync(bytes, BROTLI).toString("base64");

async function buildCli(esbuild) {
  const out = await esbuild.build({
    bundle: true, format: "cjs", platform: "node", target: "node20", minify: true, legalComments: "none", logLevel: "warning",
    entryPoints: ["cli/main.ts"], define: { __CAIRN_VERSION__: JSON.stringify(pkgVersion) }, loader: { ".wasm": "binary" }, write: false,
  });
  const code = out.outputFiles[0].text;
  // The bundle runs as a vm script, which cannot import(): every import() of
  // the source must have become a lazy init of a bundled module.
  if (/\bimport\(/.test(code)) throw new Error("dist/cli.mjs: the CommonJS bundle still contains import()");
  const source = `(function (exports, require, module) {${code}\n})`;
  // The code cache is keyed by the bundle's content: V8 itself checks little
  // more than the source length before trusting a cache.
  const key = createHash("sha256").update(source).digest("hex").slice(0, 16);
  const loader = `#!/usr/bin/env node
// cairn CLI (scripts/build.mjs, buildCli): the bundle is the brotli-compressed
// string below, run as a vm script. The inflated source and V8's compiled code
// for it (one per command) are cached in <cache dir>/v8/ (docs/CACHE.md): a
// run with the cache neither inflates nor compiles the bundle again.
import { createRequire } from "node:module";
import { Script } from "node:vm";
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
const bundle = ${JSON.stringify(brotliBase64(Buffer.from(source)))};
const env = process.env;
const useCache = !env.CAIRN_NO_CODE_CACHE;
// the cache dir as cli/cache/cache.ts defaultCacheDir has it
const dir = join(env.CAIRN_HOME || join(env.XDG_CACHE_HOME || join(homedir(), ".cache"), "cairn"), "v8");
const sourceFile = join(dir, "cli-${key}.js");
const command = /^[a-z]{2,12}$/.test(process.argv[2] ?? "") ? process.argv[2] : "other";
const codeFile = join(dir, \`cli-${key}-\${command}.bin\`);
// Cached code runs as the CLI: trust a file only if this user owns it and nobody else can write it.
const uid = process.getuid?.();
const read = (f, enc) => { try { const st = statSync(f); if ((uid === undefined || st.uid === uid) && (st.mode & 0o022) === 0) return readFileSync(f, enc); } catch {} };
let source = useCache ? read(sourceFile, "utf8") : undefined;
const sourceCached = source?.length === ${source.length};
if (!sourceCached) source = (await import("node:zlib")).brotliDecompressSync(Buffer.from(bundle, "base64")).toString();
const cachedData = useCache && sourceCached ? read(codeFile) : undefined;
const script = new Script(source, { filename: "cairn-cli.js", cachedData });
if (useCache && (!cachedData || script.cachedDataRejected)) {
  // written at exit, so the code cache holds the functions this run compiled too; never fails the command
  process.once("exit", () => {
    try {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      const put = (f, data) => { const tmp = f + "." + process.pid + ".tmp"; writeFileSync(tmp, data, { mode: 0o600 }); renameSync(tmp, f); };
      if (!sourceCached) put(sourceFile, source);
      put(codeFile, script.createCachedData());
      // other builds' files, once untouched for 30 days (two builds used in turn keep theirs)
      const old = Date.now() - 30 * 86400e3;
      for (const n of readdirSync(dir)) if (!n.startsWith("cli-${key}") && statSync(join(dir, n)).mtimeMs < old) unlinkSync(join(dir, n));
    } catch {}
  });
}
const module = { exports: {} };
script.runInThisContext()(module.exports, createRequire(import.meta.url), module);
`;
  mkdirSync("dist", { recursive: true });
  const tmp = `dist/cli.${process.pid}.tmp.mjs`;
  writeFileSync(tmp, loader, { mode: 0o755 });
  renameSync(tmp, "dist/cli.mjs");
}

async function buildBundles() {
  const esbuild = await import("esbuild");
  const common = { bundle: true, format: "esm", loader: { ".wasm": "binary" }, minify: true, legalComments: "none", logLevel: "warning" };
  // The TypeScript files of core/ that the bundles import (test/scripts/build.test.ts keeps this list whole).
  const inputs = ["bindings", "cli", "core/abi/codes.ts", "core/solver/protocol.ts", "build/cairn.wasm", "build/cairn.simd.wasm", "package.json"];
  const jobs = [];
  const after = (done) => (p) => p.then(done);
  let done;
  if ((done = stale("cli", [...inputs, "scripts/build.mjs"], ["dist/cli.mjs"]))) {
    jobs.push(after(done)(buildCli(esbuild)));
  }
  if ((done = stale("lib", inputs, ["dist/cairn.mjs"]))) {
    jobs.push(after(done)(esbuild.build({ ...common, entryPoints: ["bindings/index.ts"], platform: "neutral", target: "es2022", outfile: "dist/cairn.mjs", mainFields: ["module", "main"] })));
  }
  // `cairn/node`: the main entry plus Node-only helpers (treeHashDir).
  if ((done = stale("node", inputs, ["dist/node.mjs"]))) {
    jobs.push(after(done)(esbuild.build({ ...common, entryPoints: ["bindings/node.ts"], platform: "node", target: "node20", outfile: "dist/node.mjs" })));
  }
  // The playground bundles the scenario fixtures as its gallery, so they are inputs too.
  if (existsSync("web-playground/build.mjs") && (done = stale("web", [...inputs, "web-playground", "test/fixtures/scenarios"], ["dist/web/index.html"]))) {
    const { buildPlayground } = await import(join(root, "web-playground/build.mjs"));
    jobs.push(after(done)(buildPlayground({ root, minify: true })));
  }
  await Promise.all(jobs);
}

try {
  await buildCore();
  if (only !== "core") await buildBundles();
} catch (e) {
  console.error(`build failed: ${e.message}`);
  process.exit(1);
}
