// `cairn install` (sync) and everything built on it: decide whether the lock
// is current, resolve when it is not (the old lock as preference: minimal
// change), fetch and verify what the lock names, stage the layout and commit
// layout + lock (+ manifest, for add/remove) as one transaction.
import { createHash } from "node:crypto";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import semver from "semver";
import { CairnError } from "../../bindings/errors.js";
import type { MetadataProvider, RegistryPackage, RegistryVersion } from "../registry/types.js";
import { type Lock, type LockEdge, type LockedPackage, emptyLock, lockedVersions, normalizeLock } from "../../bindings/lock/model.js";
import { lockFormat, type LockFormat } from "../lock/profile-locks.js";
import { readIfExists } from "../lock/atomic-write.js";
import type { Project } from "../project/project.js";
import { toResolution } from "../../bindings/profiles/resolution.js";
import type { NormalizedManifest } from "../../bindings/profiles/types.js";
import { type DirectDep, directDeps, hostTarget, lockRoots, normalizeReq, targetApplies } from "../project/requirements.js";
import { layoutFor, STATE_FILE, type Layout } from "./layout.js";
import { stageLayout, type InstallItem, type InstallState } from "./materialize.js";
import { commit, recover } from "./transaction.js";
import type { RegistryAccess } from "./registry-access.js";
import { localSources, OverlayProvider, type LocalSource } from "./local-sources.js";
import { readState, verifyInstall } from "./verify.js";
import { withFileLock } from "../cache/lock.js";

export interface SyncOptions {
  offline: boolean;
  frozen: boolean;
  locked: boolean;
  target?: string;
  features: string[];
  /** Packages to re-resolve without lock preference (`update`); "all" for every package. */
  update?: string[] | "all";
  /** `update --precise V` for the one package named. */
  precise?: string;
  /** Resolve and write the lock, but do not install (`cairn lock`). */
  lockOnly?: boolean;
  /** Manifest edits to commit with the install (`add`, `remove`). */
  manifestEdits?: { path: string; content: string }[];
  env: Record<string, string | undefined>;
  onEvent?: (e: SyncEvent) => void;
}

export type SyncEvent =
  | { type: "resolving" }
  | { type: "resolved"; packages: number; changed: boolean }
  | { type: "fetch"; name: string; version: string; index: number; total: number }
  | { type: "installed"; packages: number }
  | { type: "note"; message: string };

export interface SyncResult {
  lock: Lock;
  lockChanged: boolean;
  lockPath: string;
  layout: Layout;
  installed: InstallItem[];
  added: string[];
  removed: string[];
  updated: { name: string; from: string; to: string }[];
  /** The layout already matched the lock: nothing was fetched or copied. */
  upToDate?: boolean;
}

export const lockDigest = (text: string) => `sha256:${createHash("sha256").update(text).digest("hex")}`;

export interface LoadedLock {
  format: LockFormat;
  path: string;
  text?: string;
  lock?: Lock;
}

export function loadLock(project: Project, registryUrl: string): LoadedLock {
  const format = lockFormat(project.profile);
  const path = join(project.dir, format.fileName);
  const text = readIfExists(path);
  return { format, path, text, lock: text === undefined ? undefined : format.read(text, registryUrl) };
}

/** The full graph of the current install, for formats that do not record it (oripk.lock, epsilon-lock.edn). */
export function installedGraph(layout: Layout): Lock | undefined {
  const text = readIfExists(layout.stateFile);
  if (!text) return undefined;
  try {
    const st = JSON.parse(text) as InstallState & { graph?: Lock };
    return st.graph;
  } catch {
    return undefined;
  }
}

