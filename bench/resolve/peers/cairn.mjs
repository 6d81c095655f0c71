// cairn itself, three ways: the whole CLI process as a user runs it
// (`node dist/cli.mjs solve G.json --json`); in-process through the
// library bundle (dist/cairn.mjs), which shows how much of the wall time is
// Node start-up and file loading rather than resolving; and the native host
// (hosts/c/, `build/native/cairn-solve G.json --json`): the same core through
// wasm2c, as a toolchain written in C, Rust or Go embeds it.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { buildNative } from '../../../scripts/build-native.mjs';
import { checkSelection } from '../lib/check.mjs';
import { PROJECT, lastJsonLine } from './common.mjs';

const CLI = join(PROJECT, 'dist', 'cli.mjs');
// CAIRN_BENCH_LIB points the in-process peer at another build of the library bundle.
const LIB = process.env.CAIRN_BENCH_LIB ?? join(PROJECT, 'dist', 'cairn.mjs');

let solveAvailable;
function cliAvailable() {
  if (!existsSync(CLI)) return 'dist/cli.mjs is missing (run `node scripts/build.mjs`)';
  solveAvailable ??= spawnSync(process.execPath, [CLI, 'help'], { encoding: 'utf8' }).stdout?.match(/^\s+solve\s/m) != null;
  return solveAvailable ? null : 'dist/cli.mjs has no `solve` command yet';
}

/** `{"ok":true,"solution":{…}}` or `{"ok":false,"error":{"code":…}}` (DESIGN.md §4). */
export function judgeCairnJson(graph, stdout, stderr) {
  const answer = lastJsonLine(stdout);
  if (!answer) return { result: 'error', note: (stderr || stdout).trim().split('\n').slice(-2).join(' ').slice(0, 200) };
  if (answer.ok === true) return { result: 'sat', ...checkSelection(graph, answer.solution) };
  const code = answer.error?.code;
  if (code === 'E_NO_SOLUTION') return { result: 'unsat', note: `${answer.error.packages?.length ?? '?'} packages in the explanation` };
  return { result: 'error', note: `${code}: ${answer.error?.message ?? ''}`.slice(0, 200) };
}

export const cairnCli = {
  name: 'cairn',
  semantics: 'single version per package (PubGrub)',
  available: cliAvailable,
  prepare: (ctx) => ({
    cmd: process.execPath,
    args: [CLI, 'solve', ctx.graphFile, '--json'],
    env: { ...process.env, NO_COLOR: '1' },
    judge: (run) => judgeCairnJson(ctx.graph(), run.stdout, run.stderr),
    // the CLI's own "resolved N packages in X ms" (read + solve, without Node start-up)
    internal: (run) => {
      const m = /resolved \d+ packages in ([\d.]+) ms/.exec(run.stderr);
      return m ? { read_solve_ms: Number(m[1]) } : {};
    },
  }),
};

export const cairnInProcess = {
  name: 'cairn-inproc',
  semantics: 'same, timed inside one Node process (library bundle)',
  available: () => (existsSync(LIB) ? null : 'dist/cairn.mjs is missing (run `node scripts/build.mjs`)'),
  prepare: (ctx) => ({
    cmd: process.execPath,
    args: [join(import.meta.dirname, 'cairn-inproc.mjs'), LIB, ctx.graphFile, String(ctx.innerRepeats)],
    judge: (run) => judgeCairnJson(ctx.graph(), run.stdout, run.stderr),
    internal: (run) => lastJsonLine(run.stderr) ?? {},
  }),
};

let nativeBinary;
async function nativeAvailable() {
  if (nativeBinary) return null;
  try {
    nativeBinary = await buildNative({ quiet: true });
    return null;
  } catch (e) {
    return e.message;
  }
}

export const cairnNative = {
  name: 'cairn-native',
  semantics: 'same core and answers, through wasm2c and the C host (no JavaScript engine)',
  available: nativeAvailable,
  prepare: (ctx) => ({
    cmd: nativeBinary,
    args: [ctx.graphFile, '--json'],
    judge: (run) => judgeCairnJson(ctx.graph(), run.stdout, run.stderr),
    internal: (run) => {
      const m = /resolved \d+ packages in ([\d.]+) ms/.exec(run.stderr);
      return m ? { read_solve_ms: Number(m[1]) } : {};
    },
  }),
};
