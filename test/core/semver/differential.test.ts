// Differential test: cairn's range matching against the `semver` package (the
// oracle) on generated (version, range) pairs, under all three policies.
import { describe, it, expect } from "vitest";
import fc from "fast-check";
import semver from "semver";
import { filterVersionIndices, parseRange, compareVersions, isValidVersion, satisfies } from "../../../bindings/semver.js";
import { CairnError } from "../../../bindings/errors.js";
import { rangeWithVersions, version } from "./arbitraries.js";
import { referenceSatisfies, knownDifference } from "./reference.js";

// × 50 versions each. About 4/5 of the generated ranges are valid, so npm (the
// acceptance bar) judges more than 100,000 valid pairs; the other policies half that.
const RUNS = { npm: 2600, include: 1100, fallback: 1100 } as const;

function cairnValid(r: string): boolean {
  try {
    parseRange(r);
    return true;
  } catch (e) {
    if (e instanceof CairnError) return false;
    throw e;
  }
}

describe("ranges agree with node-semver", () => {
  for (const policy of ["npm", "include", "fallback"] as const) {
    it(`satisfies on ${RUNS[policy] * 50} generated (version, range) pairs (${policy})`, () => {
      let pairs = 0;
      const wrong: string[] = [];
      fc.assert(
        fc.property(rangeWithVersions, ([r, versions]) => {
          const valid = semver.validRange(r) !== null;
          if (knownDifference(r)) return;
          if (cairnValid(r) !== valid) {
            wrong.push(`validity of ${JSON.stringify(r)}: node-semver ${valid}`);
            return;
          }
          if (!valid) return;
          const got = new Set(filterVersionIndices(versions, r, { prerelease: policy }));
          versions.forEach((v, i) => {
            if (got.has(i) !== referenceSatisfies(v, r, policy)) wrong.push(`${v} in ${JSON.stringify(r)}: node-semver ${!got.has(i)}`);
          });
          pairs += versions.length;
        }),
        { numRuns: RUNS[policy], seed: policy === "npm" ? 42 : policy === "include" ? 43 : 44 },
      );
      expect(wrong.slice(0, 20)).toEqual([]);
      expect(pairs).toBeGreaterThanOrEqual(policy === "npm" ? 100_000 : 40_000);
    });
  }

  it("compares versions like semver.compare", () => {
    fc.assert(
      fc.property(version, version, (a, b) => {
        expect(compareVersions(a, b)).toBe(semver.compare(a, b));
      }),
      { numRuns: 3000, seed: 7 },
    );
  });

  it("accepts exactly the versions semver.valid accepts (among generated near-misses)", () => {
    const mangled = fc.tuple(version, fc.integer({ min: 0, max: 20 }), fc.constantFrom("", ".", "-", "+", "0", "a", "..", "v", "=", " ", "01")).map(([v, at, ins]) => v.slice(0, at) + ins + v.slice(at));
    fc.assert(
      fc.property(mangled, (v) => {
        if (v.trim() !== v) return; // cairn does not trim (docs/SEMVER.md)
        expect(isValidVersion(v), JSON.stringify(v)).toBe(semver.valid(v) !== null);
      }),
      { numRuns: 3000, seed: 9 },
    );
  });
});

describe("ranges made of random range characters", () => {
  it("are valid or invalid exactly when node-semver says so, and then agree on satisfies", () => {
    const alphabet = fc.constantFrom("0", "1", "2", "10", ".", ".", "x", "*", "^", "~", ">", "<", "=", "-", " ", " ", "||", "|", "v", "a", "-beta", "+b");
    const noisy = fc.array(alphabet, { minLength: 1, maxLength: 14 }).map((a) => a.join(""));
    const probes = ["0.0.0", "1.0.0", "1.2.3", "2.0.0-beta", "10.1.0", "0.1.0-a", "2.10.10"];
    const wrong: string[] = [];
    let valid = 0;
    fc.assert(
      fc.property(noisy, (r) => {
        if (knownDifference(r)) return;
        const node = semver.validRange(r) !== null;
        if (cairnValid(r) !== node) {
          wrong.push(`validity of ${JSON.stringify(r)}: node-semver ${node}`);
          return;
        }
        if (!node) return;
        valid++;
        const got = new Set(filterVersionIndices(probes, r));
        probes.forEach((v, i) => {
          if (got.has(i) !== semver.satisfies(v, r)) wrong.push(`${v} in ${JSON.stringify(r)}: node-semver ${!got.has(i)}`);
        });
      }),
      { numRuns: 8_000, seed: 5 },
    );
    expect(wrong.slice(0, 20)).toEqual([]);
    expect(valid).toBeGreaterThan(400);
  });
});

describe("the batch filter's allocation-free scan", () => {
  it("answers exactly as the full parser does (satisfies), prefixes and build metadata included", () => {
    const spelled = fc.tuple(version, fc.constantFrom("", "", "v")).map(([v, p]) => p + v);
    fc.assert(
      fc.property(rangeWithVersions, fc.array(spelled, { minLength: 20, maxLength: 20 }), fc.constantFrom("npm", "include", "fallback"), ([r, near], extra, prerelease) => {
        if (semver.validRange(r) === null || knownDifference(r)) return;
        const versions = [...near.slice(0, 20), ...extra];
        const got = new Set(filterVersionIndices(versions, r, { prerelease }));
        versions.forEach((v, i) => expect(got.has(i), `${v} in ${r} (${prerelease})`).toBe(satisfies(v, r, { prerelease })));
      }),
      { numRuns: 300, seed: 21 },
    );
  });
});
