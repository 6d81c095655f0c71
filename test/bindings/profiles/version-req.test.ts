import { describe, expect, it } from "vitest";
import semver from "semver";
import { classifyReq, isSemver, isValidRange, looksLikeRange } from "../../../bindings/profiles/version-req.js";

describe("version requirements", () => {
  it("agrees with node-semver's validRange on random requirement-shaped strings (the fast path is exact)", () => {
    const parts = ["^", "~", "~>", ">=", "<=", ">", "<", "=", " ", "v", "0", "1", "01", "2", "10", ".", "x", "X", "*", "-", "alpha", "+", "b", "||", "-0", "1.2.3", "0.0"];
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const mismatches: string[] = [];
    for (let i = 0; i < 20_000; i++) {
      let s = "";
      for (let k = 1 + Math.floor(rnd() * 8); k > 0; k--) s += parts[Math.floor(rnd() * parts.length)];
      const theirs = s.trim() !== "" && semver.validRange(s) !== null;
      if (isValidRange(s) !== theirs) mismatches.push(s);
    }
    expect(mismatches).toEqual([]);
  });

  it("classifies as written", () => {
    expect(["^1", "~1.2", "~>1.2", ">=1", ">1", "<=1", "<1", "=1.0.0", "1.2.x", "1.*", "*", "latest", "1.2.3", ">=1 <2", "1 - 2", "^1 || ^2", ">= 1.0.0"].map(classifyReq)).toEqual([
      "caret", "tilde", "tilde", "gte", "gt", "lte", "lt", "exact", "wildcard", "wildcard", "any", "any", "bare", "range", "range", "range", "gte",
    ]);
    expect(classifyReq(null)).toBe("none");
  });

  it("knows strict SemVer and what reads as a range", () => {
    expect(["1.2.3", "1.2.3-rc.1+b.5", "0.0.0"].every(isSemver)).toBe(true);
    expect(["v1.2.3", "1.2", "01.2.3", "1.2.3-01", " 1.2.3"].some(isSemver)).toBe(false);
    expect(["^1.0.0", "1.2", "1.x", ">=1, <2", "*"].every(looksLikeRange)).toBe(true);
    expect(looksLikeRange("banana")).toBe(false);
  });
});
