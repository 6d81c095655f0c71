// Every scenario of the conformance corpus (copied into test/fixtures/scenarios,
// each keeping its `source`), solved through the public `solve` and judged by
// the corpus's own reference checker (../shared/corpus/resolver/check-solution.mjs):
// exact cases must give the expected solution, valid cases a valid one, error
// cases must fail with an explanation that names every package in `mentions`.
import { describe, it, expect, beforeAll } from "vitest";
import { readdirSync, readFileSync, existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { createRequire } from "node:module";
import { solve } from "../../../bindings/solve.js";

const root = resolve(__dirname, "../../..");
const dir = join(root, "test/fixtures/scenarios");
const checker = resolve(root, "../shared/corpus/resolver/check-solution.mjs");

type Judge = { judge: (c: unknown, p: unknown, o?: unknown) => { pass: boolean; details: string[]; mentions_missing?: string[]; mentions_unexpected?: string[] }; init: (s: unknown) => void };
let judge: Judge | undefined;

beforeAll(async () => {
  if (existsSync(checker)) {
    judge = (await import(checker)) as Judge;
    judge.init(createRequire(join(root, "package.json"))("semver"));
  }
});

const cases: [string, string][] = [];
for (const suite of readdirSync(dir).sort()) {
  for (const f of readdirSync(join(dir, suite)).sort()) if (f.endsWith(".json")) cases.push([suite, f]);
}

describe("the resolver corpus", () => {
  it("has the copied cases with their sources", () => {
    expect(cases.length).toBeGreaterThanOrEqual(109);
  });

  for (const [suite, f] of cases) {
    it(`${suite}/${f}`, () => {
      const c = JSON.parse(readFileSync(join(dir, suite, f), "utf8"));
      expect(typeof c.source).toBe("string");
      const res = solve(c);
      const proposal = res.ok ? { solution: res.solution } : { error: true, message: res.error.message };
      if (!res.ok) expect(["E_NO_SOLUTION"], res.error.message).toContain(res.error.code);
      if (!judge) {
        expect(res.ok).toBe(!c.expect.error);
        return;
      }
      const verdict = judge.judge(c, proposal);
      expect(verdict.details, res.ok ? JSON.stringify(res.solution) : res.error.message).toEqual(verdict.pass ? verdict.details : ["(pass)"]);
      expect(verdict.pass).toBe(true);
      if (c.expect.error) {
        expect(verdict.mentions_missing ?? [], res.ok ? "" : res.error.message).toEqual([]);
      }
    });
  }
});

// The answers under other semantics (alt_expect: e.g. policy single vs cargo,
// strict npm prereleases, cycles allowed), judged by validity as the checker does.
describe("the corpus under alternative semantics", () => {
  for (const [suite, f] of cases) {
    const c = JSON.parse(readFileSync(join(dir, suite, f), "utf8"));
    (c.alt_expect ?? []).forEach((alt: { when: Record<string, string> }, i: number) => {
      it(`${suite}/${f} when ${JSON.stringify(alt.when)}`, () => {
        const opts = { ...(c.options ?? {}) };
        const flags: Record<string, string> = {};
        let scenario = c;
        for (const [k, v] of Object.entries(alt.when)) {
          if (k === "target") scenario = { ...scenario, target: v };
          else opts[k] = v;
          flags[k] = v;
        }
        const res = solve({ ...scenario, options: opts });
        const proposal = res.ok ? { solution: res.solution } : { error: true, message: res.error.message };
        if (!judge) return;
        const verdict = judge.judge(c, proposal, flags);
        expect(verdict.details, `alt ${i}: ${res.ok ? JSON.stringify(res.solution) : res.error.message}`).toEqual(verdict.pass ? verdict.details : ["(pass)"]);
        expect(verdict.pass).toBe(true);
      });
    });
  }
});
