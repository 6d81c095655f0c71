// The built CLI (dist/cli.mjs, scripts/build.mjs buildCli): one file under
// 300 KB with both Wasm modules, and start-up that initialises only what the
// command needs (the cold-start target).
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CLI, ROOT } from "./harness.js";

// Prints, at exit, the built-in modules the process loaded (Node's own list).
const dir = mkdtempSync(join(tmpdir(), "cairn-bundle-"));
const probe = join(dir, "probe.cjs");
writeFileSync(probe, `process.on("exit", () => process.stderr.write("\\nLOADED " + JSON.stringify(process.moduleLoadList) + "\\n"));\n`);

function run(...args: string[]): { code: number; stdout: string; loaded: string[] } {
  const r = spawnSync(process.execPath, ["--require", probe, CLI, ...args], { cwd: dir, encoding: "utf8", env: { ...process.env, CAIRN_HOME: join(dir, "home"), NO_COLOR: "1" } });
  const m = /\nLOADED (.*)\n/.exec(r.stderr);
  return { code: r.status ?? -1, stdout: r.stdout, loaded: m ? (JSON.parse(m[1]!) as string[]) : [] };
}
const has = (loaded: string[], id: string) => loaded.includes(`NativeModule ${id}`);

describe("dist/cli.mjs", () => {
  it("is one file under 300 KB that carries both Wasm modules", () => {
    expect(statSync(CLI).size).toBeLessThan(300 * 1024);
    // the compressed core still runs
    const scenario = join(dir, "s.json");
    writeFileSync(scenario, JSON.stringify({ registry: { a: { "1.0.0": {} } }, root: { a: "^1" } }));
    const r = run("solve", scenario, "--json");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ ok: true, solution: { a: "1.0.0" } });
    expect(readFileSync(CLI, "utf8")).not.toContain("AGFzbQ"); // no raw base64 Wasm: compressed
  });

  it("answers --version without loading the HTTP stack, crypto or child processes", () => {
    const r = run("--version");
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`cairn ${JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).version}\n`);
    expect(r.loaded.length).toBeGreaterThan(10); // the probe saw the list
    for (const id of ["http", "https", "crypto", "child_process", "internal/deps/undici/undici"]) expect(has(r.loaded, id), id).toBe(false);
  });

  it("solves without loading the HTTP stack", () => {
    const scenario = join(dir, "s2.json");
    writeFileSync(scenario, JSON.stringify({ registry: { a: { "1.0.0": { b: "^2" } }, b: { "2.1.0": {} } }, root: { a: "*" } }));
    const r = run("solve", scenario, "--json");
    expect(r.code).toBe(0);
    for (const id of ["http", "https", "child_process", "internal/deps/undici/undici"]) expect(has(r.loaded, id), id).toBe(false);
  });
});
