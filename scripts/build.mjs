#!/usr/bin/env node
// Builds everything: the Wasm core (asc, debug + release, plus extra core
// targets listed below), then the esbuild bundles. Each step is skipped when
// its outputs are newer than its inputs, so `npm test` stays fast.
//   node scripts/build.mjs          all
//   node scripts/build.mjs core     only the Wasm modules
//   node scripts/build.mjs --force  ignore timestamps
import { spawn } from "node:child_process";
import { existsSync, readdirSync, statSync, mkdirSync, renameSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
process.chdir(root);
const args = process.argv.slice(2);
const force = args.includes("--force");
const only = args.find((a) => !a.startsWith("--"));

function newest(paths) {
  let t = 0;
  const walk = (p) => {
    if (!existsSync(p)) return;
    const s = statSync(p);
    if (s.isDirectory()) {
      for (const e of readdirSync(p)) if (e !== "node_modules") walk(join(p, e));
    } else t = Math.max(t, s.mtimeMs);
  };
  paths.forEach(walk);
  return t;
}
function oldest(paths) {
  let t = Infinity;
  for (const p of paths) t = existsSync(p) ? Math.min(t, statSync(p).mtimeMs) : 0;
  return t;
}
const stale = (inputs, outputs) => force || oldest(outputs) < newest(inputs);

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
  const todo = targets.filter(([, out]) => stale(["core", "asconfig.json"], [out]));
  // Each module is written to a temp name and renamed, so a concurrent reader
  // (a test run, a bundle step) never sees a half-written .wasm.
  await Promise.all(
    todo.map(async ([t, out]) => {
      const tmp = out.replace(/\.wasm$/, `.${process.pid}.tmp.wasm`);
      await run(asc, ["--config", "asconfig.json", "--target", t, "--outFile", tmp]);
      renameSync(tmp, out);
      if (existsSync(`${tmp}.map`)) renameSync(`${tmp}.map`, `${out}.map`);
    }),
  );
}

async function buildBundles() {
  const esbuild = await import("esbuild");
  const common = { bundle: true, format: "esm", loader: { ".wasm": "binary" }, minify: true, legalComments: "none", logLevel: "warning" };
  const inputs = ["bindings", "cli", "core/abi/codes.ts", "build", "package.json"];
  const jobs = [];
  if (stale(inputs, ["dist/cli.mjs"])) {
    jobs.push(esbuild.build({ ...common, entryPoints: ["cli/main.ts"], platform: "node", target: "node20", outfile: "dist/cli.mjs", define: { __CAIRN_VERSION__: JSON.stringify(pkgVersion) }, banner: { js: "#!/usr/bin/env node" } }));
  }
  if (stale(inputs, ["dist/cairn.mjs"])) {
    jobs.push(esbuild.build({ ...common, entryPoints: ["bindings/index.ts"], platform: "neutral", target: "es2022", outfile: "dist/cairn.mjs", mainFields: ["module", "main"] }));
  }
  if (existsSync("web-playground/build.mjs") && stale([...inputs, "web-playground"], ["dist/web/index.html"])) {
    const { buildPlayground } = await import(join(root, "web-playground/build.mjs"));
    jobs.push(buildPlayground({ root, minify: true }));
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
