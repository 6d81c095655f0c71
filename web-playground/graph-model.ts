// From a solution and the metadata the solver saw to what the page draws: the
// resolved graph (edges carry the requirement as written), the graph of a
// failure (the packages the explanation names and how they depend on each
// other), and the lock as the CLI writes it (cli/lock, browser-safe).
import type { PackageMetadata, VersionMetadata } from "../bindings/session.js";
import type { Solution } from "../bindings/solve.js";
import { writeCairnLock } from "../bindings/lock/cairn-lock.js";
import type { LockedPackage, LockEdge, LockSource } from "../bindings/lock/model.js";
import type { GraphData, GraphEdge, GraphNode } from "./protocol.js";

/** What the solver was asked for, as far as drawing is concerned. */
export interface RootRequest {
  name: string;
  root: Record<string, string>;
  root_dev?: Record<string, string>;
  root_target_deps?: Record<string, Record<string, string>>;
  root_features?: Record<string, string[]>;
  target?: string;
}

export const ROOT_ID = "\u0000root";

/** `when` is a target name or `!name`; it applies to `target` as in the core. */
export function targetApplies(when: string, target: string | undefined): boolean {
  if (when.startsWith("!")) return target === undefined || when.slice(1) !== target;
  return target !== undefined && when === target;
}

/** The dependencies one version has for this target with these features on. */
export function activeDeps(v: VersionMetadata, target: string | undefined, features: readonly string[]): Record<string, string> {
  const out: Record<string, string> = { ...(v.dependencies ?? {}) };
  for (const [when, deps] of Object.entries(v.targets ?? {})) if (targetApplies(when, target)) Object.assign(out, deps);
  for (const f of features) Object.assign(out, v.features?.[f] ?? {});
  return out;
}

export function rootDeps(req: RootRequest): Record<string, string> {
  const out: Record<string, string> = { ...req.root, ...(req.root_dev ?? {}) };
  for (const [when, deps] of Object.entries(req.root_target_deps ?? {})) if (targetApplies(when, req.target)) Object.assign(out, deps);
  return out;
}

const versionsOf = (v: string | string[]): string[] => (Array.isArray(v) ? v : [v]);
const nodeId = (name: string, version: string, multi: boolean): string => (multi ? `${name}@${version}` : name);

/** Features requested of each package, by the root and by the selected versions. */
function requestedFeatures(solution: Solution, meta: Map<string, PackageMetadata>, req: RootRequest): Map<string, string[]> {
  const out = new Map<string, Set<string>>();
  const add = (n: string, fs: readonly string[]) => {
    if (!fs.length) return;
    const s = out.get(n) ?? new Set<string>();
    for (const f of fs) s.add(f);
    out.set(n, s);
  };
  for (const [n, fs] of Object.entries(req.root_features ?? {})) add(n, fs);
  for (const [n, vs] of Object.entries(solution))
    for (const v of versionsOf(vs)) for (const [d, fs] of Object.entries(meta.get(n)?.versions[v]?.dependency_features ?? {})) add(d, fs);
  return new Map([...out].map(([k, s]) => [k, [...s].sort()]));
}

/** The resolved graph: the root, every selected package, and an edge per active dependency. */
export function solutionGraph(solution: Solution, meta: Map<string, PackageMetadata>, req: RootRequest): GraphData {
  const nodes: GraphNode[] = [{ id: ROOT_ID, name: req.name, root: true }];
  const edges: GraphEdge[] = [];
  const feats = requestedFeatures(solution, meta, req);
  const targetsOf = (dep: string, range: string): string[] => {
    const vs = solution[dep];
    if (vs === undefined) return [];
    const list = versionsOf(vs);
    if (list.length === 1) return [dep];
    // Several versions (cargo policy): the edge goes to the newest one in the requirement's semver line.
    const major = /^\D*(\d+)(?:\.(\d+))?/.exec(range);
    const pick = list.filter((v) => {
      if (!major) return true;
      const [M, m] = v.split(".");
      return M === major[1] && (M !== "0" || major[2] === undefined || m === major[2]);
    });
    return (pick.length ? pick.slice(-1) : list.slice(-1)).map((v) => `${dep}@${v}`);
  };
  for (const [n, vs] of Object.entries(solution)) {
    const list = versionsOf(vs);
    for (const v of list) nodes.push({ id: nodeId(n, v, list.length > 1), name: n, version: v });
  }
  for (const [dep, range] of Object.entries(rootDeps(req))) for (const to of targetsOf(dep, range)) edges.push({ from: ROOT_ID, to, req: range });
  for (const [n, vs] of Object.entries(solution)) {
    const list = versionsOf(vs);
    for (const v of list) {
      const m = meta.get(n)?.versions[v];
      if (!m) continue;
      for (const [dep, range] of Object.entries(activeDeps(m, req.target, feats.get(n) ?? [])))
        for (const to of targetsOf(dep, range)) edges.push({ from: nodeId(n, v, list.length > 1), to, req: range });
    }
  }
  return { nodes, edges };
}