/** Whether `lock` was made for these requirements (no resolution needed). */
export function lockIsCurrent(project: Project, deps: DirectDep[], lock: Lock, format: LockFormat, graph: Lock | undefined, scope: { target?: string; features: string[] }): string | undefined {
  const roots = lockRoots(project, deps);
  const recorded = format.recordsGraph ? lock : graph;
  if (recorded && recorded.roots.length) {
    const a = JSON.stringify(normalizeLock({ ...emptyLock(), roots }).roots);
    const b = JSON.stringify(normalizeLock({ ...emptyLock(), roots: recorded.roots }).roots);
    if (a !== b) return "the manifest's dependencies changed since the lock was written";
  }
  const byName = new Map(lock.packages.map((p) => [p.name, p]));
  for (const d of deps) {
    if (!applies(d, scope.target, scope.features)) continue;
    const p = byName.get(d.package);
    if (!p) return `${d.package} is not in the lock`;
    if (d.source === "registry" && !semver.satisfies(p.version, d.req, { includePrerelease: false }) && !semver.satisfies(p.version, d.req, { includePrerelease: true })) {
      return `the lock has ${d.package} ${p.version}, which does not satisfy ${d.req}`;
    }
    if (d.source === "path" && p.source.kind !== "path") return `${d.package} is now a path dependency`;
    if (d.source === "git") {
      const g = d.git!;
      const byPredicate = g.ref === null && g.refKind === "tag-by-predicate";
      const refOk = p.source.kind === "git" && (byPredicate ? p.source.ref !== undefined && semver.satisfies(semver.coerce(p.source.ref)?.version ?? "", d.req) : (g.ref ?? undefined) === p.source.ref);
      if (p.source.kind !== "git" || p.source.url !== g.url || !refOk) return `${d.package}'s git source changed`;
    }
  }
  // a lock made for another target or feature set can hold packages nothing here requires
  if (recorded) {
    const reach = new Set<string>();
    const stack = deps.filter((d) => applies(d, scope.target, scope.features)).map((d) => d.package);
    while (stack.length) {
      const n = stack.pop()!;
      if (reach.has(n)) continue;
      reach.add(n);
      for (const p of recorded.packages) if (p.name === n) for (const e of p.dependencies) stack.push(e.name);
    }
    const extra = [...new Set(lock.packages.filter((p) => !reach.has(p.name)).map((p) => p.name))];
    if (extra.length) return `it holds packages nothing requires for this target and feature set: ${extra.join(", ")}`;
  }
  return undefined;
}

/** Whether a direct dependency takes part in resolution for this target and feature set. */
export function applies(d: DirectDep, target: string | undefined, features: string[]): boolean {
  if (d.source === "stdlib") return false;
  if (!targetApplies(d.target, target)) return false;
  return !d.optional || enabledOptional(d.member.manifest, features, d.member.path === ".").has(d.name);
}

/**
 * Optional dependencies the features turn on, with the profile's own feature
 * rules (`dep:x`, `x/feat`, `default`, nested features) from toResolution.
 * `--features` applies to the root manifest only; an unknown feature is E_BAD_OPTION.
 */
function enabledOptional(m: NormalizedManifest, features: string[], isRoot: boolean): Set<string> {
  const key = `${isRoot}\0${features.join(",")}`;
  const memo = enabledMemo.get(m);
  if (memo?.key === key) return memo.names;
  const res = toResolution(m, { features: isRoot ? features : [] });
  const names = new Set<string>();
  const on = new Set([...Object.keys(res.root), ...Object.keys(res.root_dev), ...Object.values(res.root_target_deps).flatMap((x) => Object.keys(x)), ...Object.keys(res.paths), ...Object.keys(res.git)]);
  for (const d of m.dependencies) if (d.optional && (on.has(d.name) || on.has(d.package ?? d.name))) names.add(d.name);
  enabledMemo.set(m, { key, names });
  return names;
}
const enabledMemo = new WeakMap<NormalizedManifest, { key: string; names: Set<string> }>();

/** Features the root manifest asks of its dependencies (`dep/feature` entries of enabled features). */
function requestedDepFeatures(m: NormalizedManifest, features: string[]): Record<string, string[]> {
  return toResolution(m, { features }).root_features;
}

/** Dependencies of one registry version that apply for this target and feature set. */
export function activeDeps(v: RegistryVersion, target: string | undefined, features: string[]): Record<string, string> {
  const out: Record<string, string> = { ...(v.dependencies ?? {}) };
  for (const [when, deps] of Object.entries(v.targets ?? {})) if (targetApplies(when, target)) Object.assign(out, deps);
  for (const f of features) Object.assign(out, v.features?.[f] ?? {});
  return out;
}

