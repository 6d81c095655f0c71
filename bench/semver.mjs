#!/usr/bin/env node
// Batch range filtering: cairn's one-call Wasm filter (`filterVersionIndices`
// from the built library: strings → wire → core → indices) against node-semver
// in the same run, samples interleaved so outside load hits both alike.
// Prints the median time per filter of 10,000 versions and the ratios.
//
//   npm run build && node bench/semver.mjs          full run (~30 s)
//   node bench/semver.mjs --quick                    smoke run (~5 s)
//
// Peers: `semver.satisfies(v, range)` in a loop (what a package manager
// written against node-semver does), and the kindest node-semver variant:
// a pre-built `Range` tested against pre-parsed `SemVer` objects.
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";
import { dirname, join } from "node:path";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const dist = join(root, "dist/cairn.mjs");
if (!existsSync(dist)) {
  console.error("bench/semver: dist/cairn.mjs is missing; run `npm run build` first");
  process.exit(2);
}
const cairn = await import(pathToFileURL(dist).href);
const semver = createRequire(import.meta.url)("semver");

const quick = process.argv.includes("--quick");
const SAMPLES = quick ? 5 : 15;
const SAMPLE_MS = quick ? 60 : 200;

// 10,000 distinct versions in ascending precedence, about 5% prereleases.
function rng(seed) {
  let x = seed >>> 0 || 1;
  return () => ((x ^= x << 13), (x ^= x >>> 17), (x ^= x << 5), (x >>> 0) / 2 ** 32);
}
const rand = rng(2026);
const seen = new Set();
const versions = [];
while (versions.length < 10_000) {
  const v = `${Math.floor(rand() * 10)}.${Math.floor(rand() * 30)}.${Math.floor(rand() * 40)}` + (rand() < 0.05 ? `-${["alpha", "beta", "rc"][Math.floor(rand() * 3)]}.${Math.floor(rand() * 5)}` : "");
  if (!seen.has(v)) (seen.add(v), versions.push(v));
}
versions.sort(semver.compare);

const ranges = ["^1.2.3", "~4.5.0", ">=2.0.0 <5.0.0", "1.x || 3.x || >=8", "*", "^3.4.5-beta.1", "1.2.3 - 6.7.8 || 9.0.0"];

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1];
}

/** Runs f repeatedly for about SAMPLE_MS; returns ms per call. */
function sample(f) {
  let n = 0;
  const t0 = performance.now();
  let t = t0;
  do {
    f();
    n++;
    t = performance.now();
  } while (t - t0 < SAMPLE_MS);
  return (t - t0) / n;
}

const parsed = versions.map((v) => new semver.SemVer(v));
const prepared = cairn.prepareVersions(versions);
const index = new cairn.VersionIndex(versions);
const contenders = {
  "cairn filterVersionIndices (one Wasm call)": (r) => cairn.filterVersionIndices(versions, r).length,
  "cairn, list prepared once": (r) => cairn.filterVersionIndices(prepared, r).length,
  "cairn VersionIndex (parsed once in the core)": (r) => index.filter(r).length,
  "semver.satisfies loop": (r) => {
    let n = 0;
    for (const v of versions) if (semver.satisfies(v, r)) n++;
    return n;
  },
  "semver Range.test on pre-parsed SemVer": (r) => {
    const range = new semver.Range(r);
    let n = 0;
    for (const v of parsed) if (range.test(v)) n++;
    return n;
  },
};

console.log(`bench/semver: ${versions.length} versions × ${ranges.length} ranges, ${SAMPLES} interleaved samples of ~${SAMPLE_MS} ms, Node ${process.version}`);
// The contenders must agree before their speed means anything.
for (const r of ranges) {
  const counts = Object.values(contenders).map((f) => f(r));
  if (new Set(counts).size !== 1) {
    console.error(`bench/semver: contenders disagree on ${r}: ${counts.join(" vs ")}`);
    process.exit(1);
  }
}
const names = Object.keys(contenders);
const times = Object.fromEntries(names.map((n) => [n, ranges.map(() => [])]));
for (const f of Object.values(contenders)) for (const r of ranges) sample(() => f(r)); // warm-up
for (let s = 0; s < SAMPLES; s++) {
  for (const [ri, r] of ranges.entries()) for (const n of names) times[n][ri].push(sample(() => contenders[n](r)));
}

const base = names[0];
console.log("");
names.forEach((n, k) => console.log(`  [${k + 1}] ${n}`));
console.log(["range".padEnd(24), ...names.map((_, k) => `[${k + 1}] ms`.padStart(14))].join(" ") + "   (median ms per filter of 10,000 versions)");
const geo = (xs) => Math.exp(xs.reduce((a, x) => a + Math.log(x), 0) / xs.length);
const SAT = 3, KIND = 4; // indices of the node-semver contenders
const ratio = { loop: names.map(() => []), kind: names.map(() => []) };
for (const [ri, r] of ranges.entries()) {
  const med = names.map((n) => median(times[n][ri]));
  names.forEach((_, k) => {
    ratio.loop[k].push(med[SAT] / med[k]);
    ratio.kind[k].push(med[KIND] / med[k]);
  });
  console.log([r.padEnd(24), ...med.map((m) => m.toFixed(3).padStart(14))].join(" "));
}
console.log("");
console.log("speed-up (geometric mean over the ranges of the median ratios):");
for (let k = 0; k < 3; k++) {
  console.log(`  ${names[k].padEnd(46)} ${geo(ratio.loop[k]).toFixed(1).padStart(6)}x vs semver.satisfies loop, ${geo(ratio.kind[k]).toFixed(1).padStart(6)}x vs pre-parsed Range.test`);
}
console.log("(the first cairn row encodes the 10,000 strings into the wire format on every call)");
