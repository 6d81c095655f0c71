// Peer: `cargo generate-lockfile --offline` against a Cargo "local-registry"
// written from the graph. Resolution reads only the index, so no .crate files are
// written; each index line's cksum is a made-up (deterministic) digest that only
// ends up in Cargo.lock. A private CARGO_HOME replaces crates-io with it.
// Cargo's rule is one version per semver-compatible line, so on the wide graphs
// it may pick two versions of a package where cairn must find a single one.
import { mkdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { toCargoReq } from '../lib/ranges.mjs';
import { checkCargoLock } from '../lib/check.mjs';
import { onPath, tail } from './common.mjs';

const ROOT_CRATE = 'bench-root';

/** Where cargo's index layout keeps a crate's file. */
function indexPath(name) {
  const n = name.toLowerCase();
  if (n.length <= 2) return join(String(n.length), n);
  if (n.length === 3) return join('3', n[0], n);
  return join(n.slice(0, 2), n.slice(2, 4), n);
}

function writeWorkspace(graph, dir) {
  rmSync(dir, { recursive: true, force: true });
  const registry = join(dir, 'registry');
  const dep = (name, range) => ({ name, req: toCargoReq(range), features: [], optional: false, default_features: true, target: null, kind: 'normal' });
  for (const [name, byVersion] of Object.entries(graph.registry)) {
    const lines = Object.entries(byVersion).map(([vers, deps]) => JSON.stringify({
      name, vers, deps: Object.entries(deps).map(([d, r]) => dep(d, r)),
      cksum: createHash('sha256').update(`${name}@${vers}`).digest('hex'), features: {}, yanked: false,
    }));
    const file = join(registry, 'index', indexPath(name));
    mkdirSync(join(file, '..'), { recursive: true });
    writeFileSync(file, `${lines.join('\n')}\n`);
  }
  const home = join(dir, 'cargo-home');
  mkdirSync(home, { recursive: true });
  writeFileSync(join(home, 'config.toml'), [
    '[source.crates-io]', 'replace-with = "bench"',
    '[source.bench]', `local-registry = ${JSON.stringify(registry)}`,
    '[net]', 'offline = true', '',
  ].join('\n'));
  const root = join(dir, 'root');
  mkdirSync(join(root, 'src'), { recursive: true });
  writeFileSync(join(root, 'src', 'lib.rs'), '');
  writeFileSync(join(root, 'Cargo.toml'), [
    '[package]', `name = "${ROOT_CRATE}"`, 'version = "0.1.0"', 'edition = "2021"', '',
    '[dependencies]', ...Object.entries(graph.root).map(([d, r]) => `${JSON.stringify(d)} = ${JSON.stringify(toCargoReq(r))}`), '',
    '[workspace]', '',
  ].join('\n'));
  return { home, manifest: join(root, 'Cargo.toml'), lock: join(root, 'Cargo.lock') };
}

export const cargo = {
  name: 'cargo',
  semantics: 'one version per semver-compatible line (cargo 1.x resolver)',
  available: () => (onPath('cargo') ? null : 'cargo is not installed on this machine'),
  prepare(ctx) {
    const ws = writeWorkspace(ctx.graph(), ctx.work);
    return {
      cmd: 'cargo',
      args: ['generate-lockfile', '--offline', '--manifest-path', ws.manifest],
      env: { ...process.env, CARGO_HOME: ws.home, CARGO_TERM_COLOR: 'never' },
      before: () => rmSync(ws.lock, { force: true }),
      judge(run) {
        if (run.code !== 0 || !existsSync(ws.lock)) {
          const unsat = /failed to select a version|cyclic package dependency/i.test(run.stderr);
          const first = run.stderr.split('\n').find((l) => l.startsWith('error')) ?? '';
          return { result: unsat ? 'unsat' : 'error', note: unsat ? first.slice(0, 200) : tail(run) };
        }
        return { result: 'sat', ...checkCargoLock(ctx.graph(), readFileSync(ws.lock, 'utf8'), ROOT_CRATE) };
      },
    };
  },
};
