#!/usr/bin/env node
// Deterministic dependency graphs for the resolver benchmark. A graph is a
// cairn scenario without options (DESIGN.md §4):
//   { "registry": { pkg: { version: { dep: range } } }, "root": { dep: range } }
// so `cairn solve G.json` reads it as is, and every peer driver translates it.
// Beside G.json, G.meta.json holds the shape, parameters, whether a solution
// exists, and for satisfiable shapes one planted valid answer.
//
//   node bench/resolve/gen.mjs --out DIR [--only sweep-100,deep]    the suite
//   node bench/resolve/gen.mjs --shape wide --packages 500 --versions 20 --seed 3 --file G.json
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { seeded } from './lib/rng.mjs';
import { caretEnd, keyOf } from './lib/ranges.mjs';

/** Bumped whenever the output for the same parameters changes (run.mjs regenerates). */
export const GENERATOR_VERSION = 1;

const str = ([M, m, p]) => `${M}.${m}.${p}`;
/** Versions sharing a caret window are interchangeable for "^" (npm and Cargo agree). */
const windowKey = (v) => keyOf(caretEnd(v));

// ---- wide: a registry-like DAG with a planted solution -------------------------
// Package i depends only on packages j > i (Cargo rejects cycles), favouring the
// last ones (the "foundation" packages everything uses). Each package has a
// planted version whose dependency ranges contain the planted versions of its
// dependencies, so a single-version solution exists. Other versions ask for
// dependency versions near their own age, which can exclude the planted choice:
// newest-first resolution has to backtrack now and then.
export function wide({ packages: N, versions: V, maxDeps = 8, seed = 1, prefix = 'p', rootDeps }) {
  const rnd = seeded(seed);
  const name = (i) => `${prefix}${i}`;
  const history = [];
  for (let i = 0; i < N; i++) {
    let v = rnd.chance(0.15) ? [0, 1, 0] : [1, 0, 0];
    const list = [v];
    for (let k = 1; k < V; k++) {
      const x = rnd.float();
      if (x < 0.07) v = v[0] === 0 ? [0, v[1] + 1, 0] : [v[0] + 1, 0, 0];
      else if (x < 0.32) v = [v[0], v[1] + 1, 0];
      else v = [v[0], v[1], v[2] + 1];
      list.push(v);
    }
    history.push(list);
  }
  const planted = history.map(() => (rnd.chance(0.6) ? V - 1 : V - 1 - rnd.int(1, Math.min(4, V - 1))));

  const pools = [];
  for (let i = 0; i < N; i++) {
    const above = N - 1 - i;
    const want = Math.min(above, Math.floor((maxDeps + 1) * rnd.float() ** 1.7));
    const pool = new Set();
    for (let tries = 0; pool.size < want && tries < 100; tries++) {
      const u = rnd.float();
      pool.add(rnd.chance(0.5) ? N - 1 - Math.floor(above * u ** 3) : i + 1 + Math.floor(above * u));
    }
    pools.push([...pool].filter((j) => j > i && j < N));
  }

  // A range over package j that contains its version number t.
  const rangeAround = (j, t, allowExact) => {
    const list = history[j];
    const target = list[t];
    let first = t;
    while (first > 0 && windowKey(list[first - 1]) === windowKey(target)) first--;
    const base = list[t - Math.floor((t - first) * rnd.float() ** 2)]; // recent bases are likelier
    const x = rnd.float();
    if (x < 0.75) return `^${str(base)}`;
    if (x < 0.85 && base[0] === target[0] && base[1] === target[1]) return `~${str(base)}`;
    if (x < 0.95) {
      const end = caretEnd(target);
      const next = list[t + rnd.int(1, 3)];
      const upper = next && keyOf(next) < keyOf(end) ? next : end;
      return `>=${str(base)} <${str(upper)}`;
    }
    return allowExact ? str(target) : `^${str(base)}`;
  };

  const registry = {};
  for (let i = 0; i < N; i++) {
    const versions = {};
    for (let k = 0; k < V; k++) {
      const deps = {};
      for (const j of pools[i]) {
        if (rnd.chance(0.1)) continue; // dependency lists drift a little between versions
        const t = k === planted[i] ? planted[j] : Math.max(0, Math.min(V - 1, k + rnd.int(-3, 1)));
        deps[name(j)] = rangeAround(j, t, true);
      }
      versions[str(history[i][k])] = deps;
    }
    registry[name(i)] = versions;
  }
  const R = rootDeps ?? Math.min(30, Math.max(3, Math.floor(N / 50)));
  const candidates = Math.max(R, Math.floor(N / 10));
  const root = {};
  for (let tries = 0; Object.keys(root).length < R && tries < 20 * R; tries++) {
    const i = rnd.int(0, candidates - 1);
    root[name(i)] = rangeAround(i, planted[i], false);
  }
  const plantedSolution = Object.fromEntries(history.map((list, i) => [name(i), str(list[planted[i]])]));
  return { graph: { registry, root }, expected: 'sat', plantedSolution };
}

