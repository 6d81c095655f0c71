// Property test: thousands of random small registries (≤6 packages × ≤4
// versions, random ranges, dependencies on packages that do not exist),
// solved by cairn and cross-checked against brute-force enumeration by the
// corpus's reference checker. A returned solution must be valid, and equal to
// the newest (or lowest) optimal one whenever that one is unique; "no solution"
// only when none exists. The same input must give byte-identical output.
import { describe, it, expect, beforeAll } from "vitest";
import { solve } from "../../../bindings/solve.js";
import { loadChecker, type Checker } from "./reference-checker.js";
import { Core } from "../../../bindings/core.js";
import { CORE_WASM } from "../../../bindings/wasm/core-bytes.js";
import type { Scenario } from "../../../bindings/scenario.js";
import { rng } from "./rng.js";
import { randomRange as poolRange } from "./random-scenarios.js";

let checker: Checker;

beforeAll(async () => {
  checker = await loadChecker();
});


const VERSIONS = ["0.1.0", "0.2.0", "1.0.0", "1.1.0", "1.2.0", "2.0.0", "2.1.0", "3.0.0"];

const randomRange = (r: ReturnType<typeof rng>, versions: string[]) => poolRange(r, versions, VERSIONS, false);

export function randomScenario(seed: number): Scenario {
  const r = rng(seed);
  const n = r.int(1, 6);
  const names = Array.from({ length: n }, (_, i) => String.fromCharCode(97 + i));
  const vers: Record<string, string[]> = {};
  for (const p of names) {
    const k = r.int(1, 4);
    const set = new Set<string>();
    while (set.size < k) set.add(r.pick(VERSIONS));
    vers[p] = [...set];
  }
  const registry: Scenario["registry"] = {};
  for (const p of names) {
    registry[p] = {};
    for (const v of vers[p]!) {
      const deps: Record<string, string> = {};
      const dc = r.int(0, 3);
      for (let i = 0; i < dc; i++) {
        const d = r.next() < 0.08 ? "ghost" : r.pick(names);
        if (d === p && r.next() < 0.7) continue;
        deps[d] = randomRange(r, vers[d] ?? []);
      }
      registry[p]![v] = deps;
    }
  }
  const rootDeps: Record<string, string> = {};
  const rc = r.int(1, Math.min(3, n));
  for (let i = 0; i < rc; i++) {
    const d = r.pick(names);
    rootDeps[d] = randomRange(r, vers[d]!);
  }
  const s: Scenario = { registry, root: rootDeps };
  if (r.next() < 0.2) s.options = { versions: "lowest" };
  return s;
}

const SEEDS = 5000;

describe("random registries against brute force", () => {
  it(`agrees with exhaustive enumeration on ${SEEDS} registries`, () => {
    let solved = 0, failed = 0, uniqueChecked = 0;
    const problems: string[] = [];
    for (let seed = 1; seed <= SEEDS; seed++) {
      const s = randomScenario(seed);
      const res = solve(s);
      const { solutions, truncated } = checker.enumerate(s);
      expect(truncated).toBe(false);
      if (res.ok) {
        solved++;
        const chk = checker.checkSolution(s, res.solution);
        if (!chk.valid) problems.push(`seed ${seed}: invalid solution ${JSON.stringify(res.solution)}: ${chk.violations.join("; ")}`);
        const best = checker.paretoOptimal(solutions, s.options?.versions === "lowest" ? -1 : 1);
        if (best.length === 1) {
          uniqueChecked++;
          const want = best[0]!;
          const same = Object.keys(want).length === Object.keys(res.solution).length && Object.entries(want).every(([k, v]) => res.solution[k] === v);
          if (!same) problems.push(`seed ${seed}: ${JSON.stringify(res.solution)} is not the unique optimum ${JSON.stringify(want)}`);
        }
      } else {
        failed++;
        if (res.error.code !== "E_NO_SOLUTION") problems.push(`seed ${seed}: ${res.error.code}: ${res.error.message}`);
        if (solutions.length > 0) problems.push(`seed ${seed}: no solution reported, but ${JSON.stringify(solutions[0])} is one`);
      }
      if (problems.length > 5) break;
    }
    expect(problems).toEqual([]);
    // The generator must exercise both outcomes and the optimality check.
    expect(solved).toBeGreaterThan(SEEDS / 5);
    expect(failed).toBeGreaterThan(SEEDS / 20);
    expect(uniqueChecked).toBeGreaterThan(SEEDS / 5);
  });

  it("gives byte-identical answers for the same input, across core instances", () => {
    const other = Core.fromBytesSync(CORE_WASM);
    for (let seed = 1; seed <= 300; seed++) {
      const s = randomScenario(seed);
      const a = JSON.stringify(solve(s));
      const b = JSON.stringify(solve(s));
      const c = JSON.stringify(solve(JSON.parse(JSON.stringify(s)), { core: other }));
      expect(b).toBe(a);
      expect(c).toBe(a);
    }
  });
});
