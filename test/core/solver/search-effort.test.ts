// Search effort on the generated benchmark graphs: the number of solver steps
// (decisions, learned incompatibilities, backjumps) is exact and machine-
// independent, so it is what a test can hold the resolver to. The budgets sit
// well above today's counts and well below the counts of the strategies that
// blew up on these shapes (see docs/RESOLVER.md, "Decision order").
import { describe, it, expect } from "vitest";
// @ts-expect-error plain .mjs without types
import { SUITE, generate } from "../../../bench/resolve/gen.mjs";
// @ts-expect-error plain .mjs without types
import { checkSelection } from "../../../bench/resolve/lib/check.mjs";
import { solve } from "../../../bindings/solve.js";

const spec = (name: string) => SUITE.find((s: { name: string }) => s.name === name)!;

describe("search effort on generated graphs", () => {
  // sweep-10000 made the fewest-candidates order thrash: 70,558 steps (34,656
  // decisions, 31,044 conflicts) before conflict-driven priorities.
  it.each([
    ["sweep-10000", 30_000],
    ["wide-2000", 6_000],
    ["sweep-1000", 6_000],
    ["deep", 20_000],
  ])("%s solves within %i steps, validly", (name, budget) => {
    const { graph } = generate(spec(name));
    const res = solve(JSON.stringify(graph), { maxSteps: budget });
    expect(res.ok ? "solved" : res.error.code).toBe("solved");
    if (!res.ok) return;
    expect(res.stats.steps).toBeLessThanOrEqual(budget);
    const check = checkSelection(graph, res.solution);
    expect(check.errors).toEqual([]);
  }, 60_000);

  it("proves the conflict graph unsatisfiable within budget", () => {
    const { graph } = generate(spec("conflict"));
    const res = solve(JSON.stringify(graph), { maxSteps: 20_000 });
    expect(res.ok ? "solved" : res.error.code).toBe("E_NO_SOLUTION");
  }, 60_000);
});
