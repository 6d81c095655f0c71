// Hostile and malformed input: every failure is an error with a stable code
// and a column, never a trap, and the cost stays linear in the input.
import { describe, it, expect } from "vitest";
import { parseRange, parseVersion, satisfies, filterVersionIndices, evalSets } from "../../../bindings/semver.js";
import { CairnError } from "../../../bindings/errors.js";
import semver from "semver";
import { core } from "../../../bindings/core.js";

function failure(f: () => unknown): CairnError {
  try {
    f();
  } catch (e) {
    if (e instanceof CairnError) return e;
    throw e;
  }
  throw new Error("expected a CairnError");
}

describe("bad ranges and versions", () => {
  it("reports garbage with E_INVALID_VERSION_REQ and the column of the offending character", () => {
    const cases: Array<[string, number]> = [
      ["blerg", 1],
      [">=1.2.3 <", 9],
      ["^1.2.3 | 2", 8],
      ["1.2.3 - ", 7],
      ["1.x.2", 1],
      [">=1.2.3 !2", 9],
      ["1.2.3-01", 7],
      ["~>", 1],
      ["1.2.3 || >=01", 12],
    ];
    for (const [input, column] of cases) {
      const e = failure(() => parseRange(input));
      expect(e.code, input).toBe("E_INVALID_VERSION_REQ");
      expect(e.location.column, input).toBe(column);
      expect(e.message).toContain(JSON.stringify(input));
      expect(e.hint).toBeTruthy();
    }
  });

  it("reports a bad version with E_INVALID_VERSION and its column", () => {
    const cases: Array<[string, number]> = [["1.2", 4], ["1.2.3.4", 6], ["01.2.3", 1], ["1.2.3-", 7], ["1.2.3+a..b", 9], ["9007199254740992.0.0", 1]];
    for (const [input, column] of cases) {
      const e = failure(() => parseVersion(input));
      expect(e.code, input).toBe("E_INVALID_VERSION");
      expect(e.location.column, input).toBe(column);
    }
  });

  it("rejects ranges in exact-only mode with E_VERSION_NOT_EXACT", () => {
    for (const [input, column] of [["^1.2.3", 1], ["1.2", 4], [">=1.0.0", 1], ["1.2.3 || 2.0.0", 6], ["v1.2.3", 1]] as const) {
      const e = failure(() => parseRange(input, { exactOnly: true }));
      expect(e.code, input).toBe("E_VERSION_NOT_EXACT");
      expect(e.location.column, input).toBe(column);
    }
    expect(parseRange("1.2.3-beta.1", { exactOnly: true }).normalized).toBe("1.2.3-beta.1");
  });

  it("caps over-long input: 500,000 spaces fail fast with E_INPUT_TOO_LARGE", () => {
    const spaces = " ".repeat(500_000);
    const t0 = performance.now();
    const e = failure(() => parseRange(spaces));
    const ms = performance.now() - t0;
    expect(e.code).toBe("E_INPUT_TOO_LARGE");
    expect(e.location.column).toBe(4097);
    expect(ms).toBeLessThan(500);
    expect(failure(() => parseVersion("1.2." + "3".repeat(300))).code).toBe("E_INPUT_TOO_LARGE");
    expect(failure(() => satisfies("1.0.0", spaces)).location.path).toBe("range");
  });

  it("refuses a version inside a range that node-semver would find too long (256 characters)", () => {
    const long = "1.2.3-" + "a".repeat(251);
    expect(semver.validRange(`>=${long}`)).toBeNull();
    const e = failure(() => parseRange(`>=${long}`));
    expect(e.code).toBe("E_INVALID_VERSION_REQ");
    expect(e.location.column).toBe(259);
    const fits = "1.2.3-" + "a".repeat(250);
    expect(semver.validRange(`>=${fits}`)).not.toBeNull();
    expect(parseRange(`>=${fits}`, { simplify: false }).normalized).toBe(`>=${fits}`);
  });

  it("caps the number of || alternatives and comparators, whatever their shape", () => {
    expect(failure(() => parseRange(Array(300).fill("1").join("||"))).code).toBe("E_INPUT_TOO_LARGE");
    expect(failure(() => parseRange("||".repeat(2000))).code).toBe("E_INPUT_TOO_LARGE");
    expect(failure(() => parseRange(Array(300).fill(">=1").join(" "))).code).toBe("E_INPUT_TOO_LARGE");
    // Under the caps, nothing is refused for its shape.
    expect(parseRange(Array(200).fill("1").join("||")).simplest).toBe("1.x");
  });

  it("parses inputs near the length cap in linear time", () => {
    const time = (s: string) => {
      const t0 = performance.now();
      for (let i = 0; i < 20; i++) failure(() => parseRange(s));
      return performance.now() - t0;
    };
    // Worst shapes for a backtracking parser: long runs that almost match.
    const shapes = ["1." + "1".repeat(4000) + "x", "1.2.3-" + "a.".repeat(2000) + "!", "v".repeat(4000) + "!", ">=1 ".repeat(250).slice(0, 1000) + "!", "- ".repeat(2000) + "!"];
    for (const s of shapes) expect(time(s), s.slice(0, 20)).toBeLessThan(1000);
  });

  it("reports an invalid version in a batch with its position", () => {
    const e = failure(() => filterVersionIndices(["1.0.0", "1.1.0", "nope", "2.0.0"], "^1"));
    expect(e.code).toBe("E_INVALID_VERSION");
    expect(e.location.path).toBe("versions[2]");
    expect(e.location.column).toBe(1);
  });

  it("rejects an unknown policy and malformed wire input without trapping", () => {
    expect(failure(() => satisfies("1.0.0", "*", { prerelease: "sometimes" as never })).code).toBe("E_BAD_OPTION");
    const c = core();
    const before = c.restarts;
    for (const name of ["semver_compare", "semver_satisfies", "semver_filter", "semver_set_op", "semver_set_eval"]) {
      for (const junk of [new Uint8Array(0), new Uint8Array(40).fill(255), new Uint8Array([0x43, 0x41, 0x52, 0x4e, 1, 0, 2, 0, 0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0])]) {
        const r = c.callWithInput(name, junk, 0, 0);
        expect(r.status, name).toBe(1);
      }
    }
    expect(c.restarts).toBe(before);
    expect(failure(() => evalSets([["and"]])).code).toBe("E_WIRE_FORMAT");
  });
});