/** Held while a command changes the project, so two installs never interleave (taken over from a dead process). */
export const PROJECT_LOCK = ".cairn-project.lock";

export function sync(project: Project, registry: RegistryAccess, opts: SyncOptions): Promise<SyncResult> {
  return withFileLock(join(project.dir, PROJECT_LOCK), () => syncLocked(project, registry, opts), {
    onWait: (pid) => opts.onEvent?.({ type: "note", message: `waiting for another cairn (process ${pid ?? "?"}) working on this project` }),
  });
}

async function syncLocked(project: Project, registry: RegistryAccess, opts: SyncOptions): Promise<SyncResult> {
  const layout = layoutFor(project.profile, project.dir, opts.env);
  const note = recover(project.dir, layout.shared ? [] : [layout.root]);
  if (note) opts.onEvent?.({ type: "note", message: note });
  const loaded = loadLock(project, registry.url);
  const old = loaded.lock;
  const graph = loaded.format.recordsGraph ? undefined : installedGraph(layout);
  // after a manifest edit, requirements come from the edited text
  const deps = directDeps(project);
  const roots = lockRoots(project, deps);
  const features = opts.features;

  let lock: Lock;
  const wantsUpdate = opts.update !== undefined;
  const stale = old ? lockIsCurrent(project, deps, old, loaded.format, graph, { target: opts.target, features }) : "there is no lock file yet";
  const locals = await localSources(project, deps, opts, registry.cacheRoot, graph ?? old);
  const localChanged = [...locals.values()].some((l) => {
    const p = old?.packages.find((x) => x.name === l.dep.package);
    return !p || p.checksum !== l.checksum || JSON.stringify(p.source) !== JSON.stringify(l.lockSource);
  });
  if (old && !stale && !wantsUpdate && !localChanged) {
    // the lock is current: no resolution and no metadata requests
    lock = loaded.format.recordsGraph ? old : graph && graph.packages.length === old.packages.length ? graph : old;
  } else {
    if (opts.frozen) {
      throw new CairnError("E_LOCK_OUTDATED", `out of date: ${stale ?? "a path or git dependency changed"}`, {
        location: { file: loaded.format.fileName },
        hint: "--frozen installs the lock exactly as it is; run `cairn lock` (or drop --frozen) to update it",
      });
    }
    opts.onEvent?.({ type: "resolving" });
    lock = await resolveLock(project, deps, roots, locals, registry, opts, graph ?? old, features);
  }

  const text = loaded.format.write(lock);
  const lockChanged = text !== loaded.text;
  if (lockChanged && (opts.locked || opts.frozen)) {
    throw new CairnError("E_LOCK_OUTDATED", `would change${stale ? `: ${stale}` : ""}`, {
      location: { file: loaded.format.fileName },
      hint: "--locked forbids changing the lock; run `cairn lock` and commit the result",
    });
  }
  const diff = lockDiff(old, lock);
  opts.onEvent?.({ type: "resolved", packages: lock.packages.length, changed: lockChanged });

  const files = [...(opts.manifestEdits ?? [])];
  if (lockChanged) files.push({ path: loaded.path, content: text });
  if (opts.lockOnly) {
    if (files.length) commit(project.dir, { files });
    return { lock, lockChanged, lockPath: loaded.path, layout, installed: [], ...diff };
  }

  // nothing to do when the layout already holds exactly this lock, unmodified
  if (!files.length) {
    const st = readState(layout);
    // unmodified: stat stamps where they can be trusted, re-hashing otherwise (cli/install/tree-stamp.ts)
    if (st && st.lock === lockDigest(text) && verifyInstall(layout, lock, { trustStamps: true }).problems.length === 0) {
      return { lock, lockChanged, lockPath: loaded.path, layout, installed: [], upToDate: true, ...diff };
    }
  }

  // fetch: every registry package's tree into the cache (checksum before extraction)
  const registryPkgs = lock.packages.filter((p) => p.source.kind === "registry");
  // registry trees are fetched several at a time: the round trips dominate small packages
  const trees = new Map<LockedPackage, string>();
  let done = 0;
  let next = 0;
  const worker = async () => {
    while (next < registryPkgs.length) {
      const p = registryPkgs[next++]!;
      trees.set(p, await registry.tree(p.name, p.version, p.checksum, { offline: opts.offline || opts.frozen }));
      opts.onEvent?.({ type: "fetch", name: p.name, version: p.version, index: ++done, total: registryPkgs.length });
    }
  };
  await Promise.all(Array.from({ length: Math.min(8, registryPkgs.length) }, worker));
  const items: InstallItem[] = [];
  for (const p of lock.packages) {
    if (p.source.kind === "registry") {
      const contents = registry.treeContents(p.checksum);
      items.push({ name: p.name, version: p.version, source: p.source, checksum: p.checksum, srcDir: trees.get(p)!, ...(contents ? { contents } : {}) });
    } else {
      const l = locals.get(p.name);
      if (!l) throw new CairnError("E_LOCK_OUTDATED", `${p.name} is locked as a ${p.source.kind} dependency but the manifest no longer has it`, { hint: "run `cairn lock`" });
      if (l.checksum !== p.checksum) {
        throw new CairnError("E_CHECKSUM_MISMATCH", `${p.name}: the ${p.source.kind} source does not match the lock\n  expected: ${p.checksum}\n  actual:   ${l.checksum}`, { hint: "run `cairn update " + p.name + "` to accept the new content" });
      }
      items.push({ name: p.name, version: p.version, source: p.source, checksum: p.checksum, srcDir: l.dir });
    }
  }
  const { staged, stateContent } = stageLayout(layout, items, lockDigest(text));
  const state = JSON.parse(stateContent) as InstallState & { graph?: Lock };
  state.graph = normalizeLock(lock);
  const stateText = `${JSON.stringify(state, null, 1)}\n`;
  if (staged) {
    // rewrite the staged state with the graph (the staged dir is not visible yet)
    writeFileSync(join(staged, STATE_FILE), stateText);
    commit(project.dir, { root: layout.root, staged, files });
  } else {
    commit(project.dir, { files: [...files, { path: layout.stateFile, content: stateText }] });
  }
  opts.onEvent?.({ type: "installed", packages: items.length });
  return { lock, lockChanged, lockPath: loaded.path, layout, installed: items, ...diff };
}

