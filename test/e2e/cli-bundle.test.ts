// The built CLI (dist/cli.mjs, scripts/build.mjs buildCli): one file under
// 300 KB with both Wasm modules, and start-up that initialises only what the
// command needs (the cold-start target).
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { describe, expect, it } from "vitest";
import { CLI, ROOT } from "./harness.js";

// Prints, at exit, the built-in modules the process loaded (Node's own list).
const dir = mkdtempSync(join(tmpdir(), "cairn-bundle-"));
const probe = join(dir, "probe.cjs");
writeFileSync(probe, `process.on("exit", () => process.stderr.write("\\nLOADED " + JSON.stringify(process.moduleLoadList) + "\\n"));\n`);

function run(...args: string[]): { code: number; stdout: string; loaded: string[] } {
  return runIn({ home: join(dir, "home") }, ...args);
}
function runIn(at: { home: string; cwd?: string; env?: Record<string, string> }, ...args: string[]): { code: number; stdout: string; loaded: string[] } {
  const r = spawnSync(process.execPath, ["--require", probe, CLI, ...args], { cwd: at.cwd ?? dir, encoding: "utf8", env: { ...process.env, CAIRN_HOME: at.home, NO_COLOR: "1", ...at.env } });
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

  it("keeps the inflated bundle and V8's compiled code per command in <cache>/v8, and recovers from damaged ones", () => {
    const home = join(dir, "cc-home");
    const v8 = join(home, "v8");
    expect(runIn({ home }, "help").code).toBe(0);
    const files = readdirSync(v8).sort();
    expect(files).toEqual([expect.stringMatching(/^cli-[0-9a-f]{16}-help\.bin$/), expect.stringMatching(/^cli-[0-9a-f]{16}\.js$/)]);
    const [code, source] = files.map((f) => join(v8, f));
    expect(statSync(code!).size).toBeGreaterThan(10_000);
    expect(readFileSync(source!, "utf8")).toMatch(/^\(function \(exports, require, module\) \{/);
    // damaged (or another build's of the same length): V8 rejects the code, the run still works and rewrites it
    // another build's files: kept while in use, deleted once untouched for 30 days
    const recent = join(v8, "cli-0123456789abcdef-help.bin");
    const stale = join(v8, "cli-fedcba9876543210-help.bin");
    writeFileSync(recent, "another build's cache");
    writeFileSync(stale, "an old build's cache");
    const longAgo = (Date.now() - 31 * 86400e3) / 1000;
    utimesSync(stale, longAgo, longAgo);
    for (const damage of [code!, source!]) {
      writeFileSync(damage, "damaged");
      const r = runIn({ home }, "help");
      expect(r.code).toBe(0);
      expect(r.stdout).toContain("usage: cairn <command>");
      expect(statSync(code!).size).toBeGreaterThan(10_000);
      expect(readFileSync(source!, "utf8")).toMatch(/^\(function \(exports, require, module\) \{/);
    }
    expect(readdirSync(v8).sort()).toEqual([basename(recent), ...files].sort());
    // cached code runs as the CLI: a file others can write is never trusted
    const length = readFileSync(source!, "utf8").length;
    const forged = `(function (exports, require, module) {process.stdout.write("FORGED");})`;
    writeFileSync(source!, forged + " ".repeat(length - forged.length));
    chmodSync(source!, 0o666);
    const r = runIn({ home }, "help");
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain("FORGED");
    expect(r.stdout).toContain("usage: cairn <command>");
    // opting out writes nothing
    const off = join(dir, "no-cc-home");
    expect(runIn({ home: off, env: { CAIRN_NO_CODE_CACHE: "1" } }, "--version").code).toBe(0);
    expect(existsSync(join(off, "v8"))).toBe(false);
  });

  it("installs from a current lock without loading git's child processes or the HTTP stack", () => {
    const proj = join(dir, "proj");
    mkdirSync(proj);
    const home = join(dir, "proj-home");
    expect(runIn({ home, cwd: proj }, "init").code).toBe(0);
    expect(runIn({ home, cwd: proj }, "install").code).toBe(0);
    const r = runIn({ home, cwd: proj }, "install", "--frozen");
    expect(r.code).toBe(0);
    for (const id of ["child_process", "http", "https", "internal/deps/undici/undici"]) expect(has(r.loaded, id), id).toBe(false);
  });
});
