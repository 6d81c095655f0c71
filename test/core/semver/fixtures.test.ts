// node-semver's own fixture rows (test/fixtures/semver/README.md), judged by
// the installed `semver` package: cairn must agree with it on every row it can
// take (strict grammar; loose-mode rows are skipped, docs/SEMVER.md).
import { describe, it, expect } from "vitest";
import { readFileSync } from "node:fs";
import semver from "semver";
import { satisfies, compareVersions, isValidVersion, parseRange, rangesEqual, type PrereleasePolicy } from "../../../bindings/semver.js";
import { CairnError } from "../../../bindings/errors.js";

type Opts = { loose?: unknown; includePrerelease?: boolean } | undefined;
const load = (name: string): unknown[][] => JSON.parse(readFileSync(new URL(`../../fixtures/semver/${name}.json`, import.meta.url), "utf8"));
const isLoose = (o: unknown) => typeof o === "object" && o !== null && "loose" in o && Boolean((o as { loose: unknown }).loose);
const policyOf = (o: Opts): PrereleasePolicy => (o?.includePrerelease ? "include" : "npm");

function ok<T>(f: () => T): T | undefined {
  try {
    return f();
  } catch (e) {
    if (e instanceof CairnError) return undefined;
    throw e;
  }
}

describe("node-semver fixtures", () => {
  for (const name of ["range-include", "range-exclude"]) {
    it(`${name}: satisfies agrees with semver.satisfies`, () => {
      const rows = load(name).filter((r) => typeof r[1] === "string" && !isLoose(r[2]));
      expect(rows.length).toBeGreaterThan(80);
      const wrong: string[] = [];
      for (const [range, version, o] of rows as [string, string, Opts][]) {
        const want = semver.satisfies(version, range, { includePrerelease: !!o?.includePrerelease });
        const got = ok(() => satisfies(version, range, { prerelease: policyOf(o) })) ?? false;
        if (got !== want) wrong.push(`${version} in ${JSON.stringify(range)} (${policyOf(o)}): node-semver ${want}`);
      }
      expect(wrong).toEqual([]);
    });
  }

  it("comparisons: the first version has higher precedence, and cairn agrees with semver.compare", () => {
    const rows = (load("comparisons") as [string, string][]).filter(([a, b]) => semver.valid(a) && semver.valid(b));
    expect(rows.length).toBeGreaterThan(30);
    for (const [a, b] of rows) {
      expect(compareVersions(a, b), `${a} vs ${b}`).toBe(semver.compare(a, b));
      expect(compareVersions(b, a), `${b} vs ${a}`).toBe(semver.compare(b, a));
    }
  });

  it("equality: equal precedence where node-semver's strict parser takes both", () => {
    const rows = load("equality") as [string, string][];
    let judged = 0;
    for (const [a, b] of rows) {
      const strict = semver.valid(a) !== null && semver.valid(b) !== null && a.trim() === a && b.trim() === b;
      if (!strict) continue;
      judged++;
      expect(compareVersions(a, b), `${a} == ${b}`).toBe(semver.compare(a, b));
    }
    expect(judged).toBeGreaterThan(5);
  });

  it("invalid versions are rejected by both", () => {
    const rows = (load("invalid-versions") as [unknown, string][]).filter(([v]) => typeof v === "string");
    for (const [raw] of rows) {
      const v = raw === "LONG" ? `1.2.${"1".repeat(253)}` : (raw as string);
      expect(isValidVersion(v), JSON.stringify(v)).toBe(semver.valid(v) !== null);
      expect(isValidVersion(v)).toBe(false);
    }
  });

  it("range-parse: same validity, and cairn's set equals the set of node-semver's desugared form", () => {
    const rows = (load("range-parse") as [string, string | null, Opts][]).filter((r) => !isLoose(r[2]));
    expect(rows.length).toBeGreaterThan(60);
    const wrong: string[] = [];
    for (const [range, , o] of rows) {
      const includePrerelease = !!o?.includePrerelease;
      const node = semver.validRange(range, { includePrerelease });
      const mine = ok(() => parseRange(range, { prerelease: policyOf(o) }));
      if ((node === null) !== (mine === undefined)) {
        wrong.push(`validity of ${JSON.stringify(range)}: node-semver ${node !== null}`);
        continue;
      }
      if (node === null) continue;
      // node-semver's desugared text read back under the same policy must name the same versions.
      if (!rangesEqual(range, node === "" ? "*" : node, { prerelease: policyOf(o) })) wrong.push(`${JSON.stringify(range)} vs node-semver's ${JSON.stringify(node)}`);
    }
    expect(wrong).toEqual([]);
  });
});