/**
 * The graph of a failure: the root and the packages the explanation names,
 * with an edge wherever some version of one depends on another (the
 * requirements of the different versions joined by " | ").
 */
export function failureGraph(packages: readonly string[], meta: Map<string, PackageMetadata>, req: RootRequest): GraphData {
  const involved = new Set(packages);
  const nodes: GraphNode[] = [{ id: ROOT_ID, name: req.name, root: true }];
  for (const p of [...involved].sort()) nodes.push({ id: p, name: p, involved: true });
  const edges: GraphEdge[] = [];
  for (const [dep, range] of Object.entries(rootDeps(req))) if (involved.has(dep)) edges.push({ from: ROOT_ID, to: dep, req: range });
  for (const p of involved) {
    const reqs = new Map<string, Set<string>>();
    for (const v of Object.values(meta.get(p)?.versions ?? {})) {
      for (const [dep, range] of Object.entries(activeDeps(v, req.target, Object.keys(v.features ?? {})))) {
        if (!involved.has(dep) || dep === p) continue;
        const s = reqs.get(dep) ?? new Set<string>();
        s.add(range);
        reqs.set(dep, s);
      }
    }
    for (const [dep, rs] of reqs) {
      const list = [...rs];
      edges.push({ from: p, to: dep, req: list.length > 3 ? `${list.slice(0, 3).join(" | ")} | …` : list.join(" | ") });
    }
  }
  return { nodes, edges };
}

/**
 * cairn.lock as `cairn lock` writes it. Packages from a scenario's inline
 * registry have no archive, hence no checksum: their source is `scenario` and
 * the checksum line is left out (a header comment says so).
 */
export function lockText(solution: Solution, meta: Map<string, PackageMetadata>, req: RootRequest, registryUrl: string | undefined): string {
  const feats = requestedFeatures(solution, meta, req);
  const packages: LockedPackage[] = [];
  const source: LockSource = { kind: "registry", url: registryUrl ?? "scenario" };
  for (const [name, vs] of Object.entries(solution)) {
    for (const version of versionsOf(vs)) {
      const m = meta.get(name)?.versions[version];
      const deps: LockEdge[] = Object.entries(m ? activeDeps(m, req.target, feats.get(name) ?? []) : {})
        .filter(([d]) => d in solution)
        .map(([d, r]) => ({ name: d, req: r }));
      const checksum = typeof m?.checksum === "string" ? m.checksum : "";
      packages.push({ name, version, source, checksum, dependencies: deps });
    }
  }
  // Root edges as the CLI records them: the requirement, then ` target=…` and ` features=…`.
  const edge = (name: string, r: string, when?: string): LockEdge => {
    const fs = [...(req.root_features?.[name] ?? [])].sort();
    return { name, req: `${r}${when !== undefined ? ` target=${when}` : ""}${fs.length ? ` features=${fs.join(",")}` : ""}` };
  };
  const edges = (o: Record<string, string> | undefined): LockEdge[] => Object.entries(o ?? {}).map(([name, r]) => edge(name, r));
  const rootEdges = [...edges(req.root), ...Object.entries(req.root_target_deps ?? {}).flatMap(([when, ds]) => Object.entries(ds).map(([n, r]) => edge(n, r, when)))];
  const header = registryUrl
    ? undefined
    : "# This file is generated by cairn. Do not edit it by hand.\n# Resolved in the playground against a scenario's inline registry: there are no\n# archives, so packages carry no checksum.\n";
  const text = writeCairnLock(
    { version: 1, roots: [{ path: ".", name: req.name, dependencies: rootEdges, devDependencies: edges(req.root_dev) }], packages },
    header,
  );
  return registryUrl ? text : text.replace(/^checksum = ""\n/gm, "");
}
