// Timeline rows from solver events (web-playground/event-text.ts).
import { describe, it, expect } from "vitest";
import { describeEvent } from "../../web-playground/event-text.js";

describe("describeEvent", () => {
  it("says what a propagation derived, for each sign and range", () => {
    expect(describeEvent({ type: "propagation", package: "c", positive: true, range: "^3.0.0" })).toEqual({ kind: "propagation", text: "derive: c must be ^3.0.0", packages: ["c"] });
    expect(describeEvent({ type: "propagation", package: "lib", positive: true, range: "" }).text).toBe("derive: lib is required");
    expect(describeEvent({ type: "propagation", package: "c", positive: false, range: "2.0.0" }).text).toBe("derive: c 2.0.0 is ruled out");
    expect(describeEvent({ type: "propagation", package: "x", positive: false, range: "" }).text).toBe("derive: x must not be selected");
  });

  it("highlights a proxy's package, whose node is the package itself", () => {
    expect(describeEvent({ type: "decision", package: "c >=1.0.0", version: "2.0.0" }).packages).toEqual(["c"]);
    expect(describeEvent({ type: "propagation", package: "b[x]", positive: true, range: "" }).packages).toEqual(["b"]);
    expect(describeEvent({ type: "decision", package: "b[x]", version: "2.0.0" })).toEqual({ kind: "decision", text: "decide b[x] 2.0.0", packages: ["b"] });
  });

  it("describes the other events", () => {
    expect(describeEvent({ type: "conflict", package: "x" })).toEqual({ kind: "conflict", text: "conflict: the requirements on x cannot all hold", packages: ["x"] });
    // Later steps of the same conflict's resolution trace it back.
    expect(describeEvent({ type: "conflict", package: "a" }, { type: "conflict", package: "x" }).text).toBe("conflict, traced back through a");
    expect(describeEvent({ type: "conflict", package: "a" }, { type: "backjump", level: 1 }).text).toBe("conflict: the requirements on a cannot all hold");
    expect(describeEvent({ type: "backjump", level: 3 })).toEqual({ kind: "backjump", text: "backjump to decision level 3", packages: [] });
    expect(describeEvent({ type: "fetch", packages: ["a", "b"] })).toEqual({ kind: "fetch", text: "fetch metadata: a, b", packages: ["a", "b"] });
  });
});
