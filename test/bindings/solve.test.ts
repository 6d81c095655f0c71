// solve(): options and bad input through the public API (the corpus suite
// covers the scenario semantics; this covers what it does not).
import { describe, it, expect } from "vitest";
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { solve } from "../../bindings/solve.js";
import { pigeonhole } from "../fixtures/pigeonhole.js";

const root = resolve(__dirname, "../..");
const fixture = (name: string) => JSON.parse(readFileSync(join(root, "test/fixtures/scenarios", `${name}.json`), "utf8"));

describe("solve", () => {
  it("solves JSON text, bytes and objects alike", () => {
    const s = fixture("dart-pub/diamond-dependency-graph");
    const text = JSON.stringify(s);
    const a = solve(s), b = solve(text), c = solve(new TextEncoder().encode(text));
    expect(a.ok && a.solution).toEqual(s.expect.solution);
    expect(b).toEqual(a);
    expect(c).toEqual(a);
  });

  it("resolves a name written with a lone surrogate escape, small and large files alike", () => {
    // The name reaches the core as UTF-8 (U+FFFD for the surrogate) and comes back in that form.
    const small = String.raw`{"registry": {"a\ud800": {"1.0.0": {"b\udc01x": "*"}}, "b\udc01x": {"1.0.0": {}}}, "root": {"a\ud800": "*"}, "yanked": {"b\udc01x": ["2.0.0"]}}`;
    expect(solve(small)).toMatchObject({ ok: true, solution: { "a\ufffd": "1.0.0", "b\ufffdx": "1.0.0" } });
    const registry: Record<string, unknown> = {};
    for (let i = 0; i < 40000; i++) registry[`pkg${i}`] = { "1.0.0": {}, "2.0.0": {} };
    const large = JSON.stringify({ registry, root: { pkg1: "*" } })
      .replace('"pkg0":', String.raw`"b\ud800": {"1.0.0": {"c\udfff": "*"}}, "c\udfff": {"1.0.0": {}}, "pkg0":`)
      .replace('"root":{"pkg1":"*"}', String.raw`"root":{"pkg1":"*","b\ud800":"*"}`);
    expect(large.length).toBeGreaterThan(1 << 20);
    expect(solve(large)).toMatchObject({ ok: true, solution: { pkg1: "2.0.0", "b\ufffd": "1.0.0", "c\ufffd": "1.0.0" } });
  });

  it("rejects a malformed range with its field path", () => {
    const r = solve({ registry: { a: { "1.0.0": { b: ">=1.0.0 <<2" } }, b: { "1.0.0": {} } }, root: { a: "*" } });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe("E_INVALID_VERSION_REQ");
    expect(r.error.location?.path).toBe("registry.a.1.0.0.b");
    expect(r.error.message).toContain(">=1.0.0 <<2");
  });

  it("rejects a malformed root range and an invalid registry version", () => {
    const r1 = solve({ registry: { a: { "1.0.0": {} } }, root: { a: "^^1" } });
    expect(!r1.ok && r1.error.code).toBe("E_INVALID_VERSION_REQ");
    expect(!r1.ok && r1.error.location?.path).toBe("root.a");
    const r2 = solve({ registry: { a: { "1.0": {} } }, root: { a: "*" } });
    expect(!r2.ok && r2.error.code).toBe("E_INVALID_VERSION");
    expect(!r2.ok && r2.error.location?.path).toBe("registry.a.1.0");
    const r3 = solve({ registry: {}, root: {}, root_version: "banana" });
    expect(!r3.ok && r3.error.code).toBe("E_INVALID_VERSION");
  });

  it("gives coded errors for non-JSON and wrong types, never an exception", () => {
    for (const bad of ["not json", "[1,2]", '{"registry":{"a":{"1.0.0":[]}},"root":{}}', '{"registry":{},"root":{"a":5}}']) {
      const r = solve(bad);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.code).toBe("E_SCENARIO");
    }
  });

  it("treats a root dependency on an unknown package as no solution naming it", () => {
    const r = solve({ registry: { other: { "1.0.0": {} } }, root: { missing: "^1.0.0" } });
    expect(!r.ok && r.error.code).toBe("E_NO_SOLUTION");
    expect(!r.ok && r.error.packages).toEqual(["missing"]);
  });

  it("accepts only exact versions under exact_only (ori)", () => {
    const reg = { a: { "1.0.0": {}, "1.2.0": {} } };
    const ok = solve({ registry: reg, root: { a: "1.0.0" }, options: { exact_only: true } });
    expect(ok.ok && ok.solution).toEqual({ a: "1.0.0" });
    const bad = solve({ registry: reg, root: { a: "^1.0.0" }, options: { exact_only: true } });
    expect(!bad.ok && bad.error.code).toBe("E_VERSION_NOT_EXACT");
  });

  it("stops a pathological input at the step budget with a clear error", () => {
    const s = pigeonhole(9);
    const r = solve(s, { maxSteps: 3000 });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe("E_STEP_LIMIT");
    expect(r.error.message).toMatch(/budget of 3000 steps/);
    expect(r.error.hint).toMatch(/max-steps/);
    // options.max_steps in the file does the same.
    const r2 = solve({ ...s, options: { max_steps: 2000 } });
    expect(!r2.ok && r2.error.code).toBe("E_STEP_LIMIT");
  });

  it("keeps one version per compatible line under the cargo policy", () => {
    const r = solve({
      registry: { a: { "1.0.0": { c: "^1.0.0" } }, b: { "1.0.0": { c: "^2.0.0" } }, c: { "1.0.0": {}, "1.5.0": {}, "2.0.0": {} } },
      root: { a: "*", b: "*" },
      options: { policy: "cargo" },
    });
    expect(r.ok && r.solution).toEqual({ a: "1.0.0", b: "1.0.0", c: ["1.5.0", "2.0.0"] });
    const single = solve({ registry: { a: { "1.0.0": { c: "^1.0.0" } }, b: { "1.0.0": { c: "^2.0.0" } }, c: { "1.0.0": {}, "2.0.0": {} } }, root: { a: "*", b: "*" } });
    expect(single.ok).toBe(false);
  });

  it("lets a range span several lines under cargo (one line is chosen)", () => {
    const r = solve({ registry: { c: { "1.0.0": {}, "2.0.0": {} }, a: { "1.0.0": { c: ">=1.0.0 <3.0.0" } } }, root: { a: "*", c: "^1.0.0" }, options: { policy: "cargo" } });
    expect(r.ok).toBe(true);
  });

  it("prefers locked versions and changes as little as possible", () => {
    const reg = { a: { "1.0.0": {}, "1.1.0": {}, "2.0.0": {} }, b: { "1.0.0": {}, "1.1.0": {} } };
    const r = solve({ registry: reg, root: { a: "^1.0.0", b: "*" }, locked: { a: "1.0.0", b: "1.0.0" } });
    expect(r.ok && r.solution).toEqual({ a: "1.0.0", b: "1.0.0" });
    const moved = solve({ registry: reg, root: { a: "^1.1.0", b: "*" }, locked: { a: "1.0.0", b: "1.0.0" } });
    expect(moved.ok && moved.solution).toEqual({ a: "1.1.0", b: "1.0.0" });
  });

  it("forbids cycles only when asked", () => {
    const s = { registry: { a: { "1.0.0": { b: "*" } }, b: { "1.0.0": { a: "*" }, "0.9.0": {} } }, root: { a: "*" } };
    expect(solve(s).ok && (solve(s) as { solution: unknown }).solution).toEqual({ a: "1.0.0", b: "1.0.0" });
    const r = solve({ ...s, options: { cycles: "forbid" } });
    expect(r.ok && r.solution).toEqual({ a: "1.0.0", b: "0.9.0" });
  });

  it("reports progress events from the core", () => {
    const events: string[] = [];
    const r = solve(fixture("dart-pub/diamond-dependency-graph"), { onEvent: (e) => events.push(e.type) });
    expect(r.ok).toBe(true);
    expect(events).toContain("decision");
    expect(events).toContain("fetch");
  });
});

