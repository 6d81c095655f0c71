// The derivation tree of a failed resolution, decoded from the core's
// KIND_NO_SOLUTION message into plain data (its JSON form). Nodes are
// incompatibilities; external ones say why they hold (a dependency, a missing
// package…), derived ones point at the two nodes they were resolved from.
import type { WireReader } from "../wire.js";
import * as P from "../../core/solver/protocol.js";
import { simplifyRange } from "./ranges.js";

export type PackageKind = "real" | "root" | "feature" | "line" | "range";
export type CauseKind =
  | "root"
  | "dependency"
  | "no_versions"
  | "unknown_package"
  | "dependency_no_match"
  | "yanked"
  | "missing_feature"
  | "cycle"
  | "derived"
  | "root_version";

export interface TreePackage {
  /** display name: `foo`, `foo[feature]` */
  name: string;
  kind: PackageKind;
  /** the real package behind a proxy (itself for real ones) */
  base: string;
  /** feature name, cargo line or range of a proxy */
  label: string;
  versions: string[];
}

export interface TreeTerm {
  /** index into `packages` */
  package: number;
  positive: boolean;
  /** index intervals [lo, hi) into the package's versions */
  intervals: [number, number][];
  /** the simplest range selecting those versions ("" = any version) */
  range: string;
}

export interface TreeNode {
  id: number;
  cause: CauseKind;
  terms: TreeTerm[];
  /** derived: the two nodes it was resolved from */
  causes?: [number, number];
  /** dependency-like causes: the package depended on (index into `packages`) */
  target?: number;
  /** a range as written, or a feature name */
  label: string;
}

export interface DerivationTree {
  packages: TreePackage[];
  nodes: TreeNode[];
  /** index of the node that proves failure (always the last) */
  failure: number;
}

const KINDS: PackageKind[] = ["real", "root", "feature", "line", "range"];
const CAUSES: CauseKind[] = ["root", "dependency", "no_versions", "unknown_package", "dependency_no_match", "yanked", "missing_feature", "cycle", "derived", "root_version"];

/** The name a term is printed with: a cargo line or range proxy is its package. */
export function termPackageName(p: TreePackage): string {
  return p.kind === "line" || p.kind === "range" ? p.base : p.name;
}

/** One package record (derivation tree, trace): name, kind, base name, label, versions. */
export function readPackage(r: WireReader): TreePackage {
  const name = r.str(r.next());
  const kind = KINDS[r.next()] ?? "real";
  const base = r.str(r.next());
  const label = r.str(r.next());
  const vc = r.next();
  const versions: string[] = [];
  for (let k = 0; k < vc; k++) versions.push(r.str(r.next()));
  return { name, kind, base, label, versions };
}

/** One term record over `packages`, with its simplest range. */
export function readTerm(r: WireReader, packages: TreePackage[]): TreeTerm {
  const pkg = r.next();
  const positive = r.next() === 1;
  const ic = r.next();
  const intervals: [number, number][] = [];
  for (let j = 0; j < ic; j++) intervals.push([r.next(), r.next()]);
  const p = packages[pkg]!;
  let range = simplifyRange(p.versions, intervals);
  if (p.kind === "range" && range === "") range = p.label;
  // A cargo line is one compatibility range of the package, not all of it.
  if (p.kind === "line" && range === "") range = p.label.split(".").length === 3 ? p.label : `${p.label}.x`;
  return { package: pkg, positive, intervals, range };
}

export function decodeTree(r: WireReader): DerivationTree {
  const pc = r.next();
  const packages: TreePackage[] = [];
  for (let i = 0; i < pc; i++) packages.push(readPackage(r));
  const nc = r.next();
  const nodes: TreeNode[] = [];
  for (let i = 0; i < nc; i++) {
    const cause = CAUSES[r.next()] ?? "derived";
    const a = r.next();
    const b = r.next();
    const label = r.str(r.next());
    const tc = r.next();
    const terms: TreeTerm[] = [];
    for (let k = 0; k < tc; k++) terms.push(readTerm(r, packages));
    const node: TreeNode = { id: i, cause, terms, label };
    if (cause === "derived") node.causes = [a, b];
    else if (a !== P.NONE) node.target = a;
    nodes.push(node);
  }
  return { packages, nodes, failure: nodes.length - 1 };
}

/** The real packages an explanation involves (the root excluded), sorted. */
export function involvedPackages(tree: DerivationTree): string[] {
  const out = new Set<string>();
  const add = (i: number | undefined) => {
    if (i === undefined) return;
    const p = tree.packages[i];
    if (p && p.kind !== "root") out.add(p.base);
  };
  for (const n of tree.nodes) {
    n.terms.forEach((t) => add(t.package));
    if (n.cause !== "derived") add(n.target);
  }
  return [...out].sort();
}
