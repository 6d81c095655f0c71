import { describe, it, expect } from "vitest";
import { readFileSync } from "node:fs";
import * as coreCodes from "../../core/abi/codes.js";
import { CATALOGUE, CORE_CODE_NAMES, CairnError } from "../../bindings/errors.js";

const doc = readFileSync("docs/ERRORS.md", "utf8");
const documented = new Set([...doc.matchAll(/^\| `([EW]_[A-Z0-9_]+)` \|/gm)].map((m) => m[1]));

describe("the error catalogue", () => {
  it("names every core error number", () => {
    for (const [name, n] of Object.entries(coreCodes)) {
      if (!name.startsWith("E_")) continue;
      expect(Object.keys(CATALOGUE), name).toContain(name);
      expect(CORE_CODE_NAMES.get(n as number)).toBe(name);
    }
  });

  it("has no duplicate core numbers", () => {
    const nums = Object.entries(coreCodes).filter(([k]) => k.startsWith("E_")).map(([, v]) => v);
    expect(new Set(nums).size).toBe(nums.length);
  });

  it("is documented in docs/ERRORS.md, entry for entry", () => {
    expect([...documented].sort()).toEqual(Object.keys(CATALOGUE).sort());
  });

  it("renders a location and carries the catalogue hint", () => {
    const e = new CairnError("E_SYNTAX", "unexpected `]`", { location: { file: "cairn.toml", line: 3, column: 7 } });
    expect(e.where()).toBe("cairn.toml:3:7");
    expect(e.exitCode).toBe(3);
    expect(new CairnError("E_USAGE", "x").hint).toMatch(/cairn help/);
  });
});
