// Peer: elm-solve-deps-wasm (PubGrub 0.2 compiled to Wasm, JS callbacks), run as a whole Node process.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT, lastJsonLine } from './common.mjs';
import { judgeCairnJson } from './cairn.mjs';

export const elm = {
  name: 'elm-solve-deps-wasm',
  semantics: 'single version per package (pubgrub 0.2 in Wasm)',
  available: () => (existsSync(join(PROJECT, 'node_modules', 'elm-solve-deps-wasm', 'package.json')) ? null : 'npm module elm-solve-deps-wasm not installed (npm ci)'),
  prepare: (ctx) => ({
    cmd: process.execPath,
    args: [join(import.meta.dirname, 'elm-run.mjs'), ctx.graphFile],
    judge: (run) => judgeCairnJson(ctx.graph(), run.stdout, run.stderr),
    internal: (run) => lastJsonLine(run.stderr) ?? {},
  }),
};
