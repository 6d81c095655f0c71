// A library bundle whose Wasm core keeps its function names: the release build
// (same -O3) plus a name section, so a CPU profile says `solver/…#propagate`
// instead of `wasm-function[100]`. Built under TMPDIR; the repo is not touched.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';

export async function namedBundle(project) {
  const dir = join(tmpdir(), 'cairn-bench-resolve', 'named');
  mkdirSync(dir, { recursive: true });
  const wasm = join(dir, 'cairn.named.wasm');
  const asc = spawnSync(join(project, 'node_modules', '.bin', 'asc'), ['--config', 'asconfig.json', '--target', 'release', '--debug', '--outFile', wasm], { cwd: project, encoding: 'utf8' });
  if (asc.status !== 0) throw new Error(`asc failed: ${asc.stderr.slice(-500)}`);
  const out = join(dir, 'cairn.mjs');
  await build({
    entryPoints: [join(project, 'bindings', 'index.ts')], bundle: true, platform: 'node', format: 'esm', target: 'node20',
    loader: { '.wasm': 'binary' }, outfile: out, logLevel: 'error',
    plugins: [{
      name: 'named-core',
      setup(b) { b.onResolve({ filter: /build\/cairn\.wasm$/ }, () => ({ path: wasm })); },
    }],
  });
  return out;
}
