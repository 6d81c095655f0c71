#!/usr/bin/env node
// Resolver benchmark: cairn against its peers on generated graphs, in one run.
//
//   node bench/resolve/run.mjs [--only sweep-100,deep] [--peers cairn,npm] [--skip cargo]
//                              [--runs 5] [--budget 30] [--timeout 180] [--repeats 5]
//                              [--graphs DIR] [--work DIR] [--json FILE] [--md FILE]
//
// Every peer runs as a whole process, N times per graph (a cell stops repeating
// once it has spent --budget seconds, so slow peers on big graphs run once), and
// every answer is checked against the graph by lib/check.mjs. Prints per graph ×
// peer the median wall time and the ratio peer / cairn (whole `cairn solve`
// process). Graphs are generated on first use into DIR (default
// $TMPDIR/cairn-bench-resolve/graphs) and regenerated when gen.mjs changes.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir, cpus, totalmem, loadavg } from 'node:os';
import { execFileSync } from 'node:child_process';
import { SUITE, GENERATOR_VERSION, writeGraph } from './gen.mjs';
import { PEERS } from './peers/index.mjs';
import { startRegistry } from './peers/registry.mjs';
import { timed, median, formatMs } from './lib/timed.mjs';

const USAGE = 'usage: node bench/resolve/run.mjs [--only g1,g2] [--peers p1,p2] [--skip p1] [--runs N] [--budget S] [--timeout S] [--repeats N] [--graphs DIR] [--work DIR] [--json FILE] [--md FILE]';

function parseOptions(argv) {
  const base = join(tmpdir(), 'cairn-bench-resolve');
  const o = { graphs: join(base, 'graphs'), work: join(base, 'work'), runs: 5, budget: 30, timeout: 180, repeats: 5 };
  const numeric = new Set(['runs', 'budget', 'timeout', 'repeats']);
  const known = new Set([...Object.keys(o), 'only', 'peers', 'skip', 'json', 'md']);
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    if (flag === '--help' || flag === '-h') { console.log(USAGE); process.exit(0); }
    const key = flag.replace(/^--/, '');
    if (!flag.startsWith('--') || !known.has(key)) throw new Error(`unknown argument ${flag}\n${USAGE}`);
    const value = argv[++i];
    if (value === undefined) throw new Error(`${flag} needs a value`);
    if (numeric.has(key) && !(Number(value) > 0)) throw new Error(`${flag} needs a positive number, got ${value}`);
    o[key] = numeric.has(key) ? Number(value) : value;
  }
  const list = (s) => (s ? String(s).split(',').map((x) => x.trim()).filter(Boolean) : null);
  o.only = list(o.only);
  o.peers = list(o.peers);
  o.skip = list(o.skip) ?? [];
  const graphNames = SUITE.map((s) => s.name);
  const peerNames = PEERS.map((p) => p.name);
  for (const g of o.only ?? []) if (!graphNames.includes(g)) throw new Error(`unknown graph ${g} (known: ${graphNames.join(', ')})`);
  for (const p of [...(o.peers ?? []), ...o.skip]) if (!peerNames.includes(p)) throw new Error(`unknown peer ${p} (known: ${peerNames.join(', ')})`);
  return o;
}

/** Generates a suite graph unless an up-to-date copy is already there. */
function ensureGraph(dir, spec) {
  const file = join(dir, `${spec.name}.json`);
  const metaFile = join(dir, `${spec.name}.meta.json`);
  if (existsSync(file) && existsSync(metaFile)) {
    const meta = JSON.parse(readFileSync(metaFile, 'utf8'));
    if (meta.generator === GENERATOR_VERSION && JSON.stringify(meta.spec) === JSON.stringify(spec)) return { file, meta };
    // A graph of the same name from ../shared/bench/resolve/gen.mjs (same file format, its meta
    // has no generator stamp): used as is, so figures line up with ../shared/bench/RESULTS.md.
    if (meta.generator === undefined && meta.expected && meta.stats) return { file, meta: { ...meta, foreign: true } };
  }
  process.stderr.write(`generating ${spec.name}…\n`);
  return { file, meta: writeGraph(file, spec) };
}

