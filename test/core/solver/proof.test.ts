// "No solution" only when none exists, on graphs too large to enumerate: each
// refutation the core returns is verified step by step (proof-checker.ts).
import { describe, it, expect } from "vitest";
// @ts-expect-error plain .mjs without types
import { generate } from "../../../bench/resolve/gen.mjs";
import { solve } from "../../../bindings/solve.js";
import type { Scenario } from "../../../bindings/scenario.js";
import { checkProof, checkSelection } from "./proof-checker.js";
import { rng } from "./rng.js";


/** Medium random registries: 8–40 packages × 2–10 versions, ranges of every shape, some missing packages. */
function mediumScenario(seed: number): Scenario {
  const r = rng(seed);
  const n = r.int(8, 40);
  const names = Array.from({ length: n }, (_, i) => `p${i}`);
  const vers = names.map(() => {
    const set = new Set<string>();
    const k = r.int(2, 10);
    while (set.size < k) set.add(`${r.int(0, 3)}.${r.int(0, 4)}.${r.int(0, 2)}`);
    return [...set];
  });
  const range = (j: number) => {
    const v = r.pick(vers[j] ?? ["1.0.0"]);
    switch (r.int(0, 6)) {
      case 0: return "*";
      case 1: return v;
      case 2: case 3: return `^${v}`;
      case 4: return `~${v}`;
      case 5: return `>=${v}`;
      default: return `<${v}`;
    }
  };
  const registry: Scenario["registry"] = {};
  names.forEach((p, i) => {
    registry[p] = {};
    for (const v of vers[i]!) {
      const deps: Record<string, string> = {};
      for (let d = r.int(0, 4); d > 0; d--) {
        if (r.next() < 0.03) deps.ghost = "1.0.0";
        else {
          const j = r.int(0, n - 1);
          if (j !== i) deps[names[j]!] = range(j);
        }
      }
      registry[p]![v] = deps;
    }
  });
  const root: Record<string, string> = {};
  for (let k = r.int(1, 5); k > 0; k--) {
    const j = r.int(0, n - 1);
    root[names[j]!] = range(j);
  }
  return { registry, root };
}

describe("refutations are proofs", () => {
  it("verifies the proof of a small conflict, and rejects a forged one", () => {
    const s: Scenario = { registry: { a: { "1.0.0": { b: "^2.0.0" } }, b: { "1.0.0": {}, "2.0.0": {} } }, root: { a: "*", b: "1.0.0" } };
    const res = solve(s);
    if (res.ok) throw new Error("expected no solution");
    const tree = res.error.tree!;
    expect(checkProof(s, tree)).toEqual([]);
    // The same proof against a registry where a accepts b 1.0.0 must fail.
    const other: Scenario = { ...s, registry: { ...s.registry, a: { "1.0.0": { b: ">=1.0.0" } } } };
    expect(checkProof(other, tree).join("\n")).toMatch(/also accepts b 1\.0\.0/);
  });

  it("every answer on 600 medium random registries is a valid selection or a checked proof", () => {
    let unsat = 0, sat = 0, deep = 0;
    const problems: string[] = [];
    for (let seed = 1; seed <= 600 && problems.length < 5; seed++) {
      const s = mediumScenario(seed);
      const res = solve(s, { maxSteps: 100_000 });
      if (res.ok) {
        sat++;
        const errs = checkSelection(s, res.solution as Record<string, string>);
        if (errs.length) problems.push(`seed ${seed}: ${errs.slice(0, 2).join("; ")}`);
      } else if (res.error.code === "E_NO_SOLUTION") {
        unsat++;
        if (res.error.tree!.nodes.length > 10) deep++;
        const errs = checkProof(s, res.error.tree!);
        if (errs.length) problems.push(`seed ${seed}: ${errs.slice(0, 2).join("; ")}`);
      } else problems.push(`seed ${seed}: ${res.error.code} ${res.error.message}`);
    }
    expect(problems).toEqual([]);
    expect(sat).toBeGreaterThan(60);
    expect(unsat).toBeGreaterThan(60);
    expect(deep).toBeGreaterThan(10);
  }, 120_000);

  it("the generated conflict graphs are refuted by checked proofs", () => {
    for (let seed = 1; seed <= 6; seed++) {
      const { graph } = generate({ shape: "conflict", chains: 2 + seed, length: 20 + 10 * seed, versions: 10 + seed, noise: 50, seed });
      const res = solve(JSON.stringify(graph), { maxSteps: 200_000 });
      expect(res.ok ? "solved" : res.error.code).toBe("E_NO_SOLUTION");
      if (res.ok) continue;
      const tree = res.error.tree!;
      expect(checkProof(graph as Scenario, tree)).toEqual([]);
      if (seed === 1) {
        // A derived step that claims more than its causes give is caught.
        const forged = structuredClone(tree);
        const node = forged.nodes.find((n) => n.cause === "derived" && n.terms.length >= 2)!;
        node.terms.pop();
        expect(checkProof(graph as Scenario, forged).join("\n")).toMatch(new RegExp(`node ${node.id} \\(derived\\): does not follow`));
      }
    }
  }, 120_000);
});
