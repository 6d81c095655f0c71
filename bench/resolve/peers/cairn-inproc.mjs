#!/usr/bin/env node
// cairn in-process: the library bundle's solve() on the graph's bytes, repeated
// in one Node process (up to REPEATS calls, fewer once 10 s are spent). The first call pays for instantiating the Wasm core and
// V8's tier-up; the later ones show the steady state an embedder sees.
//   node cairn-inproc.mjs dist/cairn.mjs GRAPH.json REPEATS
// stdout: the answer in `cairn solve --json` shape; stderr: one JSON line of timings.
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const [lib, graphFile, repeatsText] = process.argv.slice(2);
const t0 = performance.now();
const { solve } = await import(pathToFileURL(lib).href);
const importMs = performance.now() - t0;
if (typeof solve !== 'function') {
  process.stdout.write(`${JSON.stringify({ ok: false, error: { code: 'E_BENCH', message: `${lib} exports no solve()` } })}\n`);
  process.exit(1);
}
const t1 = performance.now();
const bytes = readFileSync(graphFile);
const readMs = performance.now() - t1;
const times = [];
const cpuTimes = []; // CPU time per call (all threads of this process): survives a loaded machine
let result;
// Repeats stop once 10 s have been spent: a slow graph is timed once rather than holding up the run.
const started = performance.now();
for (let i = 0; i < Math.max(1, Number(repeatsText) || 1) && (i === 0 || performance.now() - started < 10_000); i++) {
  const c = process.cpuUsage();
  const t = performance.now();
  result = solve(bytes);
  times.push(performance.now() - t);
  const d = process.cpuUsage(c);
  cpuTimes.push((d.user + d.system) / 1000);
}
const answer = result.ok
  ? { ok: true, solution: result.solution }
  : { ok: false, error: { code: result.error.code, message: String(result.error.message).slice(0, 300), packages: result.error.packages } };
process.stdout.write(`${JSON.stringify(answer)}\n`);
const mid = (xs) => { const s = [...xs].sort((a, b) => a - b); return +s[Math.floor((s.length - 1) / 2)].toFixed(1); };
const timings = {
  import_ms: +importMs.toFixed(1), read_ms: +readMs.toFixed(1),
  first_solve_ms: +times[0].toFixed(1), first_solve_cpu_ms: +cpuTimes[0].toFixed(1),
  ...(times.length > 1 ? { warm_solve_ms: mid(times.slice(1)), warm_solve_cpu_ms: mid(cpuTimes.slice(1)) } : {}),
  ...(result.stats ?? {}),
};
process.stderr.write(`${JSON.stringify(timings)}\n`);