/** What the answer means given what the graph is known to be. */
function verdict(expected, j) {
  if (j.result === 'timeout' || j.result === 'error') return j.result;
  if (j.result === 'unsat') return expected === 'unsat' ? 'ok' : 'WRONG (says unsat)';
  if (!j.ok) return 'INVALID';
  if (expected === 'sat') return 'ok';
  return j.duplicates > 0 ? 'n/a (duplicates)' : 'UNEXPECTED (valid answer)';
}

async function measureCell(peer, prep, o, scratch) {
  const runs = [];
  let spent = 0;
  for (let i = 0; i < o.runs; i++) {
    if (prep.before) await prep.before();
    const run = await timed(prep.cmd, prep.args, { cwd: prep.cwd ?? scratch, env: prep.env ?? process.env, timeoutS: o.timeout, scratch });
    if (prep.after) await prep.after();
    runs.push(run);
    spent += run.wallMs / 1000;
    process.stderr.write(`  ${peer.name} run ${i + 1}: ${formatMs(run.wallMs)}${run.timedOut ? ` (timeout ${o.timeout} s)` : ''}${run.code ? ` exit ${run.code}` : ''}\n`);
    if (run.timedOut || spent > o.budget) break;
  }
  return runs;
}

async function main() {
  const o = parseOptions(process.argv.slice(2));
  const specs = SUITE.filter((s) => !o.only || o.only.includes(s.name));
  const peers = PEERS.filter((p) => (!o.peers || o.peers.includes(p.name)) && !o.skip.includes(p.name));
  const cells = [];
  const loadAtStart = loadavg().map((x) => x.toFixed(1)).join(' ');
  const started = Date.now();
  for (const spec of specs) {
    const { file: graphFile, meta } = ensureGraph(o.graphs, spec);
    process.stderr.write(`[${spec.name}]${meta.foreign ? ' (foreign graph)' : ''} ${meta.stats.packages} packages, ${meta.stats.versions} versions, ${meta.stats.edges} edges (${meta.expected})\n`);
    let graph = null;
    let registry = null;
    const ctx = {
      graphFile, meta, timeoutS: o.timeout, innerRepeats: o.repeats,
      graph: () => (graph ??= JSON.parse(readFileSync(graphFile, 'utf8'))),
      registry: async () => (registry ??= await startRegistry(graphFile, o.work)),
    };
    try {
      for (const peer of peers) {
        const cell = { graph: spec.name, peer: peer.name, expected: meta.expected, stats: meta.stats };
        cells.push(cell);
        const why = await peer.available();
        if (why) { Object.assign(cell, { verdict: 'skipped', note: why }); process.stderr.write(`  ${peer.name}: skipped: ${why}\n`); continue; }
        const work = join(o.work, peer.name, spec.name);
        rmSync(work, { recursive: true, force: true });
        mkdirSync(work, { recursive: true });
        let prep;
        try {
          prep = await peer.prepare({ ...ctx, work });
        } catch (e) {
          Object.assign(cell, { verdict: 'error', note: `prepare: ${e.message}` });
          continue;
        }
        try {
          const runs = await measureCell(peer, prep, o, work);
          const last = runs[runs.length - 1];
          const judged = last.timedOut ? { result: 'timeout' } : prep.judge(last);
          const walls = runs.map((r) => r.wallMs);
          const internals = prep.internal ? runs.map((r) => prep.internal(r)) : [];
          const keys = [...new Set(internals.flatMap((x) => Object.keys(x).filter((k) => k.endsWith('_ms'))))];
          Object.assign(cell, {
            verdict: verdict(meta.expected, judged), result: judged.result, selected: judged.selected, duplicates: judged.duplicates,
            note: [judged.note, ...(judged.errors ?? [])].filter(Boolean).join('; ').slice(0, 300),
            runs: walls.length, wallMs: walls, medianMs: median(walls), minMs: Math.min(...walls), maxMs: Math.max(...walls),
            cpuMedianMs: runs.every((r) => r.cpuMs != null) ? median(runs.map((r) => r.cpuMs)) : null,
            timedOut: last.timedOut, rssKb: Math.max(0, ...runs.map((r) => r.rssKb ?? 0)) || null,
            internal: Object.fromEntries(keys.map((k) => [k, median(internals.map((x) => x[k]).filter((x) => typeof x === 'number'))])),
          });
        } finally {
          if (prep.cleanup) await prep.cleanup();
        }
      }
    } finally {
      registry?.stop();
    }
    // written after every graph, so a run cut short still leaves its figures
    save(o, specs, peers, cells, loadAtStart, started);
  }
  process.stdout.write(save(o, specs, peers, cells, loadAtStart, started));
}

