// Judges every peer's answer against the graph itself (never against another
// peer's answer): a single-version selection (cairn, elm), a Cargo.lock (one
// version per semver-compatible line) and npm/pnpm lock files (nested
// duplicates allowed). Each returns { ok, selected, duplicates, errors[] }.
import { satisfies } from './ranges.mjs';

function collector() {
  const errors = [];
  return { errors, add: (e) => { if (errors.length < 5) errors.push(e); } };
}

/** solution: {pkg: version}. Every root requirement and every dependency of a chosen version must hold. */
export function checkSelection(graph, solution) {
  const { errors, add } = collector();
  if (!solution || typeof solution !== 'object') return { ok: false, selected: 0, duplicates: 0, errors: ['no solution object'] };
  for (const [dep, range] of Object.entries(graph.root)) {
    const v = solution[dep];
    if (v === undefined) add(`root needs ${dep} ${range}: not selected`);
    else if (!satisfies(v, range)) add(`root needs ${dep} ${range}, got ${v}`);
  }
  for (const [pkg, version] of Object.entries(solution)) {
    if (typeof version !== 'string') { add(`${pkg}: selected ${JSON.stringify(version)}, not one version`); continue; }
    const deps = graph.registry[pkg]?.[version];
    if (!deps) { add(`${pkg}@${version} is not in the registry`); continue; }
    for (const [dep, range] of Object.entries(deps)) {
      const v = solution[dep];
      if (v === undefined) add(`${pkg}@${version} needs ${dep} ${range}: not selected`);
      else if (!satisfies(v, range)) add(`${pkg}@${version} needs ${dep} ${range}, got ${v}`);
    }
  }
  return { ok: errors.length === 0, selected: Object.keys(solution).length, duplicates: 0, errors };
}