describe("solve, edge cases", () => {
  it("keeps a real package named root apart from the root", () => {
    const r = solve({ registry: { root: { "1.0.0": {} } }, root: { root: "^1.0.0" } });
    expect(r.ok && r.solution).toEqual({ root: "1.0.0" });
  });

  it("explains a cargo-policy failure per compatibility line", () => {
    const r = solve({ registry: { a: { "1.0.0": { c: "~1.0.0" } }, c: { "1.0.0": {}, "1.5.0": {}, "2.0.0": {} } }, root: { a: "*", c: ">=1.5.0 <2.0.0" }, options: { policy: "cargo" } });
    expect(!r.ok && r.error.code).toBe("E_NO_SOLUTION");
    expect(!r.ok && r.error.message).toMatch(/\bc\b/);
    expect(!r.ok && r.error.message).not.toMatch(/every version of c\b/);
  });
});

describe("solve, odd names and cycles", () => {
  it("resolves a package with an empty name like any other", () => {
    const r = solve({ registry: { "": { "1.0.0": {} } }, root: { "": "*" } });
    expect(r.ok && r.solution).toEqual({ "": "1.0.0" });
  });

  it("resolves packages named like Object's own properties, in small and scanned scenarios", () => {
    // "constructor", "toString", "hasOwnProperty" are data here: a lookup
    // that reached Object.prototype crashed with a TypeError once `yanked`
    // or `root_features` was present.
    const s = {
      registry: {
        constructor: { "1.0.0": { toString: "^1" } },
        toString: { "1.0.0": {}, "1.1.0": {} },
        hasOwnProperty: { "2.0.0": {} },
        ["__proto__"]: { "3.0.0": {} },
      },
      root: { constructor: "*", hasOwnProperty: "*", ["__proto__"]: "*" },
      yanked: { toString: ["1.1.0"] },
      root_features: { other: [] },
      dep_features: { other: { "1.0.0": {} } },
      features: { other: { "1.0.0": {} } },
      target_deps: { other: { "1.0.0": {} } },
      options: { prerelease: "npm" as const },
    };
    const want: Record<string, string> = { constructor: "1.0.0", toString: "1.0.0", hasOwnProperty: "2.0.0" };
    Object.defineProperty(want, "__proto__", { value: "3.0.0", enumerable: true });
    const small = solve(s);
    expect(small.ok && small.solution).toEqual(want);
    // Past 1 MB the scenario is scanned, not parsed: the same answer.
    const padding: Record<string, Record<string, Record<string, string>>> = {};
    for (let i = 0; i < 15000; i++) padding[`pad${i}`] = { "1.0.0": { [`pad${i + 1}`]: "^1.0.0 || ^2.0.0 || ^3.0.0" }, "2.0.0": {} };
    const text = JSON.stringify({ ...s, registry: { ...s.registry, ...padding } });
    expect(text.length).toBeGreaterThan(1 << 20);
    const big = solve(text);
    expect(big.ok && big.solution).toEqual(want);
    const badOption = solve({ ...s, options: { constructor: "x" } as never });
    expect(!badOption.ok && badOption.error.code).toBe("E_SCENARIO");
  });

  it("treats a self-dependency as a cycle when cycles are forbidden", () => {
    const s = { registry: { a: { "1.0.0": { a: "1.0.0" } } }, root: { a: "*" } };
    expect(solve(s).ok).toBe(true);
    const r = solve({ ...s, options: { cycles: "forbid" } });
    expect(!r.ok && r.error.message).toMatch(/a 1\.0\.0 depends on itself/);
  });
});
