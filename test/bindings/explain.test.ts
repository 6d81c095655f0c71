// Explanations: the derivation tree rendered as Dart-pub-style prose. The two
// scenarios are Dart pub's own "linear" and "branching" error reporting
// examples (doc/solver.md); the expected texts are Dart's, with ranges printed
// as the simplest range over the versions that exist (foo <1.1.0 = foo 1.0.0).
import { describe, it, expect } from "vitest";
import { solve } from "../../bindings/solve.js";
import { simplifyRange } from "../../bindings/explain/ranges.js";
import type { Scenario } from "../../bindings/scenario.js";

function failure(s: Scenario) {
  const r = solve(s);
  if (r.ok) throw new Error(`expected a failure, got ${JSON.stringify(r.solution)}`);
  return r.error;
}

describe("explanations", () => {
  it("renders Dart's branching example with a numbered shared step", () => {
    const e = failure({
      registry: {
        foo: { "1.0.0": { a: "^1.0.0", b: "^1.0.0" }, "1.1.0": { x: "^1.0.0", y: "^1.0.0" } },
        a: { "1.0.0": { b: "^2.0.0" } },
        b: { "1.0.0": {}, "2.0.0": {} },
        x: { "1.0.0": { y: "^2.0.0" } },
        y: { "1.0.0": {}, "2.0.0": {} },
      },
      root: { foo: "^1.0.0" },
      root_name: "myapp",
    });
    expect(e.code).toBe("E_NO_SOLUTION");
    expect(e.message.split("\n")).toEqual([
      "    Because foo 1.0.0 depends on a ^1.0.0 which depends on b ^2.0.0, foo 1.0.0 requires b 2.0.0.",
      "(1) So, because foo 1.0.0 depends on b ^1.0.0, foo 1.0.0 is forbidden.",
      "",
      "    Because foo 1.1.0 depends on x ^1.0.0 which depends on y ^2.0.0, foo 1.1.0 requires y 2.0.0.",
      "    And because foo 1.1.0 depends on y ^1.0.0, foo 1.1.0 is forbidden.",
      "    And because foo 1.0.0 is forbidden (1), every version of foo is forbidden.",
      "    So, because myapp depends on foo ^1.0.0, version solving failed.",
    ]);
    expect(e.packages).toEqual(["a", "b", "foo", "x", "y"]);
  });

  it("renders Dart's linear example as one chain", () => {
    const e = failure({
      registry: { foo: { "1.0.0": { bar: "^2.0.0" } }, bar: { "2.0.0": { baz: "^3.0.0" } }, baz: { "1.0.0": {}, "3.0.0": {} } },
      root: { foo: "^1.0.0", baz: "^1.0.0" },
      root_name: "myapp",
    });
    expect(e.message).toBe(
      "Because every version of foo depends on bar ^2.0.0 which depends on baz ^3.0.0, every version of foo requires baz 3.0.0.\n" +
        "So, because myapp depends on both foo ^1.0.0 and baz ^1.0.0, version solving failed.",
    );
  });

  it("says when a package does not exist or a range matches nothing", () => {
    expect(failure({ registry: {}, root: { ghost: "^1.0.0" } }).message).toBe("Because root depends on ghost, which doesn't exist, version solving failed.");
    // Joined with another fact, the parenthetical is closed by a comma.
    expect(failure({ registry: { a: { "1.0.0": { b: "^1.0.0" } } }, root: { a: "*" } }).message).toBe(
      "Because every version of a depends on b, which doesn't exist, and root depends on a, version solving failed.",
    );
    const e = failure({ registry: { a: { "1.0.0": { b: "^9.0.0" } }, b: { "1.0.0": {} } }, root: { a: "*" } });
    expect(e.message).toContain("depends on b ^9.0.0, which doesn't match any versions");
    expect(e.packages).toEqual(["a", "b"]);
  });

  it("names only the packages on the proof, not bystanders", () => {
    const e = failure({
      registry: { a: { "1.0.0": { c: "^1.0.0" } }, b: { "1.0.0": { c: "^2.0.0" } }, c: { "1.0.0": {}, "2.0.0": {} }, bystander: { "1.0.0": {} } },
      root: { a: "*", b: "*", bystander: "*" },
    });
    expect(e.packages).toEqual(["a", "b", "c"]);
    expect(e.message).not.toMatch(/bystander/);
  });

  it("spells out the versions in yanked, missing-feature and cycle facts", () => {
    expect(failure({ registry: { a: { "1.0.0": {} } }, root: { a: "*" }, yanked: { a: ["1.0.0"] } }).message).toBe("Because a 1.0.0 is yanked and root depends on a, version solving failed.");
    const f = failure({ registry: { a: { "1.0.0": {} } }, root: { a: "*" }, root_features: { a: ["f"] }, options: { missing_feature: "error" } });
    expect(f.message).toContain('a 1.0.0 doesn\'t have the feature "f"');
    expect(f.packages).toEqual(["a"]);
    const c = failure({ registry: { A: { "1.0.0": { B: "*" } }, B: { "1.0.0": { A: "*" } } }, root: { A: "*" }, options: { cycles: "forbid" } });
    expect(c.message).toContain("A 1.0.0 and B 1.0.0 depend on each other in a cycle, which is forbidden");
  });

  it("says which root version a dependency on the root misses", () => {
    const e = failure({ registry: { a: { "1.0.0": { me: "^3.0.0" } } }, root: { a: "*" }, root_name: "me", root_version: "2.1.0" });
    expect(e.message).toContain("depends on me ^3.0.0, but me is 2.1.0");
  });

  it("returns the derivation tree as data with causes before conclusions", () => {
    const e = failure({ registry: { a: { "1.0.0": { c: "^1.0.0" } }, b: { "1.0.0": { c: "^2.0.0" } }, c: { "1.0.0": {}, "2.0.0": {} } }, root: { a: "*", b: "*" } });
    const tree = e.tree!;
    expect(tree.failure).toBe(tree.nodes.length - 1);
    for (const n of tree.nodes) if (n.causes) for (const c of n.causes) expect(c).toBeLessThan(n.id);
    expect(tree.nodes.filter((n) => n.cause === "dependency").length).toBeGreaterThanOrEqual(3);
    expect(JSON.parse(JSON.stringify(tree))).toEqual(tree);
  });

  it("simplifies index sets against the versions that exist", () => {
    const vs = ["1.0.0", "1.1.0", "1.2.0", "2.0.0", "2.1.0", "3.0.0"];
    expect(simplifyRange(vs, [[0, 6]])).toBe("");
    expect(simplifyRange(vs, [[3, 5]])).toBe("^2.0.0");
    expect(simplifyRange(vs, [[2, 2 + 1]])).toBe("1.2.0");
    expect(simplifyRange(vs, [[1, 4]])).toBe(">=1.1.0 <2.1.0");
    expect(simplifyRange(vs, [[0, 2], [4, 6]])).toBe("<1.2.0 || >=2.1.0");
  });
});
