// Every case of the conformance corpus (copied into test/fixtures/profiles with
// its provenance) must pass by the corpus's comparison rules.
import { describe, expect, it } from "vitest";
import { compareCase } from "./compare.js";
import { corpusCases, runCase } from "./corpus-cases.js";

describe("profile corpus", () => {
  const cases = corpusCases();
  it("has every case of the corpus, each with its provenance", () => {
    expect(cases.length).toBeGreaterThanOrEqual(22);
    for (const c of cases) expect((c.expected.provenance as { source?: string }).source, c.name).toBeTruthy();
  });
  for (const c of cases) {
    it(`${c.system}/${c.name}`, () => {
      const actual = runCase(c.dir, c.expected);
      expect(compareCase(c.expected, actual, { strictWarnings: c.expected.warnings !== undefined })).toEqual([]);
    });
  }
});