/** Cargo.lock as cargo writes it: [[package]] name/version/dependencies = ["n" or "n v"]. */
export function parseCargoLock(text) {
  const packages = [];
  let cur = null;
  let inDeps = false;
  for (const line of text.split('\n')) {
    if (line === '[[package]]') { cur = { name: '', version: '', deps: [] }; packages.push(cur); inDeps = false; continue; }
    if (!cur) continue;
    let m;
    if (inDeps) {
      if (line.startsWith(']')) inDeps = false;
      else if ((m = /^\s*"([^" ]+)(?: ([^" ]+))?/.exec(line))) cur.deps.push({ name: m[1], version: m[2] });
    } else if ((m = /^name = "(.*)"$/.exec(line))) cur.name = m[1];
    else if ((m = /^version = "(.*)"$/.exec(line))) cur.version = m[1];
    else if (line.startsWith('dependencies = [')) inDeps = !line.endsWith(']');
  }
  return packages;
}

export function checkCargoLock(graph, text, rootCrate) {
  const { errors, add } = collector();
  const packages = parseCargoLock(text);
  const versionsOf = new Map();
  for (const p of packages) versionsOf.set(p.name, [...(versionsOf.get(p.name) ?? []), p.version]);
  const checkEdges = (who, wanted, edges) => {
    for (const [dep, range] of Object.entries(wanted)) {
      const edge = edges.find((e) => e.name === dep);
      const v = edge?.version ?? (versionsOf.get(dep)?.length === 1 ? versionsOf.get(dep)[0] : undefined);
      if (!edge) add(`${who} has no edge to ${dep}`);
      else if (!v || !satisfies(v, range)) add(`${who} -> ${dep}@${v} does not match ${range}`);
    }
  };
  let duplicates = 0;
  let selected = 0;
  for (const [name, vs] of versionsOf) if (name !== rootCrate) { selected += vs.length; duplicates += vs.length - 1; }
  let sawRoot = false;
  for (const p of packages) {
    if (p.name === rootCrate) { sawRoot = true; checkEdges('root', graph.root, p.deps); continue; }
    const deps = graph.registry[p.name]?.[p.version];
    if (!deps) add(`${p.name}@${p.version} is not in the registry`);
    else checkEdges(`${p.name}@${p.version}`, deps, p.deps);
  }
  if (!sawRoot) add('the root crate is not in Cargo.lock');
  return { ok: errors.length === 0, selected, duplicates, errors };
}

/** package-lock.json v2/v3: "packages" keyed by node_modules path; a dependency resolves upwards. */
export function checkNpmLock(graph, lock) {
  const { errors, add } = collector();
  const entries = lock?.packages ?? {};
  const lookup = (from, dep) => {
    let base = from;
    for (;;) {
      const hit = entries[base ? `${base}/node_modules/${dep}` : `node_modules/${dep}`];
      if (hit) return hit.version;
      if (!base) return undefined;
      const cut = base.lastIndexOf('/node_modules/');
      base = cut < 0 ? '' : base.slice(0, cut);
    }
  };
  const count = new Map();
  for (const [path, entry] of Object.entries(entries)) {
    const wanted = path === '' ? graph.root : graph.registry[path.slice(path.lastIndexOf('node_modules/') + 13)]?.[entry.version];
    const who = path === '' ? 'root' : `${path}@${entry.version}`;
    if (path !== '') {
      const name = path.slice(path.lastIndexOf('node_modules/') + 13);
      count.set(name, (count.get(name) ?? 0) + 1);
    }
    if (!wanted) { add(`${who} is not in the registry`); continue; }
    for (const [dep, range] of Object.entries(wanted)) {
      const v = lookup(path, dep);
      if (!v || !satisfies(v, range)) add(`${who} -> ${dep}@${v} does not match ${range}`);
    }
  }
  let selected = 0;
  let duplicates = 0;
  for (const c of count.values()) { selected += c; duplicates += c - 1; }
  if (!entries['']) add('no root entry in package-lock.json');
  return { ok: errors.length === 0, selected, duplicates, errors };
}

/** pnpm-lock.yaml v9: importers['.'] versions and snapshots['name@version'].dependencies. */
export function checkPnpmLock(graph, text) {
  const { errors, add } = collector();
  const rootVersions = {};
  const snapshots = new Map();
  let section = '';
  let importer = '';
  let dep = '';
  let snap = null;
  let sub = '';
  const clean = (v) => v.replace(/^'|'$/g, '').replace(/\(.*$/, '');
  for (const line of text.split('\n')) {
    if (/^\S/.test(line)) { section = line.replace(/:.*$/, ''); snap = null; continue; }
    let m;
    if (section === 'importers') {
      if ((m = /^ {2}(\S+):$/.exec(line))) { importer = m[1]; dep = ''; }
      else if (importer === '.' && (m = /^ {6}'?([^':]+)'?:$/.exec(line))) dep = m[1];
      else if (importer === '.' && dep && (m = /^ {8}version: (\S+)$/.exec(line))) rootVersions[dep] = clean(m[1]);
    } else if (section === 'snapshots') {
      if ((m = /^ {2}'?(.+?)@([^@'(]+)(?:\(.*\))?'?:(?: \{\})?$/.exec(line))) { snap = { name: m[1], version: m[2], deps: {} }; snapshots.set(`${m[1]}@${m[2]}`, snap); sub = ''; }
      else if ((m = /^ {4}(\w+):$/.exec(line))) sub = m[1];
      else if (snap && sub === 'dependencies' && (m = /^ {6}'?([^':]+)'?: (\S+)$/.exec(line))) snap.deps[m[1]] = clean(m[2]);
    }
  }
  for (const [d, range] of Object.entries(graph.root)) {
    const v = rootVersions[d];
    if (!v || !satisfies(v, range)) add(`root -> ${d}@${v} does not match ${range}`);
  }
  const count = new Map();
  for (const s of snapshots.values()) {
    count.set(s.name, (count.get(s.name) ?? 0) + 1);
    const wanted = graph.registry[s.name]?.[s.version];
    if (!wanted) { add(`${s.name}@${s.version} is not in the registry`); continue; }
    for (const [d, range] of Object.entries(wanted)) {
      const v = s.deps[d];
      if (!v || !satisfies(v, range)) add(`${s.name}@${s.version} -> ${d}@${v} does not match ${range}`);
    }
  }
  if (snapshots.size === 0) add('no snapshots in pnpm-lock.yaml');
  let duplicates = 0;
  for (const c of count.values()) duplicates += c - 1;
  return { ok: errors.length === 0, selected: snapshots.size, duplicates, errors };
}
