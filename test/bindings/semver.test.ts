// The typed semver API over the core: values out, CairnError (code + column) on bad input.
import { describe, it, expect } from "vitest";
import {
  parseVersion, isValidVersion, compareVersions, parseRange, satisfies, intersectRanges, unionRanges,
  complementRange, simplifyRange, isSubset, rangesDisjoint, rangesEqual, filterVersions, filterVersionIndices,
  prepareVersions, evalSets, VersionIndex,
} from "../../bindings/semver.js";
import { Core } from "../../bindings/core.js";
import { CORE_WASM } from "../../bindings/wasm/core-bytes.js";
import * as publicApi from "../../bindings/index.js";
import { CairnError } from "../../bindings/errors.js";

function failure(f: () => unknown): CairnError {
  try {
    f();
  } catch (e) {
    if (e instanceof CairnError) return e;
    throw e;
  }
  throw new Error("expected a CairnError");
}

describe("bindings/semver", () => {
  it("is part of the public API", () => {
    for (const name of ["parseVersion", "compareVersions", "parseRange", "satisfies", "intersectRanges", "unionRanges", "complementRange", "isSubset", "filterVersions", "evalSets"]) {
      expect(typeof (publicApi as Record<string, unknown>)[name], name).toBe("function");
    }
  });

  it("parses a version into its parts and canonical text", () => {
    expect(parseVersion("v1.22.333-beta.1+exp.sha")).toEqual({ version: "1.22.333-beta.1+exp.sha", major: 1, minor: 22, patch: 333, prerelease: ["beta", "1"], build: ["exp", "sha"] });
    expect(parseVersion("9007199254740991.0.0").major).toBe(Number.MAX_SAFE_INTEGER);
    expect(isValidVersion("1.2")).toBe(false);
  });

  it("orders versions by SemVer precedence", () => {
    const sorted = ["1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2", "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0", "1.0.1", "1.10.0", "2.0.0"];
    for (let i = 0; i + 1 < sorted.length; i++) {
      expect(compareVersions(sorted[i], sorted[i + 1])).toBe(-1);
      expect(compareVersions(sorted[i + 1], sorted[i])).toBe(1);
    }
    expect(compareVersions("1.0.0+a", "1.0.0+b")).toBe(0);
    const e = failure(() => compareVersions("1.0.0", "1.0"));
    expect(e.code).toBe("E_INVALID_VERSION");
    expect(e.location.path).toBe("b");
  });

  it("parses a range into node-semver's desugared form and the simplest equivalent", () => {
    expect(parseRange("~1.2")).toEqual({ normalized: ">=1.2.0 <1.3.0-0", simplest: "1.2.x", exact: true });
    expect(parseRange(">=1.2.3 <2.0.0-0").simplest).toBe("^1.2.3");
    expect(parseRange("^0.2.3 || 0.2.7").simplest).toBe("^0.2.3");
    expect(parseRange("1.x || >=2.0.0 <3.0.0").simplest).toBe(">=1.0.0 <3.0.0");
    expect(parseRange("1.x", { prerelease: "include" }).normalized).toBe(">=1.0.0-0 <2.0.0-0");
    expect(parseRange("1.2.3", { exactOnly: true }).normalized).toBe("1.2.3");
    expect(parseRange("~1.2", { simplify: false })).toEqual({ normalized: ">=1.2.0 <1.3.0-0", simplest: ">=1.2.0 <1.3.0-0", exact: false });
  });

  it("matches prereleases according to the policy", () => {
    expect(satisfies("1.2.4-alpha", "^1.2.3")).toBe(false);
    expect(satisfies("1.2.4-alpha", "^1.2.3", { prerelease: "include" })).toBe(true);
    expect(satisfies("1.2.3-beta.2", "^1.2.3-beta.1")).toBe(true);
    expect(satisfies("2.0.0-dev", "<2.0.0", { prerelease: "include" })).toBe(true);
    expect(satisfies("2.0.0-dev", "<2.0.0", { prerelease: "fallback" })).toBe(false);
    expect(satisfies("1.9.0-dev", "<2.0.0", { prerelease: "fallback" })).toBe(true);
    expect(failure(() => satisfies("1.0.0", "*", { prerelease: "nightly" as never })).code).toBe("E_BAD_OPTION");
  });

  it("combines ranges as sets and prints the result", () => {
    expect(intersectRanges("^1.2.3", ">=1.5.0 <3")).toEqual({ range: "^1.5.0", exact: true });
    expect(intersectRanges("^1.0.0", "^2.0.0")).toEqual({ range: "<0.0.0-0", exact: true });
    expect(unionRanges("~1.2.0", "~1.3.0")).toEqual({ range: ">=1.2.0 <1.4.0", exact: true });
    expect(complementRange(">=1.0.0", { prerelease: "include" })).toEqual({ range: "<1.0.0", exact: true });
    // Under npm the complement of ^1.0.0 holds every prerelease outside 1.x: no range says that.
    expect(complementRange("^1.0.0").exact).toBe(false);
    expect(simplifyRange("1.0.0 - 1.0.0 || 1.0.0").range).toBe("1.0.0");
    expect(isSubset("^1.5.0", "^1.2.0")).toBe(true);
    expect(isSubset("^1.2.0", "^1.5.0")).toBe(false);
    expect(rangesDisjoint("^1", "^2")).toBe(true);
    expect(rangesEqual("1.x", ">=1.0.0 <2.0.0-0")).toBe(true);
    const e = failure(() => isSubset("^1", "^^2"));
    expect(e.code).toBe("E_INVALID_VERSION_REQ");
    expect(e.location).toEqual({ column: 2, path: "b" });
  });

  it("evaluates set programs in one call", () => {
    const out = evalSets([["push", "^1"], ["push", "^2"], ["or"], ["dup"], ["contains", "1.5.0"], ["not"], ["contains", "3.0.0"], ["print"]]);
    expect(out.slice(0, 2)).toEqual([true, true]);
    // ¬(^1 ∪ ^2) under npm holds every prerelease outside 1.x and 2.x: only an approximation prints.
    const printed = out[2] as { range: string; exact: boolean };
    expect(printed.exact).toBe(false);
    expect(printed.range).toMatch(/<1\.0\.0 \|\| >=3\.0\.0$/);
    expect(evalSets([["push", "^1"], ["push", "^2"], ["or"], ["not"], ["print"]], { prerelease: "include" })).toEqual([{ range: "0.x || >=3.0.0-0", exact: true }]);
  });

  it("filters a version list in one call, from strings or a prepared list", () => {
    const versions = ["0.9.0", "1.0.0-rc.1", "1.0.0", "1.2.3", "1.2.4-beta", "1.9.9", "2.0.0-alpha", "2.0.0", "ünï"];
    const ok = versions.slice(0, 8);
    expect(filterVersions(ok, "^1.0.0")).toEqual(["1.0.0", "1.2.3", "1.9.9"]);
    expect(filterVersions(ok, "^1.0.0", { prerelease: "include" })).toEqual(["1.0.0", "1.2.3", "1.2.4-beta", "1.9.9"]);
    expect(filterVersions(ok, ">=1.0.0-rc.1 <2.0.0")).toEqual(["1.0.0-rc.1", "1.0.0", "1.2.3", "1.9.9"]);
    const prepared = prepareVersions(ok);
    for (const r of ["*", "1.x || >=2", "<1.2.4", "~1.2.3"]) expect(Array.from(filterVersionIndices(prepared, r))).toEqual(Array.from(filterVersionIndices(ok, r)));
    expect(Array.from(filterVersionIndices([], "*"))).toEqual([]);
    const e = failure(() => filterVersions(versions, "*"));
    expect(e.code).toBe("E_INVALID_VERSION");
    expect(e.location.path).toBe("versions[8]");
  });

  it("keeps a parsed list in the core and survives a core restart", () => {
    const c = Core.fromBytesSync(CORE_WASM);
    const versions = ["1.0.0", "1.1.0-beta", "1.1.0", "2.0.0", "v2.1.0"];
    const index = new VersionIndex(versions, { core: c });
    expect(Array.from(index.filter("^1.0.0", { core: c }))).toEqual([0, 2]);
    expect(Array.from(index.filter(">=1.1.0-beta <2", { core: c }))).toEqual([1, 2]);
    expect(Array.from(index.filter("^1", { prerelease: "include" }))).toEqual([0, 1, 2]);
    // A trap replaces the instance (and its kept lists); the index rebuilds itself.
    expect(() => c.guard(() => (c.exports.debug_trap as () => void)())).toThrow();
    expect(Array.from(index.filter(">=2"))).toEqual([3, 4]);
    index.free();
    expect(failure(() => index.filter("*")).code).toBe("E_BAD_HANDLE");
    expect(failure(() => new VersionIndex(["1.0.0", "1.0"], { core: c })).location.path).toBe("versions[1]");
  });
});

