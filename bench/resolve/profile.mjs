#!/usr/bin/env node
// Where does cairn's time go? Runs one command under `node --cpu-prof` and
// prints self time split into Wasm (the core), JS (bindings/CLI), GC and the
// rest, plus the top functions. For the resolver engineer's feedback loop.
//   node bench/resolve/profile.mjs GRAPH.json [--inproc] [--named] [--top 25]
// Default: the CLI (`dist/cli.mjs solve GRAPH --json`); --inproc: the library
// bundle through peers/cairn-inproc.mjs (one call); --named (implies --inproc):
// a bundle built from the current core with Wasm function names kept.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { spawnSync } from 'node:child_process';
import { PROJECT } from './peers/common.mjs';
import { namedBundle } from './lib/named-build.mjs';

const argv = process.argv.slice(2);
const graph = argv.find((a) => !a.startsWith('--'));
if (!graph) { console.error('usage: node bench/resolve/profile.mjs GRAPH.json [--inproc] [--top N]'); process.exit(2); }
const top = Number(argv[argv.indexOf('--top') + 1]) || 25;
const named = argv.includes('--named');
const lib = named ? await namedBundle(PROJECT) : process.env.CAIRN_BENCH_LIB ?? join(PROJECT, 'dist', 'cairn.mjs');
const target = argv.includes('--inproc') || named
  ? [join(import.meta.dirname, 'peers', 'cairn-inproc.mjs'), lib, graph, '1']
  : [join(PROJECT, 'dist', 'cli.mjs'), 'solve', graph, '--json'];

const dir = mkdtempSync(join(tmpdir(), 'cairn-prof-'));
const run = spawnSync(process.execPath, ['--cpu-prof', `--cpu-prof-dir=${dir}`, ...target], { encoding: 'utf8', maxBuffer: 1 << 28 });
if (run.stderr.trim()) console.log(`stderr: ${run.stderr.trim().split('\n').slice(-2).join(' ').slice(0, 400)}`);
const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
if (!file) { console.error(`no profile written (exit ${run.status})`); process.exit(1); }
const profile = JSON.parse(readFileSync(join(dir, file), 'utf8'));
rmSync(dir, { recursive: true, force: true });

// self time per node = its share of the samples (timeDeltas give each sample's duration)
const selfUs = new Map();
for (let i = 0; i < profile.samples.length; i++) selfUs.set(profile.samples[i], (selfUs.get(profile.samples[i]) ?? 0) + (profile.timeDeltas[i] ?? 0));
const byFunction = new Map();
const byKind = new Map();
const kindOf = ({ functionName: f, url }) => {
  if (url.startsWith('wasm://') || /^\$?(func|js-to-wasm|wasm-to-js)/.test(f) || url === '' && /^\$/.test(f)) return 'wasm (core)';
  if (f === '(garbage collector)') return 'gc';
  if (f === '(program)' || f === '(idle)' || f === '(root)') return 'v8 / idle';
  if (url.includes('node:') || url === '') return 'node internals';
  return 'js (bindings, cli)';
};
for (const node of profile.nodes) {
  const us = selfUs.get(node.id) ?? 0;
  if (!us) continue;
  const cf = node.callFrame;
  const where = cf.url ? `${cf.url.replace(/^.*\//, '')}:${cf.lineNumber + 1}` : '';
  const key = `${cf.functionName || '(anonymous)'} ${where}`;
  byFunction.set(key, (byFunction.get(key) ?? 0) + us);
  const k = kindOf(cf);
  byKind.set(k, (byKind.get(k) ?? 0) + us);
}
const total = [...byKind.values()].reduce((a, b) => a + b, 0);
const pct = (us) => `${((100 * us) / total).toFixed(1).padStart(5)} %`;
console.log(`total sampled: ${(total / 1000).toFixed(0)} ms (exit ${run.status})`);
for (const [k, us] of [...byKind].sort((a, b) => b[1] - a[1])) console.log(`  ${pct(us)}  ${(us / 1000).toFixed(0).padStart(6)} ms  ${k}`);
console.log(`top ${top} functions by self time:`);
for (const [k, us] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`  ${pct(us)}  ${(us / 1000).toFixed(0).padStart(6)} ms  ${k}`);
