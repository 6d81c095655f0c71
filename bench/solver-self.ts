// Times cairn's own resolver on neutral-format graphs (../shared/bench/resolve/gen.mjs):
// read + solve(bytes) (the CLI's path: large files are scanned, not parsed), median of N runs in one process.
//   npx esbuild bench/solver-self.ts --bundle --platform=node --format=esm --target=node20 --loader:.wasm=binary --outfile=/tmp/solver-self.mjs
//   node /tmp/solver-self.mjs [--runs 5] [--wasm build/cairn.debug.wasm] GRAPH.json...
import { readFileSync } from "node:fs";
import { solve } from "../bindings/solve.js";
import { Core } from "../bindings/core.js";

const args = process.argv.slice(2);
let runs = 5;
let core: Core | undefined;
const files: string[] = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === "--runs") runs = Number(args[++i]);
  else if (args[i] === "--wasm") core = Core.fromBytesSync(readFileSync(args[++i]!));
  else files.push(args[i]!);
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const least = (xs: number[]) => Math.min(...xs);
for (const f of files) {
  const read: number[] = [], parse: number[] = [], total: number[] = [], cpu: number[] = [];
  let last = "";
  for (let r = 0; r < runs; r++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const bytes = readFileSync(f);
    const t1 = performance.now();
    const t2 = performance.now();
    const res = solve(bytes, { core });
    const t3 = performance.now();
    const c1 = process.cpuUsage(c0);
    cpu.push((c1.user + c1.system) / 1000);
    read.push(t1 - t0);
    parse.push(t2 - t1);
    total.push(t3 - t0);
    last = res.ok ? `sat ${Object.keys(res.solution).length} pkgs, ${res.stats.decisions} decisions, ${res.stats.conflicts} conflicts, ${res.stats.steps} steps` : `${res.error.code}`;
  }
  console.log(`${f.split("/").pop()}: ${median(total).toFixed(1)} ms wall (min ${least(total).toFixed(1)}), ${median(cpu).toFixed(1)} ms CPU (read ${median(read).toFixed(1)}, scan + solve ${(median(total) - median(read)).toFixed(1)}) — ${last}`);
}
