// An independent checker for "no solution" answers: the derivation tree the
// core returns is a refutation proof, and every step of it can be verified
// against the scenario without trusting the solver. External facts (a
// dependency, a dependency on a missing package, on a range nothing matches)
// are checked against the registry; each derived incompatibility must follow
// from its two causes; the last one must say the root cannot be selected.
// Plain scenarios only (one version per package, no features or targets).
import semver from "semver";
import type { DerivationTree, TreeTerm } from "../../../bindings/explain/tree.js";
import type { Scenario } from "../../../bindings/scenario.js";

/** A package's states: 0 = not selected, 1 + i = version i selected. */
type States = boolean[];

function statesOf(t: TreeTerm, count: number): States {
  const inSet = new Array<boolean>(count).fill(false);
  for (const [lo, hi] of t.intervals) for (let i = lo; i < hi; i++) inSet[i] = true;
  // P ∈ S admits exactly S; ¬(P ∈ S) admits "not selected" and every version outside S.
  return [!t.positive, ...inSet.map((x) => (t.positive ? x : !x))];
}

const all = (n: number): States => new Array<boolean>(n + 1).fill(true);
const subset = (a: States, b: States) => a.every((x, i) => !x || b[i]);
const meetsOutside = (s: States, a: States, b: States) => s.some((x, i) => x && !a[i] && !b[i]);

/** Problems with a selection: the root's and every selected version's dependencies must hold. */
export function checkSelection(s: Scenario, solution: Record<string, string>): string[] {
  const errors: string[] = [];
  const need = (from: string, deps: Record<string, string>) => {
    for (const [d, range] of Object.entries(deps)) {
      const v = solution[d];
      if (v === undefined || !semver.satisfies(v, range)) errors.push(`${from} needs ${d} ${range}, got ${v ?? "nothing"}`);
    }
  };
  need("root", s.root);
  for (const [p, v] of Object.entries(solution)) {
    const deps = s.registry[p]?.[v];
    if (!deps) errors.push(`${p} ${v} is not in the registry`);
    else need(`${p} ${v}`, deps);
  }
  return errors;
}

export function checkProof(s: Scenario, tree: DerivationTree): string[] {
  const errors: string[] = [];
  const pkgs = tree.packages;
  const count = (p: number) => pkgs[p]!.versions.length;
  for (const [i, p] of pkgs.entries()) {
    if (p.kind !== "real" && p.kind !== "root") return [`package ${i} (${p.name}) is a ${p.kind} proxy: plain scenarios only`];
    if (p.kind === "real") {
      const want = Object.keys(s.registry[p.name] ?? {}).sort(semver.compare);
      if (JSON.stringify(want) !== JSON.stringify(p.versions)) errors.push(`${p.name}: the tree lists versions ${p.versions} but the registry has ${want}`);
    }
  }
  const depsOf = (p: number, v: number): Record<string, string> | undefined =>
    pkgs[p]!.kind === "root" ? s.root : s.registry[pkgs[p]!.name]?.[pkgs[p]!.versions[v]!];
  const versionsIn = (t: TreeTerm) => t.intervals.flatMap(([lo, hi]) => Array.from({ length: hi - lo }, (_, k) => lo + k));

  for (const node of tree.nodes) {
    const where = `node ${node.id} (${node.cause})`;
    const terms = node.terms;
    if (node.cause === "derived") {
      const [ai, bi] = node.causes ?? [-1, -1];
      const A = tree.nodes.find((n) => n.id === ai), B = tree.nodes.find((n) => n.id === bi);
      if (!A || !B || ai >= node.id || bi >= node.id) {
        errors.push(`${where}: causes ${ai}, ${bi} are not earlier nodes`);
        continue;
      }
      // I follows from A and B iff no assignment satisfying I's terms breaks
      // a term of A and a term of B at once. Packages are independent, so it
      // is enough to test each pair of terms (a, b).
      const allowed = (p: number): States => {
        const t = terms.find((x) => x.package === p);
        const st = t ? statesOf(t, count(p)) : all(count(p));
        // The root is always selected: derived incompatibilities drop its positive term.
        if (pkgs[p]!.kind === "root") st[0] = false;
        return st;
      };
      let ok = true;
      for (const a of A.terms) {
        for (const b of B.terms) {
          const sa = statesOf(a, count(a.package)), sb = statesOf(b, count(b.package));
          if (a.package === b.package) {
            if (meetsOutside(allowed(a.package), sa, sb)) ok = false;
          } else if (!subset(allowed(a.package), sa) && !subset(allowed(b.package), sb)) ok = false;
        }
      }
      if (!ok) errors.push(`${where}: does not follow from nodes ${ai} and ${bi}`);
      continue;
    }
    const self = terms[0];
    if (!self || !self.positive) {
      errors.push(`${where}: an external incompatibility starts with a positive term`);
      continue;
    }
    const target = node.target !== undefined ? pkgs[node.target]! : undefined;
    for (const v of versionsIn(self)) {
      const deps = depsOf(self.package, v);
      const from = `${pkgs[self.package]!.name} ${pkgs[self.package]!.versions[v]}`;
      const range = target ? deps?.[target.name] : undefined;
      if (node.cause === "dependency") {
        const other = terms[1];
        if (!target || range === undefined || !other || other.positive || other.package !== node.target) {
          errors.push(`${where}: ${from} has no such dependency`);
          break;
        }
        const covered = statesOf(other, count(other.package)).map((x) => !x); // versions the term requires
        const missed = target.versions.filter((d, i) => semver.satisfies(d, range) && !covered[i + 1]);
        if (missed.length) errors.push(`${where}: ${from} also accepts ${target.name} ${missed.join(", ")}`);
      } else if (node.cause === "dependency_no_match") {
        if (!target || range === undefined || target.versions.some((d) => semver.satisfies(d, range))) errors.push(`${where}: ${from}'s requirement on ${target?.name} matches a version`);
      } else if (node.cause === "unknown_package") {
        if (!target || range === undefined || s.registry[target.name] !== undefined) errors.push(`${where}: ${from} does not depend on a missing ${target?.name}`);
      } else {
        errors.push(`${where}: not expected in a plain scenario`);
        break;
      }
    }
  }
  const last = tree.nodes.find((n) => n.id === tree.failure);
  const rootOnly = last && (last.terms.length === 0 || (last.terms.length === 1 && last.terms[0]!.positive && pkgs[last.terms[0]!.package]!.kind === "root"));
  if (!rootOnly) errors.push(`the failure node ${tree.failure} does not rule out the root`);
  return errors;
}
