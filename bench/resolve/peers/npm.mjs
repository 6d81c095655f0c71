// Peers: npm and pnpm resolving the graph into a lock file only
// (`npm install --package-lock-only`, `pnpm install --lockfile-only`) from the
// loopback registry, with a fresh project, cache and store on every run so each
// run resolves from scratch. Both allow nested duplicates (two versions of a
// package in one tree), so they never fail on a conflict: an unsatisfiable
// graph "succeeds" with duplicates; the check says so.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkNpmLock, checkPnpmLock } from '../lib/check.mjs';
import { PROJECT, onPath, tail } from './common.mjs';

const PNPM = join(PROJECT, 'bench', 'peers', 'node_modules', '.bin', 'pnpm');

function npmLike(tool) {
  return {
    name: tool,
    semantics: `${tool}: nested duplicates allowed (metadata over HTTP from 127.0.0.1)`,
    available: () => (tool === 'npm' ? (onPath('npm') ? null : 'npm is not on PATH') : existsSync(PNPM) ? null : 'pnpm not installed (npm install --prefix bench/peers)'),
    async prepare(ctx) {
      const registry = await ctx.registry();
      const project = join(ctx.work, 'project');
      const scratch = Object.fromEntries(['cache', 'store', 'xdg-config', 'xdg-cache', 'xdg-data'].map((d) => [d, join(ctx.work, d)]));
      const npmrc = join(ctx.work, 'npmrc');
      writeFileSync(npmrc, ''); // ignore the user's ~/.npmrc
      const env = {
        ...process.env, npm_config_userconfig: npmrc, npm_config_update_notifier: 'false', NO_UPDATE_NOTIFIER: '1', NO_COLOR: '1',
        XDG_CONFIG_HOME: scratch['xdg-config'], XDG_CACHE_HOME: scratch['xdg-cache'], XDG_DATA_HOME: scratch['xdg-data'],
      };
      const args = tool === 'npm'
        ? ['install', '--package-lock-only', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error', '--registry', registry.url, '--cache', scratch.cache]
        : ['install', '--lockfile-only', '--ignore-scripts', '--reporter=silent', '--registry', registry.url, '--store-dir', scratch.store, '--cache-dir', scratch.cache];
      const manifest = JSON.stringify({ name: 'bench-root', version: '1.0.0', private: true, dependencies: ctx.graph().root }, null, 2);
      const lockFile = join(project, tool === 'npm' ? 'package-lock.json' : 'pnpm-lock.yaml');
      let served = null;
      return {
        cmd: tool === 'npm' ? 'npm' : PNPM,
        args, cwd: project, env,
        async before() {
          for (const d of [project, ...Object.values(scratch)]) rmSync(d, { recursive: true, force: true });
          mkdirSync(project, { recursive: true });
          writeFileSync(join(project, 'package.json'), manifest);
          await registry.reset();
        },
        async after() { served = await registry.stats(); },
        judge(run) {
          if (run.code !== 0 || !existsSync(lockFile)) return { result: 'error', note: tail(run, 3) };
          const text = readFileSync(lockFile, 'utf8');
          const verdict = tool === 'npm' ? checkNpmLock(ctx.graph(), JSON.parse(text)) : checkPnpmLock(ctx.graph(), text);
          const fetched = served ? `${served.packuments} packuments, ${served.tarballs} tarballs fetched` : '';
          return { result: 'sat', ...verdict, note: fetched };
        },
      };
    },
  };
}

export const npm = npmLike('npm');
export const pnpm = npmLike('pnpm');
