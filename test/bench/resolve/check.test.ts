// The resolver benchmark judges every peer with bench/resolve/lib/check.mjs and
// trusts gen.mjs to plant a valid solution; both must be right for its ratios to
// mean anything.
import { describe, expect, it } from "vitest";
// @ts-expect-error plain .mjs without types
import { generate } from "../../../bench/resolve/gen.mjs";
// @ts-expect-error plain .mjs without types
import { checkSelection, checkCargoLock, checkNpmLock, checkPnpmLock } from "../../../bench/resolve/lib/check.mjs";
// @ts-expect-error plain .mjs without types
import { satisfies, toCargoReq, toElmConstraint } from "../../../bench/resolve/lib/ranges.mjs";

type Graph = { registry: Record<string, Record<string, Record<string, string>>>; root: Record<string, string> };

const tiny: Graph = {
  registry: {
    a: { "1.0.0": { b: "^1.0.0" }, "1.1.0": { b: "^2.0.0" } },
    b: { "1.0.0": {}, "1.5.0": {}, "2.0.0": {} },
  },
  root: { a: "^1.0.0" },
};

describe("ranges", () => {
  it("follows npm's caret and tilde windows, including 0.x", () => {
    expect(satisfies("1.9.9", "^1.2.0")).toBe(true);
    expect(satisfies("2.0.0", "^1.2.0")).toBe(false);
    expect(satisfies("0.3.9", "^0.3.1")).toBe(true);
    expect(satisfies("0.4.0", "^0.3.1")).toBe(false);
    expect(satisfies("0.0.4", "^0.0.3")).toBe(false);
    expect(satisfies("1.2.9", "~1.2.3")).toBe(true);
    expect(satisfies("1.3.0", "~1.2.3")).toBe(false);
    expect(satisfies("1.2.3", "1.2.3")).toBe(true);
    expect(satisfies("1.2.4", "1.2.3")).toBe(false);
    expect(satisfies("1.4.0", ">=1.2.0 <1.4.0")).toBe(false);
  });
  it("translates to Cargo and Elm with the same meaning", () => {
    expect(toCargoReq("1.2.3")).toBe("=1.2.3");
    expect(toCargoReq(">=1.2.0 <1.4.0")).toBe(">=1.2.0, <1.4.0");
    expect(toElmConstraint("^0.3.1")).toBe("0.3.1 <= v < 0.4.0");
    expect(toElmConstraint("~1.2.3")).toBe("1.2.3 <= v < 1.3.0");
  });
});

describe("checkSelection", () => {
  it("accepts a valid selection and names what is wrong with a bad one", () => {
    expect(checkSelection(tiny, { a: "1.1.0", b: "2.0.0" }).ok).toBe(true);
    const bad = checkSelection(tiny, { a: "1.1.0", b: "1.5.0" });
    expect(bad.ok).toBe(false);
    expect(bad.errors[0]).toContain("a@1.1.0 needs b ^2.0.0, got 1.5.0");
    expect(checkSelection(tiny, { a: "1.0.0" }).ok).toBe(false);
    expect(checkSelection(tiny, { a: "1.0.0", b: "1.0.0", c: "1.0.0" }).ok).toBe(false);
  });
});

describe("lock file checkers", () => {
  it("Cargo.lock: edges must match the ranges", () => {
    const lock = (bv: string) =>
      `version = 4\n\n[[package]]\nname = "a"\nversion = "1.1.0"\nsource = "x"\ndependencies = [\n "b",\n]\n\n` +
      `[[package]]\nname = "b"\nversion = "${bv}"\n\n[[package]]\nname = "root"\nversion = "0.1.0"\ndependencies = [\n "a",\n]\n`;
    expect(checkCargoLock(tiny, lock("2.0.0"), "root").ok).toBe(true);
    expect(checkCargoLock(tiny, lock("1.5.0"), "root").ok).toBe(false);
  });
  it("package-lock.json: a nested copy satisfies its parent", () => {
    const lock = {
      packages: {
        "": { dependencies: tiny.root },
        "node_modules/a": { version: "1.1.0" },
        "node_modules/b": { version: "1.5.0" },
        "node_modules/a/node_modules/b": { version: "2.0.0" },
      },
    };
    const ok = checkNpmLock(tiny, lock);
    expect(ok).toMatchObject({ ok: true, duplicates: 1 });
    delete (lock.packages as Record<string, unknown>)["node_modules/a/node_modules/b"];
    expect(checkNpmLock(tiny, lock).ok).toBe(false);
  });
  it("pnpm-lock.yaml: snapshots carry each package's resolved dependencies", () => {
    const lock = (bv: string) =>
      `lockfileVersion: '9.0'\n\nimporters:\n\n  .:\n    dependencies:\n      a:\n        specifier: ^1.0.0\n        version: 1.1.0\n\n` +
      `packages:\n\n  a@1.1.0:\n    resolution: {integrity: x}\n\nsnapshots:\n\n  a@1.1.0:\n    dependencies:\n      b: ${bv}\n\n  b@${bv}: {}\n`;
    expect(checkPnpmLock(tiny, lock("2.0.0")).ok).toBe(true);
    expect(checkPnpmLock(tiny, lock("1.0.0")).ok).toBe(false);
  });
});

describe("generator", () => {
  it("is deterministic and plants a valid solution in the satisfiable shapes", () => {
    const spec = { shape: "wide", packages: 150, versions: 12, maxDeps: 6, seed: 42 };
    const one = generate(spec);
    expect(JSON.stringify(generate(spec).graph)).toBe(JSON.stringify(one.graph));
    expect(checkSelection(one.graph, one.plantedSolution).ok).toBe(true);
    const d = generate({ shape: "deep", chains: 4, length: 6, versions: 8, seed: 3 });
    expect(checkSelection(d.graph, d.plantedSolution).ok).toBe(true);
  });
  it("makes the conflict shape unsatisfiable for every choice of chain tops", () => {
    // Exhaustive over the two chains' top versions (each fixes its whole chain) and the hub.
    const c = generate({ shape: "conflict", chains: 2, length: 3, versions: 6, seed: 5 });
    const { registry } = c.graph as Graph;
    let solutions = 0;
    for (const k0 of Object.keys(registry["x0-0"]))
      for (const k1 of Object.keys(registry["x1-0"]))
        for (const h of Object.keys(registry.hub)) {
          const sel: Record<string, string> = { hub: h };
          for (let i = 0; i < 3; i++) { sel[`x0-${i}`] = k0; sel[`x1-${i}`] = k1; }
          if (checkSelection(c.graph, sel).ok) solutions++;
        }
    expect(c.expected).toBe("unsat");
    expect(solutions).toBe(0);
  });
});
