// Embedding proof from a non-JavaScript host: test/hosts/c/resolve.c drives
// whole resolutions through the documented session ABI, on the C that wasm2c
// (Debian's wabt) generates from build/cairn.wasm. Its answers must match the
// TypeScript bindings' solve() on the same scenarios. Skipped only when wasm2c
// or gcc is missing (.ci/run installs both).
import { describe, it, expect, beforeAll } from "vitest";
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { solve } from "../../bindings/solve.js";
import type { Scenario } from "../../bindings/scenario.js";

const root = resolve(__dirname, "../..");
const have = (cmd: string) => spawnSync("sh", ["-c", `command -v ${cmd}`]).status === 0;
const tools = have("wasm2c") && have("gcc");

const CASES = [
  "dart-pub/diamond-dependency-graph",
  "dart-pub/backjumps-after-partial-satisfier",
  "pubgrub-rs/doc-interface-semantic",
  "resolvo/unsat-pubgrub-article",
  "dart-pub/no-version-matches-combined-constraint",
  "resolvo/unsat-missing-top-level-dep-2",
];

function toTsv(s: Scenario): string {
  const lines = [["root", ...Object.entries(s.root).flat()].join("\t")];
  for (const [p, vs] of Object.entries(s.registry)) for (const [v, deps] of Object.entries(vs)) lines.push(["pkg", p, v, ...Object.entries(deps).flat()].join("\t"));
  return `${lines.join("\n")}\n`;
}

describe.skipIf(!tools)("a C host driving the core through wasm2c", () => {
  let dir = "";
  let host = "";
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "cairn-c-host-"));
    execFileSync("wasm2c", [join(root, "build/cairn.wasm"), "-n", "cairn", "-o", join(dir, "cairn.c")]);
    host = join(dir, "host");
    execFileSync("gcc", ["-O0", "-o", host, join(root, "test/hosts/c/resolve.c"), join(dir, "cairn.c"), "/usr/share/wabt/wasm2c/wasm-rt-impl.c", "-I/usr/share/wabt/wasm2c", `-I${dir}`, "-lm"], { stdio: "pipe" });
    return () => rmSync(dir, { recursive: true, force: true });
  }, 300_000);

  for (const name of CASES) {
    it(`resolves ${name} exactly as the bindings do`, () => {
      const s = JSON.parse(readFileSync(join(root, "test/fixtures/scenarios", `${name}.json`), "utf8")) as Scenario;
      const file = join(dir, `${name.replace("/", "_")}.tsv`);
      writeFileSync(file, toTsv(s));
      const run = spawnSync(host, [file], { encoding: "utf8" });
      const out = run.stdout.trim().split("\n");
      const expected = solve(s);
      if (expected.ok) {
        expect(run.status).toBe(0);
        expect(out[0]).toBe("solved");
        const want = Object.entries(expected.solution).map(([p, v]) => `${p} ${v}`).sort();
        expect(out.slice(1).sort()).toEqual(want);
      } else {
        expect(run.status).toBe(1);
        expect(out[0]).toBe("no-solution");
        const want = expected.error.tree!.packages.filter((p) => p.kind !== "root").map((p) => p.name).sort();
        expect(out.slice(1).sort()).toEqual(want);
      }
    });
  }

  it("gets a coded error for a malformed range", () => {
    const file = join(dir, "bad.tsv");
    writeFileSync(file, "root\ta\t>=1.0.0 <<2\npkg\ta\t1.0.0\n");
    const run = spawnSync(host, [file], { encoding: "utf8" });
    expect(run.stdout).toMatch(/^error 111 /);
    expect(run.status).toBe(3);
  });
});
