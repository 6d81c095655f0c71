// Soundness at scale: the brute-force property test cannot reach the parts
// of the search that only large graphs exercise (conflict-driven priorities
// after ten conflicts, chronological backtracking over 64 levels). Graphs
// with a planted solution are satisfiable by construction, so "no solution"
// there is a bug, and every returned selection is checked edge by edge.
import { describe, it, expect } from "vitest";
// @ts-expect-error plain .mjs without types
import { generate } from "../../../bench/resolve/gen.mjs";
// @ts-expect-error plain .mjs without types
import { checkSelection } from "../../../bench/resolve/lib/check.mjs";
import { solve } from "../../../bindings/solve.js";

type Spec = Record<string, unknown> & { shape: string; seed: number };

const specs: Spec[] = [];
for (let seed = 1; seed <= 24; seed++) {
  specs.push({ shape: "wide", packages: 200 + 40 * seed, versions: 8 + (seed % 12), maxDeps: 4 + (seed % 6), seed });
  specs.push({ shape: "deep", chains: 2 + (seed % 8), length: 10 + 3 * seed, versions: 6 + (seed % 10), seed });
}

describe("planted-solution graphs", () => {
  it(`${specs.length} generated graphs are solved, validly, within budget`, () => {
    let longSearches = 0;
    const problems: string[] = [];
    for (const spec of specs) {
      const { graph } = generate(spec);
      const res = solve(JSON.stringify(graph), { maxSteps: 200_000 });
      const name = `${spec.shape} seed ${spec.seed}`;
      if (!res.ok) {
        problems.push(`${name}: ${res.error.code} ${res.error.message.slice(0, 200)}`);
        continue;
      }
      if (res.stats.conflicts >= 10) longSearches++;
      const check = checkSelection(graph, res.solution);
      if (check.errors.length) problems.push(`${name}: ${check.errors.slice(0, 3).join("; ")}`);
    }
    expect(problems).toEqual([]);
    // The set must reach the large-graph strategies, or it tests nothing new.
    expect(longSearches).toBeGreaterThan(specs.length / 3);
  }, 120_000);
});
