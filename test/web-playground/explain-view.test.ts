import { expect, test } from "vitest";
import { numberSteps, splitByNames } from "../../web-playground/explain-view.js";

test("package names in prose are found whole, longest first, never inside other words", () => {
  const parts = splitByNames("Because foo-bar depends on foo and @s/foo, food is not foo.", ["foo", "foo-bar", "@s/foo"]);
  expect(parts.filter((p) => typeof p !== "string").map((p) => (p as { name: string }).name)).toEqual(["foo-bar", "foo", "@s/foo", "foo"]);
  expect(parts.map((p) => (typeof p === "string" ? p : `[${p.name}]`)).join("")).toBe("Because [foo-bar] depends on [foo] and [@s/foo], food is not [foo].");
});

test("dotted names are matched whole (epsilon.json is not epsilon)", () => {
  const parts = splitByNames("epsilon.json needs epsilon", ["epsilon", "epsilon.json"]);
  expect(parts.map((p) => (typeof p === "string" ? p : `[${p.name}]`)).join("")).toBe("[epsilon.json] needs [epsilon]");
});

test("the prose's own fact numbers become list step numbers", () => {
  // The reporter's layout: numbered facts carry a "(n) " prefix, the others are indented to match.
  const prose = [
    "(1) Because a depends on b, a requires b.",
    "",
    "    Because c depends on d, c requires d.",
    "(2) And because a requires b (1), a and c are incompatible.",
    "    So, because root depends on a and c (2), version solving failed.",
  ];
  expect(numberSteps(prose)).toEqual([
    "Because a depends on b, a requires b.",
    "Because c depends on d, c requires d.",
    "And because a requires b (step 1), a and c are incompatible.",
    "So, because root depends on a and c (step 3), version solving failed.",
  ]);
  expect(numberSteps(["Because x (3.0.0) is fine.", "So."])).toEqual(["Because x (3.0.0) is fine.", "So."]);
});