function save(o, specs, peers, cells, loadAtStart, started) {
  const env = environment(loadAtStart, (Date.now() - started) / 60000);
  const done = specs.filter((s) => cells.some((c) => c.graph === s.name));
  const report = `${env.line}\n\n${pivot(cells, done, peers, 'medianMs')}\n${pivot(cells, done, peers, 'cpuMedianMs')}\n${details(cells)}`;
  if (o.json) atomicWrite(o.json, JSON.stringify({ env, options: o, cells }, null, 1));
  if (o.md) atomicWrite(o.md, report);
  return report;
}

function atomicWrite(file, text) {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, file);
}

function environment(loadAtStart, minutes) {
  const version = (cmd, args) => { try { return execFileSync(cmd, args, { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim().split('\n')[0]; } catch { return 'n/a'; } };
  const e = {
    node: process.version, npm: version('npm', ['--version']), cargo: version('cargo', ['--version']),
    pnpm: version(join(import.meta.dirname, '..', 'peers', 'node_modules', '.bin', 'pnpm'), ['--version']),
    cpus: cpus().length, cpu: cpus()[0]?.model ?? '?', memGiB: Math.round(totalmem() / 2 ** 30), load: loadavg().map((x) => x.toFixed(1)).join(' '),
    date: new Date().toISOString(),
  };
  e.line = `${e.date} (run took ${minutes.toFixed(1)} min): ${e.cpus} × ${e.cpu}, ${e.memGiB} GiB, load average ${loadAtStart} at the start, ${e.load} at the end; node ${e.node}, npm ${e.npm}, pnpm ${e.pnpm}, ${e.cargo}`;
  return e;
}

/** One pivot cell: the metric's median, or why there is none. */
function shown(c, metric) {
  if (c.verdict === 'skipped') return 'skipped';
  if (c.timedOut) return `> ${formatMs(c.maxMs)}`;
  // the in-process peer repeats solve() inside one process: its process times are not comparable, its solve times are
  if (c.peer === 'cairn-inproc' && c.internal?.first_solve_ms != null) {
    const [first, warm] = metric === 'cpuMedianMs' ? ['first_solve_cpu_ms', 'warm_solve_cpu_ms'] : ['first_solve_ms', 'warm_solve_ms'];
    return `${formatMs(c.internal[first])}${c.internal[warm] != null ? ` / ${formatMs(c.internal[warm])} warm` : ''}`;
  }
  return c[metric] == null ? c.verdict : formatMs(c[metric]);
}

const METRICS = {
  medianMs: 'Median wall time of whole processes',
  cpuMedianMs: 'Median CPU time (user + system, whole process tree): steadier than wall time on a loaded machine',
};

/** Whether cairn (the CLI, or another way in) beats the fastest peer that answered. */
function versusFastest(row, name, metric) {
  const me = row.find((c) => c.peer === name);
  const base = me?.verdict === 'ok' ? me[metric] : null;
  // Among peers that gave an answer (right, or "n/a" for npm/pnpm duplicates): who is fastest?
  const rivals = row.filter((c) => !c.peer.startsWith('cairn') && c[metric] != null && !c.timedOut && ['ok', 'n/a (duplicates)'].includes(c.verdict));
  const fastest = rivals.sort((a, b) => a[metric] - b[metric])[0];
  if (base === 0 && fastest) return `faster (next: ${fastest.peer}; cairn below the timer's 10 ms resolution)`;
  return !base ? '–' : !fastest ? 'no peer answered' : fastest[metric] > base
    ? `faster (next: ${fastest.peer}, ${(fastest[metric] / base).toFixed(2)}×)`
    : `**slower** than ${fastest.peer} (${(fastest[metric] / base).toFixed(2)}×)`;
}

/** graph × peer: the metric and its ratio to cairn (whole `cairn solve` process). */
function pivot(cells, specs, peers, metric) {
  const native = peers.some((p) => p.name === 'cairn-native') && cells.some((c) => c.peer === 'cairn-native' && c.verdict === 'ok');
  const head = `| graph | ${peers.map((p) => p.name).join(' | ')} | cairn vs the fastest peer |${native ? ' cairn-native vs the fastest peer |' : ''}`;
  const rule = `|---|${peers.map(() => '---:').join('|')}|---|${native ? '---|' : ''}`;
  const value = (c) => (c.timedOut ? c.maxMs : c[metric]);
  const rows = specs.map((s) => {
    const row = cells.filter((c) => c.graph === s.name);
    const cairn = row.find((c) => c.peer === 'cairn');
    const base = cairn?.verdict === 'ok' ? cairn[metric] : null;
    const cols = peers.map((p) => {
      const c = row.find((x) => x.peer === p.name);
      if (!c) return '';
      let text = shown(c, metric);
      const v = value(c);
      if (base && c.peer !== 'cairn' && c.peer !== 'cairn-inproc' && v != null) text += ` (${c.timedOut ? '>' : ''}${(v / base).toFixed(v / base < 10 ? 2 : 0)}×)`;
      if (!['ok', 'skipped'].includes(c.verdict) && c.medianMs != null && !c.timedOut) text += ` ${c.verdict}`;
      return text;
    });
    return `| ${s.name} | ${cols.join(' | ')} | ${versusFastest(row, 'cairn', metric)} |${native ? ` ${versusFastest(row, 'cairn-native', metric)} |` : ''}`;
  });
  return `${METRICS[metric]} (ratio = peer / cairn); cairn-inproc: solve() inside one process, first call / warm median:\n\n${head}\n${rule}\n${rows.join('\n')}\n`;
}

function details(cells) {
  const lines = [
    '| graph | peer | answer (expected) | check | runs | wall median [min–max] | CPU median | peak RSS | internal (median) | selected / dups | notes |',
    '|---|---|---|---|---:|---|---:|---:|---|---|---|',
  ];
  for (const c of cells) {
    const wall = c.medianMs != null ? `${c.timedOut ? '> ' : ''}${formatMs(c.medianMs)} [${formatMs(c.minMs)}–${formatMs(c.maxMs)}]` : '';
    const internal = Object.entries(c.internal ?? {}).map(([k, v]) => `${k.replace(/_ms$/, '')} ${formatMs(v)}`).join(', ');
    const sel = c.selected != null ? `${c.selected} / ${c.duplicates ?? 0}` : '';
    const rss = c.rssKb ? `${Math.round(c.rssKb / 1024)} MB` : '';
    lines.push(`| ${c.graph} | ${c.peer} | ${c.result ?? '–'} (${c.expected}) | ${c.verdict} | ${c.runs ?? 0} | ${wall} | ${c.cpuMedianMs != null ? formatMs(c.cpuMedianMs) : ''} | ${rss} | ${internal} | ${sel} | ${(c.note ?? '').replace(/\|/g, '/').replace(/\n/g, ' ')} |`);
  }
  return `\n${lines.join('\n')}\n`;
}

main().catch((e) => {
  console.error(`run: ${e.message}`);
  process.exit(2);
});
