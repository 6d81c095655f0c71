import { describe, expect, test } from "vitest";
import { applyPageOptions, parseFeatures, parseLockField } from "../../web-playground/scenario-options.js";

describe("page options on a scenario", () => {
  const doc = { registry: {}, root: { a: "*" }, options: { policy: "cargo" }, locked: { a: "1.0.0" }, root_features: { b: ["x"] } };

  test("empty fields keep the scenario's values", () => {
    expect(applyPageOptions(doc, { maxSteps: 10 })).toEqual(doc);
  });

  test("set fields override or extend them", () => {
    const out = applyPageOptions(doc, { maxSteps: 10, prerelease: "include", versions: "lowest", target: "linux", features: ["b/y", "own", "c/z"], locked: { c: "2.0.0" } });
    expect(out.options).toEqual({ policy: "cargo", prerelease: "include", versions: "lowest" });
    expect(out.target).toBe("linux");
    expect(out.root_features).toEqual({ b: ["x", "y"], c: ["z"] });
    expect(out.locked).toEqual({ a: "1.0.0", c: "2.0.0" });
    expect(doc.root_features).toEqual({ b: ["x"] }); // the input is not modified
  });
});

describe("the lock field", () => {
  test("reads name = version, name@version and name version lines, and scoped names", () => {
    expect(parseLockField("a = 1.0.0\n@s/b@2.0.0-beta.1\nc 3.1.4 # comment\n\n").locked).toEqual({ a: "1.0.0", "@s/b": "2.0.0-beta.1", c: "3.1.4" });
  });

  test("reports the lines it cannot read", () => {
    expect(parseLockField("a = 1.0.0\nnonsense here too").bad).toEqual(["nonsense here too"]);
  });

  test("reads a pasted cairn.lock", () => {
    const lock = 'version = 1\n\n[[package]]\nname = "fmt"\nversion = "1.2.0"\nsource = "registry+x"\n\n[[package]]\nname = "greet"\nversion = "1.1.0"\n';
    expect(parseLockField(lock)).toEqual({ locked: { fmt: "1.2.0", greet: "1.1.0" }, bad: [] });
  });

  test("features split on commas and spaces", () => {
    expect(parseFeatures(" a, b  c,,")).toEqual(["a", "b", "c"]);
  });
});
