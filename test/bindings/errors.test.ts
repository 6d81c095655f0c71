import { describe, it, expect } from "vitest";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import * as coreCodes from "../../core/abi/codes.js";
import { CATALOGUE, CORE_CODE_NAMES, CairnError } from "../../bindings/errors.js";

const doc = readFileSync("docs/ERRORS.md", "utf8");
const documented = new Set([...doc.matchAll(/^\| `([EW]_[A-Z0-9_]+)` \|/gm)].map((m) => m[1]));

/** Every `"E_…"` / `"W_…"` string literal in the shipped source (core, bindings, CLI, playground, scripts). */
function codesUsedInSource(): Map<string, string> {
  const used = new Map<string, string>();
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(ts|mjs)$/.test(e.name)) for (const m of readFileSync(p, "utf8").matchAll(/["'`]([EW]_[A-Z][A-Z0-9_]*)["'`]/g)) if (!used.has(m[1]!)) used.set(m[1]!, p);
    }
  };
  for (const dir of ["core", "bindings", "cli", "web-playground", "scripts"]) walk(dir);
  return used;
}

describe("the error catalogue", () => {
  it("defines and documents every code the source uses (errors and warnings)", () => {
    const used = codesUsedInSource();
    expect(used.has("W_RETRY") && used.has("E_USAGE")).toBe(true); // the scan sees warn() and CairnError calls
    const undefinedCodes = [...used].filter(([c]) => !(c in CATALOGUE)).map(([c, file]) => `${c} (${file})`);
    expect(undefinedCodes).toEqual([]);
    const undocumented = [...used.keys()].filter((c) => !documented.has(c));
    expect(undocumented).toEqual([]);
  });

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
