// Property test over the scenario options: random small registries with
// dev dependencies of the root, lowest-first resolution, prereleases, yanked and locked versions, overrides, features (optional
// dependency groups, requested by the root and by dependencies), platform-
// specific dependencies, dependencies on the root by name and forbidden
// cycles, each under a random prerelease policy, solved by cairn and checked
// by the corpus's reference checker (../shared/corpus/resolver/check-solution.mjs,
// the executable spec of every option): a solution must be valid, and "no
// solution" is allowed only when exhaustive enumeration finds none, and where
// one newest (or lowest) solution dominates all others without a lock file or
// the stable-first policy in play, that is the one returned.
import { describe, it, expect, beforeAll } from "vitest";
import { solve } from "../../../bindings/solve.js";
import { loadChecker, type Checker } from "./reference-checker.js";
import { optionScenario } from "./random-scenarios.js";

let checker: Checker;

beforeAll(async () => {
  checker = await loadChecker();
});

const SEEDS = 4000;

describe("random registries with random options against the reference checker", () => {
  it(`is sound, complete and optimal on ${SEEDS} scenarios`, () => {
    let solved = 0, failed = 0, uniqueChecked = 0;
    const used = new Map<string, number>();
    const problems: string[] = [];
    for (let seed = 1; seed <= SEEDS && problems.length < 5; seed++) {
      const s = optionScenario(seed);
      for (const k of Object.keys(s)) used.set(k, (used.get(k) ?? 0) + 1);
      for (const [k, v] of Object.entries(s.options ?? {})) used.set(`${k}=${v}`, (used.get(`${k}=${v}`) ?? 0) + 1);
      const res = solve(s);
      const { solutions, truncated } = checker.enumerate(s);
      expect(truncated).toBe(false);
      if (res.ok) {
        solved++;
        const chk = checker.checkSolution(s, res.solution);
        if (!chk.valid) problems.push(`seed ${seed}: invalid ${JSON.stringify(res.solution)}: ${chk.violations.join("; ")}\n${JSON.stringify(s)}`);
        if (!s.locked && s.options?.prerelease !== "fallback") {
          const best = checker.paretoOptimal(solutions, s.options?.versions === "lowest" ? -1 : 1);
          if (best.length === 1) {
            uniqueChecked++;
            const want = best[0]!;
            const same = Object.keys(want).length === Object.keys(res.solution).length && Object.entries(want).every(([k, v]) => res.solution[k] === v);
            if (!same) problems.push(`seed ${seed}: ${JSON.stringify(res.solution)} is not the unique optimum ${JSON.stringify(want)}\n${JSON.stringify(s)}`);
          }
        }
      } else {
        failed++;
        if (res.error.code !== "E_NO_SOLUTION") problems.push(`seed ${seed}: ${res.error.code}: ${res.error.message}\n${JSON.stringify(s)}`);
        else if (solutions.length > 0) problems.push(`seed ${seed}: no solution reported, but ${JSON.stringify(solutions[0])} is one\n${JSON.stringify(s)}`);
      }
    }
    expect(problems).toEqual([]);
    expect(solved).toBeGreaterThan(SEEDS / 5);
    expect(failed).toBeGreaterThan(SEEDS / 20);
    expect(uniqueChecked).toBeGreaterThan(SEEDS / 10);
    // every option is exercised
    for (const k of ["root_dev", "versions=lowest", "yanked", "locked", "overrides", "features", "root_features", "dep_features", "target_deps", "root_target_deps", "root_name", "cycles=forbid", "missing_feature=error", "prerelease=npm", "prerelease=include", "prerelease=fallback"]) {
      expect(used.get(k) ?? 0, k).toBeGreaterThan(SEEDS / 50);
    }
  }, 120_000);

  // Under the cargo policy (one version per semver-compatible line) the
  // reference has no enumerator, but it checks validity of single-version answers.
  it(`gives valid answers under policy cargo on ${SEEDS} scenarios`, () => {
    let solved = 0, multi = 0;
    const problems: string[] = [];
    for (let seed = 1; seed <= SEEDS && problems.length < 5; seed++) {
      const s = optionScenario(seed);
      s.options = { ...s.options, policy: "cargo" };
      delete s.options.cycles; // cargo cycles through features: see above
      // (features and dev requirements: the same binding question as below)
      for (const k of ["features", "root_features", "dep_features", "root_dev"] as const) delete s[k];
      const res = solve(s);
      if (res.ok) {
        solved++;
        // With two lines of a package selected, the reference binds every requirement to the
        // highest one and can call the other unrequired; Cargo (and cairn) bind each edge.
        if (Object.values(res.solution).some((v) => Array.isArray(v))) {
          multi++;
          continue;
        }
        const chk = checker.checkSolution(s, res.solution);
        if (!chk.valid) problems.push(`seed ${seed}: invalid ${JSON.stringify(res.solution)}: ${chk.violations.join("; ")}\n${JSON.stringify(s)}`);
      } else if (res.error.code !== "E_NO_SOLUTION") problems.push(`seed ${seed}: ${res.error.code}: ${res.error.message}\n${JSON.stringify(s)}`);
    }
    expect(problems).toEqual([]);
    expect(solved - multi).toBeGreaterThan(SEEDS / 5);
    expect(multi).toBeGreaterThan(0); // the policy is in play: some answers hold two lines of a package
  }, 120_000);
});