function lockDiff(old: Lock | undefined, lock: Lock) {
  const before = new Map((old?.packages ?? []).map((p) => [p.name, p.version]));
  const after = new Map(lock.packages.map((p) => [p.name, p.version]));
  return {
    added: [...after.keys()].filter((n) => !before.has(n)).sort(),
    removed: [...before.keys()].filter((n) => !after.has(n)).sort(),
    updated: [...after.entries()].filter(([n, v]) => before.has(n) && before.get(n) !== v).map(([name, to]) => ({ name, from: before.get(name)!, to })).sort((a, b) => (a.name < b.name ? -1 : 1)),
  };
}

function intersect(a: string | undefined, b: string): string {
  if (a === undefined || a === "*" || a === b) return b;
  if (b === "*") return a;
  return `${a} ${b}`;
}

async function resolveLock(project: Project, deps: DirectDep[], roots: Lock["roots"], locals: Map<string, LocalSource>, registry: RegistryAccess, opts: SyncOptions, old: Lock | undefined, features: string[]): Promise<Lock> {
  const root: Record<string, string> = {};
  const rootDev: Record<string, string> = {};
  const rootFeatures: Record<string, string[]> = {};
  for (const d of deps) {
    if (!applies(d, opts.target, features)) continue;
    const exact = (v: string) => (project.profile === "ori" ? v : `=${v}`); // exact-only profiles reject operators
    const req = d.source === "registry" ? d.req : exact(locals.get(d.package)!.version);
    if (d.kind === "dev") rootDev[d.package] = intersect(rootDev[d.package], req);
    else root[d.package] = intersect(root[d.package], req);
    if (d.features.length) rootFeatures[d.package] = [...new Set([...(rootFeatures[d.package] ?? []), ...d.features])];
  }
  // manifest-level features (`--features`) turn on optional groups of the root manifest
  const rootManifest = project.members[0]!.manifest;
  for (const [n, fs] of Object.entries(requestedDepFeatures(rootManifest, features))) rootFeatures[n] = [...new Set([...(rootFeatures[n] ?? []), ...fs])];
  for (const f of features) {
    const group = (rootManifest.features as Record<string, unknown> | undefined)?.[f] as { dependencies?: Record<string, string> } | undefined;
    for (const [n, r] of Object.entries(group?.dependencies ?? {})) root[n] = intersect(root[n], normalizeReq(r));
  }
  let locked = old ? lockedVersions(old) : {};
  if (opts.update === "all") locked = {};
  else if (opts.update) for (const n of opts.update) delete locked[n];
  if (opts.precise && Array.isArray(opts.update) && opts.update.length === 1) {
    const name = opts.update[0]!;
    if (project.profile !== "ori") root[name] = intersect(root[name], `=${opts.precise}`);
    else if (root[name] === undefined) root[name] = opts.precise;
    else if (root[name] !== opts.precise) {
      throw new CairnError("E_USAGE", `the manifest pins ${name} to ${root[name]}; the ori profile takes exact versions from the manifest only`, { hint: `edit the version in the manifest (or \`cairn add ${name}@${opts.precise}\`)` });
    }
  }
  for (const n of Object.keys(locked)) if (locals.has(n)) delete locked[n];

  const local = new Map([...locals.entries()].map(([n, l]) => [n, l.pkg]));
  const provider = new OverlayProvider(local, registry.provider(opts.offline));
  const seen = new Map<string, RegistryPackage>();
  const recording: MetadataProvider = {
    fetch: async (names) => {
      const got = await provider.fetch(names);
      names.forEach((n, i) => got[i] && seen.set(n, got[i]!));
      return got;
    },
  };
  const rootPkgName = (rootManifest.package as { name?: unknown } | null)?.name;
  const request: Record<string, unknown> = { root, root_dev: rootDev, locked, root_features: rootFeatures, root_name: typeof rootPkgName === "string" ? rootPkgName : "root" };
  request.target = opts.target ?? hostTarget();
  if (project.profile === "ori") request.options = { exact_only: true };
  // loaded only to resolve: an install from a current lock never instantiates the core
  const { Resolver } = await import("../../bindings/resolver.js");
  const result = await new Resolver(request as never, {}).resolve(recording);
  if (!result.ok) {
    const e = result.error as { code?: string; message?: string; packages?: string[] };
    throw new CairnError((e.code as "E_NO_SOLUTION") ?? "E_NO_SOLUTION", e.message ?? "no solution", { details: e, hint: "relax a requirement, or run `cairn why <pkg>` on the last working lock" });
  }
  const solution = result.solution as Record<string, string | string[]>;
  const packages: LockedPackage[] = [];
  for (const [name, vs] of Object.entries(solution)) {
    for (const version of Array.isArray(vs) ? vs : [vs]) {
      const l = locals.get(name);
      if (l) {
        packages.push({ name, version, source: l.lockSource, checksum: l.checksum, dependencies: edgesOf(l.pkg.versions[version]!, solution, opts.target, []) });
        continue;
      }
      const meta = (seen.get(name) ?? (await provider.fetch([name]))[0])?.versions[version];
      if (!meta) throw new CairnError("E_INTERNAL", `the resolver chose ${name} ${version}, which the registry does not list`);
      packages.push({ name, version, source: { kind: "registry", url: registry.url }, checksum: meta.checksum, dependencies: edgesOf(meta, solution, opts.target, rootFeatures[name] ?? []) });
    }
  }
  return normalizeLock({ version: 1, roots, packages });
}

function edgesOf(v: RegistryVersion, solution: Record<string, unknown>, target: string | undefined, features: string[]): LockEdge[] {
  return Object.entries(activeDeps(v, target, features))
    .filter(([n]) => n in solution)
    .map(([name, req]) => ({ name, req }));
}
