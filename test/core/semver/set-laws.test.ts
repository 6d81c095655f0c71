// Interval-algebra laws of version sets, checked on generated ranges under
// every policy. Sets are combined inside the core (evalSets), so the laws are
// checked on the sets themselves, not on printed text.
import { describe, it, expect } from "vitest";
import fc from "fast-check";
import semver from "semver";
import { evalSets, satisfies, type SetResult, type PrereleasePolicy } from "../../../bindings/semver.js";
import { range, version } from "./arbitraries.js";

const validRange = range.filter((r) => semver.validRange(r) !== null);
const POLICIES: PrereleasePolicy[] = ["npm", "include", "fallback"];
const RUNS = 150;

describe("version set algebra", () => {
  for (const prerelease of POLICIES) {
    const opts = { prerelease };

    it(`De Morgan, double complement, intersection and union bounds (${prerelease})`, () => {
      fc.assert(
        fc.property(validRange, validRange, (a, b) => {
          const out = evalSets(
            [
              ["push", a], ["push", b], ["or"], ["not"], ["push", a], ["not"], ["push", b], ["not"], ["and"], ["equal"],
              ["push", a], ["push", b], ["and"], ["not"], ["push", a], ["not"], ["push", b], ["not"], ["or"], ["equal"],
              ["push", a], ["not"], ["not"], ["push", a], ["equal"],
              ["push", a], ["push", b], ["and"], ["push", a], ["subset"],
              ["push", a], ["push", b], ["and"], ["push", b], ["subset"],
              ["push", a], ["push", a], ["push", b], ["or"], ["subset"],
              ["push", a], ["push", a], ["not"], ["and"], ["empty"],
              ["push", a], ["push", b], ["minus"], ["push", a], ["push", b], ["not"], ["and"], ["equal"],
            ],
            opts,
          );
          expect(out).toEqual([true, true, true, true, true, true, true, true]);
        }),
        { numRuns: RUNS, seed: 11 },
      );
    });

    it(`membership: sets agree with satisfies, and A∩B / A∪B / ¬A pointwise (${prerelease})`, () => {
      fc.assert(
        fc.property(validRange, validRange, fc.array(version, { minLength: 5, maxLength: 5 }), (a, b, vs) => {
          for (const v of vs) {
            const [inA, inB, inAnd, inOr, inNotA] = evalSets(
              [["push", a], ["contains", v], ["push", b], ["contains", v], ["and"], ["contains", v],
               ["push", a], ["push", b], ["or"], ["contains", v], ["push", a], ["not"], ["contains", v]],
              opts,
            ) as boolean[];
            const sa = satisfies(v, a, opts), sb = satisfies(v, b, opts);
            expect(inA, `${v} in ${a}`).toBe(sa);
            expect(inB, `${v} in ${b}`).toBe(sb);
            expect(inAnd).toBe(sa && sb);
            expect(inOr).toBe(sa || sb);
            expect(inNotA).toBe(!sa);
          }
        }),
        { numRuns: RUNS, seed: 12 },
      );
    });

    it(`the printer round-trips (${prerelease})`, () => {
      let exactCount = 0, total = 0;
      fc.assert(
        fc.property(validRange, validRange, (a, b) => {
          const programs: Array<Array<["push", string] | ["not"] | ["and"] | ["or"]>> = [[["push", a]], [["push", a], ["push", b], ["and"]], [["push", a], ["push", b], ["or"]], [["push", a], ["not"]]];
          for (const [k, p] of programs.entries()) {
            const [printed] = evalSets([...p, ["print"]], opts) as [SetResult];
            total++;
            // A range's own set and (under include) every set has an exact spelling.
            if (k === 0 || prerelease === "include") expect(printed.exact, `${JSON.stringify(printed.range)} for ${JSON.stringify(p)}`).toBe(true);
            if (!printed.exact) continue;
            exactCount++;
            const [same] = evalSets([...p, ["push", printed.range], ["equal"]], opts);
            expect(same, `${JSON.stringify(printed.range)} for ${JSON.stringify(p)}`).toBe(true);
          }
        }),
        { numRuns: RUNS, seed: 13 },
      );
      expect(exactCount).toBeGreaterThan(total / 2);
    });
  }
});