// ---- deep: chains that must agree on one hub version -----------------------------
// `chains` chains of `length` packages with versions 1.0.0 … 1.(V-1).0. Version
// 1.k.0 of a link needs the next link at ~1.k.0, so the chain's top decision
// fixes all of it; the last link needs hub ~1.((k + shift) mod V).0 with a
// different shift per chain. Newest-first picks the wrong top for all but one
// chain and learns that only at the bottom: the classic PubGrub weak spot.
export function deep({ chains: C, length: L, versions: V, seed = 2 }) {
  const rnd = seeded(seed);
  const shift = Array.from({ length: C }, (_, c) => (c === 0 ? 0 : rnd.int(1, V - 1)));
  const registry = {};
  const root = {};
  for (let c = 0; c < C; c++) {
    for (let i = 0; i < L; i++) {
      const versions = {};
      for (let k = 0; k < V; k++) {
        versions[`1.${k}.0`] = i + 1 < L ? { [`c${c}-${i + 1}`]: `~1.${k}.0` } : { hub: `~1.${(k + shift[c]) % V}.0` };
      }
      registry[`c${c}-${i}`] = versions;
    }
    root[`c${c}-0`] = '^1.0.0';
  }
  registry.hub = Object.fromEntries(Array.from({ length: V }, (_, h) => [`1.${h}.0`, {}]));
  const h = V - 1;
  const plantedSolution = { hub: `1.${h}.0` };
  for (let c = 0; c < C; c++) {
    const k = (h - shift[c] + V) % V;
    for (let i = 0; i < L; i++) plantedSolution[`c${c}-${i}`] = `1.${k}.0`;
  }
  return { graph: { registry, root }, expected: 'sat', plantedSolution };
}

// ---- conflict: unsatisfiable, with a long proof ----------------------------------
// Like deep, but even chains end on the lower half of hub's versions and odd
// chains on the upper half, so no choice works and a proof must exhaust every
// version of two chains through all their links. Everything stays on 1.x so that
// Cargo's one-version-per-compatible-line rule cannot escape the conflict.
// `noise` packages of an unrelated wide graph hang off the root as extra work.
export function conflict({ chains: C, length: L, versions: V, seed = 3, noise = 0 }) {
  const rnd = seeded(seed);
  const half = Math.floor(V / 2);
  const registry = {};
  const root = {};
  for (let c = 0; c < C; c++) {
    const offset = c % 2 === 0 ? 0 : half;
    for (let i = 0; i < L; i++) {
      const versions = {};
      for (let k = 0; k < V; k++) {
        versions[`1.${k}.0`] = i + 1 < L ? { [`x${c}-${i + 1}`]: `~1.${k}.0` } : { hub: `~1.${offset + rnd.int(0, half - 1)}.0` };
      }
      registry[`x${c}-${i}`] = versions;
    }
    root[`x${c}-0`] = '^1.0.0';
  }
  registry.hub = Object.fromEntries(Array.from({ length: V }, (_, h) => [`1.${h}.0`, {}]));
  if (noise > 0) {
    const extra = wide({ packages: noise, versions: 10, maxDeps: 6, seed: seed + 1, prefix: 'n', rootDeps: Math.min(10, noise) });
    Object.assign(registry, extra.graph.registry);
    Object.assign(root, extra.graph.root);
  }
  return { graph: { registry, root }, expected: 'unsat' };
}

