// Scenario files: bad input is a coded error with a place, never a crash.
import { describe, it, expect } from "vitest";
import { parseScenario } from "../../bindings/scenario.js";
import { CairnError } from "../../bindings/errors.js";

function errorOf(text: string): CairnError {
  try {
    parseScenario(text, "s.json");
  } catch (e) {
    if (e instanceof CairnError) return e;
    throw e;
  }
  throw new Error("expected an error");
}

describe("parseScenario", () => {
  it("accepts a minimal scenario", () => {
    expect(parseScenario('{"registry":{},"root":{}}')).toEqual({ registry: {}, root: {} });
  });

  it("points at the line and column of a JSON syntax error", () => {
    const e = errorOf('{\n  "registry": {},\n  "root": {"a": "1.0.0",}\n}');
    expect(e.code).toBe("E_SCENARIO");
    expect(e.location.file).toBe("s.json");
    expect(e.location.line).toBe(3);
    expect(e.location.column).toBeGreaterThan(20);
    expect(e.message).toMatch(/not valid JSON/);
  });

  it("points at a bad escape inside a string (JSON.parse alone says only a position)", () => {
    const e = errorOf('{"registry": {},\n "root": {"a\\q": "1"}}');
    expect([e.location.line, e.location.column]).toEqual([2, 14]);
    expect(e.message).toBe('not valid JSON: an unknown escape in a string, found "q"');
    const u = errorOf('{"registry": {}, "root": {"\\u00g1": "1"}}');
    expect([u.location.line, u.location.column]).toEqual([1, 32]);
    expect(u.message).toBe('not valid JSON: expected four hex digits after \\u, found "g"');
  });

  it("reports wrong types with the field path", () => {
    expect(errorOf('{"registry":{"a":{"1.0.0":{"b":1}}},"root":{}}').location.path).toBe("registry.a.1.0.0.b");
    expect(errorOf('{"registry":[],"root":{}}').location.path).toBe("registry");
    expect(errorOf('{"registry":{},"root":"a"}').location.path).toBe("root");
    expect(errorOf('{"registry":{},"root":{},"yanked":{"a":"1.0.0"}}').location.path).toBe("yanked.a");
    expect(errorOf('"just a string"').code).toBe("E_SCENARIO");
  });

  it("requires registry and root, and checks option values", () => {
    expect(errorOf('{"root":{}}').location.path).toBe("registry");
    expect(errorOf('{"registry":{}}').location.path).toBe("root");
    const e = errorOf('{"registry":{},"root":{},"options":{"prerelease":"sometimes"}}');
    expect(e.location.path).toBe("options.prerelease");
    expect(e.message).toMatch(/"npm", "include", "fallback"/);
    expect(errorOf('{"registry":{},"root":{},"options":{"fast":true}}').location.path).toBe("options.fast");
    expect(errorOf('{"registry":{},"root":{},"options":{"max_steps":-1}}').location.path).toBe("options.max_steps");
  });
});

describe("scanScenario (large files)", () => {
  it("parses only the packages asked for, with the same metadata as the full parse", async () => {
    const { scanScenario } = await import("../../bindings/scenario-scan.js");
    const { scenarioPackage } = await import("../../bindings/session.js");
    const text = JSON.stringify({
      root: { a: "*" },
      registry: { a: { "1.0.0": { b: "^1" } }, "b\u00e9": { "1.0.0": {} }, b: { "1.0.0": {}, "2.0.0": { a: "*" } } },
      yanked: { b: ["2.0.0"] },
      features: { b: { "1.0.0": { f: { a: "*" } } } },
    });
    const lazy = scanScenario(text);
    const full = parseScenario(text);
    expect(lazy.request.root).toEqual({ a: "*" });
    expect(lazy.packageCount).toBe(3);
    for (const n of ["a", "b", "b\u00e9", "nope"]) expect(lazy.package(n)).toEqual(scenarioPackage(full, n));
  });

  it("falls back to the precise error for malformed text", async () => {
    const { scanScenario } = await import("../../bindings/scenario-scan.js");
    const err = (t: string) => {
      try {
        scanScenario(t, "big.json");
      } catch (e) {
        return e as CairnError;
      }
      throw new Error("expected an error");
    };
    expect(err('{"registry": {"a": {"1.0.0": {]}}, "root": {}}').location.line).toBe(1);
    expect(err('{"registry": [], "root": {}}').location.path).toBe("registry");
    expect(err('{"root": {}}').location.path).toBe("registry");
    const lazy = scanScenario('{"registry": {"a": {"1.0.0": {"b": 7}}}, "root": {"a": "*"}}', "big.json");
    expect(() => lazy.package("a")).toThrow(/registry\.a\.1\.0\.0\.b/);
  });
});
