// `cairn solve FILE [--json]` (DESIGN.md §4).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { runMain } from "./run-main.js";

const fixtures = resolve(__dirname, "../fixtures/scenarios");

const run = runMain;

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), "cairn-solve-"));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("cairn solve", () => {
  it("prints the solution as JSON", async () => {
    const r = await run(["solve", join(fixtures, "dart-pub/diamond-dependency-graph.json"), "--json"], tmp);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual({ ok: true, solution: { a: "1.0.0", b: "2.0.0", c: "3.0.0" } });
  });

  it("prints name/version lines without --json, arrays under the cargo policy", async () => {
    const r = await run(["solve", join(fixtures, "cargo/allows-multiple-compatible-versions.json")], tmp);
    expect(r.code).toBe(0);
    expect(r.out).toContain("foo 0.1.0, 0.2.0, 1.0.0, 2.0.0\n");
    const j = await run(["solve", join(fixtures, "cargo/allows-multiple-compatible-versions.json"), "--json"], tmp);
    expect(JSON.parse(j.out).solution.foo).toEqual(["0.1.0", "0.2.0", "1.0.0", "2.0.0"]);
  });

  it("explains a failure with exit 1, and in JSON names the packages involved", async () => {
    const file = join(fixtures, "pubgrub-rs/doc-interface-error.json");
    const r = await run(["solve", file], tmp);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^error\[E_NO_SOLUTION\]: no solution found:/);
    expect(r.err).toMatch(/version solving failed\./);
    const j = await run(["solve", file, "--json"], tmp);
    expect(j.code).toBe(1);
    const body = JSON.parse(j.out);
    expect(body.ok).toBe(false);
    expect(body.error.code).toBe("E_NO_SOLUTION");
    expect(body.error.packages).toEqual(["dropdown", "icons", "intl", "menu"]);
    expect(body.error.message).toMatch(/^Because /);
  });

  it("gives coded errors for bad files, with exit 3 and no stack trace", async () => {
    const bad = join(tmp, "bad.json");
    writeFileSync(bad, '{"registry": {}, "root": {"a": }');
    const r = await run(["solve", bad], tmp);
    expect(r.code).toBe(3);
    expect(r.err).toMatch(/^error\[E_SCENARIO\]: .*bad\.json:1:\d+: not valid JSON/);
    expect(r.err).not.toMatch(/    at /);
    const range = join(tmp, "range.json");
    writeFileSync(range, JSON.stringify({ registry: { a: { "1.0.0": {} } }, root: { a: "^^1" } }));
    const j = await run(["solve", range, "--json"], tmp);
    expect(j.code).toBe(3);
    expect(JSON.parse(j.out).error).toMatchObject({ code: "E_INVALID_VERSION_REQ", path: "root.a" });
    const missing = await run(["solve", join(tmp, "nope.json")], tmp);
    expect(missing.code).toBe(3);
    expect(missing.err).toMatch(/error\[E_IO\]/);
    const usage = await run(["solve"], tmp);
    expect(usage.code).toBe(2);
  });

  it("honours --max-steps", async () => {
    const r = await run(["solve", join(fixtures, "pubgrub-rs/doc-interface-error.json"), "--max-steps", "1", "--json"], tmp);
    expect(JSON.parse(r.out).error.code).toBe("E_STEP_LIMIT");
    expect(r.code).toBe(1);
  });
});
