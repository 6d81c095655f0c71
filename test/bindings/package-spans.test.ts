// The scanned registry index must find exactly the packages JSON.parse would
// see: same names (escapes and non-ASCII included), last duplicate wins.
import { describe, it, expect } from "vitest";
import fc from "fast-check";
import { scanScenario } from "../../bindings/scenario-scan.js";
import { parseScenario } from "../../bindings/scenario.js";
import { scenarioPackage } from "../../bindings/session.js";

/** A registry text with keys written raw, so duplicates and escapes stay as written. */
function registryText(entries: [string, string][]): string {
  const body = entries.map(([key, version]) => `${key}: {${JSON.stringify(version)}: {}}`).join(", ");
  return `{"root": {}, "registry": {${body}}}`;
}

function expectSameAsFullParse(text: string, probes: string[]): void {
  const lazy = scanScenario(text);
  const full = parseScenario(text);
  expect(lazy.packageCount).toBe(Object.keys(full.registry).length);
  for (const name of [...Object.keys(full.registry), ...probes]) expect(lazy.package(name), name).toEqual(scenarioPackage(full, name));
}

describe("the scanned registry index", () => {
  it("finds plain names, misses absent ones, and keeps the last of duplicates", () => {
    const text = registryText([['"a"', "1.0.0"], ['"b"', "1.0.0"], ['"a"', "2.0.0"], ['"ab"', "3.0.0"]]);
    expectSameAsFullParse(text, ["", "c", "A", "a ", "b\u00e9", 'a"', "a\\"]);
    expect(scanScenario(text).package("a")?.versions).toHaveProperty("2.0.0");
    expect(scanScenario(text).packageCount).toBe(3);
  });

  it("reads escaped and non-ASCII keys as JSON does, duplicates across spellings included", () => {
    const text = registryText([['"p1"', "1.0.0"], ['"p\\u0031"', "2.0.0"], ['"b\u00e9"', "1.0.0"], ['"q\\"x"', "1.0.0"], ['"plain"', "1.0.0"]]);
    expectSameAsFullParse(text, ["p\\u0031", "be", "q", 'q"x']);
    expect(scanScenario(text).package("p1")?.versions).toHaveProperty("2.0.0");
  });

  it("agrees with JSON.parse on random registries", () => {
    const alphabet = ["a", "b", "-", "_", ".", "1", "\\u0061", "\\\\", '\\"', "\u00e9", "\u{1f600}", "\\n"];
    const key = fc.array(fc.constantFrom(...alphabet), { minLength: 0, maxLength: 4 }).map((cs) => `"${cs.join("")}"`);
    fc.assert(
      fc.property(fc.array(fc.tuple(key, fc.constantFrom("1.0.0", "2.0.0")), { maxLength: 12 }), (entries) => {
        expectSameAsFullParse(registryText(entries), ["a", "zz"]);
      }),
      { numRuns: 300, seed: 7 },
    );
  });

  it("sends a key with a raw control character to the full parser's error", () => {
    let error: unknown;
    try {
      scanScenario('{"root": {}, "registry": {"a\tb": {}}}', "big.json");
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ code: "E_SCENARIO", location: { file: "big.json", line: 1 } });
    expect(String((error as Error).message)).toMatch(/control character/);
  });
});
