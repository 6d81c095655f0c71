#!/usr/bin/env node
// Playground benchmark: the 2,000-package scenario (test/browser/big-scenario.mjs)
// solved in headless Chromium through the page (Web Worker + Wasm core), against
// the same scenario solved by the same core in Node (`solve()` from
// dist/cairn.mjs) in the same run; prints medians and the browser/Node ratio,
// the longest main-thread gap during the browser solves (how long the page was
// unresponsive), and the page weight (gzip -9 of what the page loads).
//   node scripts/build.mjs && node bench/playground.mjs [--runs 5] [--packages 2000]
import { readFileSync, mkdtempSync, rmSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { buildPlayground } from "../web-playground/build.mjs";
import { serveStatic } from "../web-playground/serve.mjs";
import { bigScenario } from "../test/browser/big-scenario.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const argv = process.argv.slice(2);
const opt = (name, d) => (argv.includes(`--${name}`) ? Number(argv[argv.indexOf(`--${name}`) + 1]) : d);
const RUNS = opt("runs", 5);
const PACKAGES = opt("packages", 2000);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (x) => `${x.toFixed(0)} ms`;

const base = mkdtempSync(join(tmpdir(), "cairn-bench-playground-"));
const dir = join(base, "web");
await buildPlayground({ root, minify: true, outDir: dir });

// Page weight: everything the page itself loads (the Wasm core is inlined in worker.js).
const gz = (f) => gzipSync(readFileSync(join(dir, f)), { level: 9 }).length;
const pageFiles = ["index.html", "styles.css", "main.js", "worker.js"];
const weight = Object.fromEntries(pageFiles.map((f) => [f, gz(f)]));
const total = Object.values(weight).reduce((a, b) => a + b, 0);
const wasmGz = gzipSync(readFileSync(join(root, "build/cairn.wasm")), { level: 9 }).length;
const galleryGz = gz("gallery.json");

const scenario = bigScenario({ packages: PACKAGES });
const text = JSON.stringify(scenario);

// Node: the same core, same scenario, same process-level API the CLI uses.
const { solve } = await import(join(root, "dist/cairn.mjs"));
const node = [];
const traced = [];
let events = 0;
for (let i = 0; i < RUNS; i++) {
  const t = performance.now();
  const r = solve(text);
  node.push(performance.now() - t);
  if (!r.ok) throw new Error(`node solve failed: ${r.error.code}`);
  // With the trace on, as the page runs it (the timeline's events).
  events = 0;
  const t2 = performance.now();
  solve(text, { onEvent: () => events++ });
  traced.push(performance.now() - t2);
}

const site = await serveStatic({ dir });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic"],
});
const page = await browser.newPage();
await page.goto(site.url);
await page.waitForSelector("body[data-ready=true]");
await page.evaluate((t) => {
  document.getElementById("scenario-text").value = t;
}, text);
// The heartbeat starts once the 1.5 MB textarea has been laid out (that first
// layout is the editor's cost, not the solver's).
await page.waitForTimeout(1000);
await page.evaluate(() => {
  window.maxGap = 0;
  let last = performance.now();
  setInterval(() => {
    const now = performance.now();
    window.maxGap = Math.max(window.maxGap, now - last);
    last = now;
  }, 20);
});
const worker = [];
const wall = [];
let status = "";
for (let i = 0; i < RUNS; i++) {
  const before = Number((await page.getAttribute("body", "data-solves")) ?? 0);
  const t = performance.now();
  await page.click("#resolve");
  await page.waitForFunction((n) => Number(document.body.dataset.solves ?? 0) > n, before, { timeout: 300_000 });
  wall.push(performance.now() - t);
  status = (await page.textContent("#status")) ?? "";
  const m = /in ([\d.]+) s/.exec(status);
  if (!m || !status.startsWith("Solved")) throw new Error(`browser solve failed: ${status}`);
  worker.push(Number(m[1]) * 1000);
}
const maxGap = await page.evaluate(() => window.maxGap);
await browser.close();
await site.close();
rmSync(base, { recursive: true, force: true });

console.log(`scenario: ${PACKAGES} packages × 10 versions (${(text.length / 1e6).toFixed(1)} MB JSON), ${RUNS} runs, medians`);
console.log(`  Node   solve(text), same core           ${ms(median(node))}`);
console.log(`  Node   solve(text) with the trace on     ${ms(median(traced))}   (${(median(traced) / median(node)).toFixed(2)}x; ${events} events)`);
console.log(`  Chromium worker: parse + solve           ${ms(median(worker))}   (${(median(worker) / median(node)).toFixed(2)}x Node)`);
console.log(`  Chromium click → result drawn (wall)    ${ms(median(wall))}   (${(median(wall) / median(node)).toFixed(2)}x Node)`);
console.log(`  longest main-thread gap during solves   ${ms(maxGap)}`);
console.log(`  last status: ${status}`);
console.log(`page weight (gzip -9): ${pageFiles.map((f) => `${f} ${(weight[f] / 1024).toFixed(1)} KB`).join(", ")}`);
console.log(`  total ${(total / 1024).toFixed(1)} KB (of which the Wasm core alone is ${(wasmGz / 1024).toFixed(1)} KB gzipped, inlined as base64 in worker.js); gallery.json ${(galleryGz / 1024).toFixed(1)} KB, fetched after load`);

