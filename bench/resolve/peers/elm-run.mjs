#!/usr/bin/env node
// Driver for elm-solve-deps-wasm (npm): the pubgrub crate compiled to Wasm,
// which asks JavaScript for every version list and every package's elm.json
// through callbacks. Package p becomes the Elm package "bench/p"; a range
// becomes the Elm constraint "lo <= v < hi".
//   node elm-run.mjs GRAPH.json
// stdout: {"ok":true,"solution":{…}} | {"ok":false,"error":{"code":…}} (cairn's --json shape)
// stderr: one JSON line of internal timings.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { toElmConstraint, newestFirst } from '../lib/ranges.mjs';
import { PROJECT } from './common.mjs';

const t0 = performance.now();
const graph = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const elm = createRequire(`${PROJECT}/package.json`)('elm-solve-deps-wasm');
elm.init();
const loadMs = performance.now() - t0;

const AUTHOR = 'bench/';
const constraints = (deps) => Object.fromEntries(Object.entries(deps).map(([d, r]) => [AUTHOR + d, toElmConstraint(r)]));
const elmJson = (name, version, deps) => JSON.stringify({
  type: 'package', name, summary: '', license: 'MIT', version, 'exposed-modules': [],
  'elm-version': '0.19.0 <= v < 0.20.0', dependencies: constraints(deps), 'test-dependencies': {},
});
let fetches = 0;
let listings = 0;
const fetchElmJson = (pkg, version) => { fetches++; return elmJson(pkg, version, graph.registry[pkg.slice(AUTHOR.length)][version]); };
// The solver asks for the same list again and again: answer from a cache, as any real host would.
const lists = new Map();
const listVersions = (pkg) => {
  listings++;
  let list = lists.get(pkg);
  if (!list) {
    list = Object.keys(graph.registry[pkg.slice(AUTHOR.length)] ?? {}).sort(newestFirst);
    lists.set(pkg, list);
  }
  return list;
};

const t1 = performance.now();
let answer;
try {
  const raw = JSON.parse(elm.solve_deps(elmJson('bench/root', '1.0.0', graph.root), false, {}, fetchElmJson, listVersions));
  const solution = {};
  for (const part of [raw.direct ?? {}, raw.indirect ?? {}]) {
    for (const [k, v] of Object.entries(part)) solution[k.slice(AUTHOR.length)] = v;
  }
  answer = { ok: true, solution };
} catch (e) {
  const text = String(e?.message ?? e);
  // pubgrub's report of an unsatisfiable graph vs anything else (a crash, a bad input)
  const unsat = /no solution|because|forbidden|unsatisf/i.test(text);
  answer = { ok: false, error: { code: unsat ? 'E_NO_SOLUTION' : 'E_PEER', message: text.slice(0, 300) } };
}
const solveMs = performance.now() - t1;
process.stdout.write(`${JSON.stringify(answer)}\n`);
process.stderr.write(`${JSON.stringify({ load_ms: +loadMs.toFixed(1), solve_ms: +solveMs.toFixed(1), fetches, listings })}\n`);