/** The standard suite, in run order (names match ../shared/bench so figures line up). */
export const SUITE = [
  { name: 'sweep-100', shape: 'wide', packages: 100, versions: 20, maxDeps: 8, seed: 100 },
  { name: 'sweep-1000', shape: 'wide', packages: 1000, versions: 20, maxDeps: 8, seed: 1000 },
  { name: 'wide-2000', shape: 'wide', packages: 2000, versions: 20, maxDeps: 8, seed: 2000 },
  { name: 'deep', shape: 'deep', chains: 10, length: 40, versions: 20, seed: 7 },
  { name: 'conflict', shape: 'conflict', chains: 4, length: 60, versions: 20, seed: 11, noise: 200 },
  // last: the slow peers spend most of a full run here
  { name: 'sweep-10000', shape: 'wide', packages: 10000, versions: 20, maxDeps: 8, seed: 10000 },
];

const SHAPES = { wide, deep, conflict };

export function generate(spec) {
  const make = SHAPES[spec.shape];
  if (!make) throw new Error(`unknown shape "${spec.shape}" (wide, deep, conflict)`);
  return make(spec);
}

/** Writes G.json and G.meta.json (temp file, then rename); returns the meta. */
export function writeGraph(file, spec) {
  const { graph, expected, plantedSolution } = generate(spec);
  const text = JSON.stringify(graph);
  let versions = 0;
  let edges = 0;
  for (const byVersion of Object.values(graph.registry)) {
    for (const deps of Object.values(byVersion)) { versions++; edges += Object.keys(deps).length; }
  }
  const meta = {
    generator: GENERATOR_VERSION, spec, expected,
    stats: { packages: Object.keys(graph.registry).length, versions, edges, rootDeps: Object.keys(graph.root).length, bytes: Buffer.byteLength(text) },
    plantedSolution,
  };
  mkdirSync(dirname(file), { recursive: true });
  const put = (path, data) => { const tmp = `${path}.${process.pid}.tmp`; writeFileSync(tmp, data); renameSync(tmp, path); };
  put(file, text);
  put(file.replace(/\.json$/, '.meta.json'), JSON.stringify(meta));
  return meta;
}

function cliArgs(argv) {
  const o = {};
  for (let i = 0; i < argv.length; i++) {
    if (!argv[i].startsWith('--')) throw new Error(`unexpected argument ${argv[i]}`);
    const k = argv[i].slice(2).replace(/-(\w)/g, (_, c) => c.toUpperCase());
    const v = i + 1 < argv.length && !argv[i + 1].startsWith('--') ? argv[++i] : 'true';
    o[k] = /^\d+$/.test(v) ? Number(v) : v;
  }
  return o;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    const o = cliArgs(process.argv.slice(2));
    const jobs = o.shape
      ? [{ file: o.file ?? o.out, spec: { ...o, file: undefined, out: undefined } }]
      : SUITE.filter((s) => !o.only || String(o.only).split(',').includes(s.name)).map((s) => ({ file: join(o.out, `${s.name}.json`), spec: s }));
    if (jobs.some((j) => !j.file)) throw new Error('say where: --out DIR for the suite, --file G.json with --shape');
    for (const { file, spec } of jobs) {
      const t0 = performance.now();
      const meta = writeGraph(file, spec);
      console.log(`${file}: ${meta.stats.packages} packages, ${meta.stats.versions} versions, ${meta.stats.edges} edges, ${(meta.stats.bytes / 1e6).toFixed(1)} MB, ${meta.expected} (${(performance.now() - t0).toFixed(0)} ms)`);
    }
  } catch (e) {
    console.error(`gen: ${e.message}`);
    process.exit(2);
  }
}
