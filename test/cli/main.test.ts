// cli/main.ts: dispatch, global flags and the one place errors are rendered.
import { describe, expect, it } from "vitest";
import { runMain } from "./run-main.js";

const run = runMain;

describe("cairn's command line", () => {
  it("prints its version and a help listing every command", async () => {
    expect((await run(["--version"])).out).toMatch(/^cairn \d+\.\d+\.\d+/);
    const help = await run(["help"]);
    expect(help.code).toBe(0);
    for (const c of ["solve", "install", "serve", "manifest"]) expect(help.out).toContain(`  ${c} `);
  });

  it("refuses an unknown command with E_USAGE and exit 2, no stack trace", async () => {
    const r = await run(["frobnicate"]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^error\[E_USAGE\]: unknown command `frobnicate`\nhint: run `cairn help`\n$/);
    expect(r.out).toBe("");
  });

  it("with --json, also reports a failure as one JSON object on stdout", async () => {
    const r = await run(["solve", "/nonexistent/scenario.json", "--json"]);
    expect(r.code).not.toBe(0);
    const j = JSON.parse(r.out);
    expect(j.ok).toBe(false);
    expect(j.error.code).toMatch(/^E_[A-Z_]+$/);
    expect(j.error.message).toEqual(expect.any(String));
    expect(r.err).toMatch(/^error\[E_/);
    expect(r.err).not.toMatch(/\n\s+at /);
  });
});
