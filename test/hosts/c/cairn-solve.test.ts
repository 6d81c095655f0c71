// cairn-solve, the native way in (hosts/c/): the core through wasm2c and a C
// host that reads scenario files itself. It must answer exactly as the
// TypeScript bindings do — same solutions (byte for byte in --json), same
// error codes, places and involved packages, same exit codes — on the whole
// conformance corpus, on random scenarios using every option, on a large
// generated graph (the bindings' lazy path), and on bad input. Built by
// scripts/build-native.mjs; .ci/run installs wabt and gcc, so it runs in CI.
import { describe, it, expect, beforeAll } from "vitest";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { solve, type SolveResult } from "../../../bindings/solve.js";
import { CATALOGUE, EXIT, type ErrorCode, type ErrorInfo } from "../../../bindings/errors.js";
import { optionScenario } from "../../core/solver/random-scenarios.js";
import { rng } from "../../core/solver/rng.js";
import type { Scenario } from "../../../bindings/scenario.js";

const root = resolve(__dirname, "../../..");
const tools = spawnSync(process.execPath, [join(root, "scripts/build-native.mjs"), "--check"]).status === 0;
const fixtures = join(root, "test/fixtures/scenarios");
const exitOf = (code: ErrorCode) => (CATALOGUE[code] as ErrorInfo).exit ?? EXIT.failure;

function corpus(): string[] {
  const out: string[] = [];
  for (const dir of readdirSync(fixtures).sort()) for (const f of readdirSync(join(fixtures, dir)).sort()) if (f.endsWith(".json")) out.push(join(dir, f));
  return out;
}

describe.skipIf(!tools)("cairn-solve (native host through wasm2c)", () => {
  let bin = "";
  let dir = "";
  beforeAll(() => {
    const b = spawnSync(process.execPath, [join(root, "scripts/build-native.mjs")], { encoding: "utf8" });
    expect(b.status, b.stderr).toBe(0);
    bin = join(root, "build/native/cairn-solve");
    dir = mkdtempSync(join(tmpdir(), "cairn-native-"));
    return () => rmSync(dir, { recursive: true, force: true });
  }, 300_000);

  const native = (args: string[], input?: string) => spawnSync(bin, args, { encoding: "utf8", input });

  /** What `cairn solve FILE --json` prints for a result, and its exit code. */
  function expected(res: SolveResult): { json: Record<string, unknown>; exit: number } {
    if (res.ok) return { json: { ok: true, solution: res.solution }, exit: EXIT.ok };
    return { json: { ok: false, error: { code: res.error.code, packages: res.error.packages } }, exit: exitOf(res.error.code) };
  }

  function agree(file: string, text: string): void {
    const want = expected(solve(text));
    const run = native([file, "--json"]);
    expect(run.status, `${file}: ${run.stdout}${run.stderr}`).toBe(want.exit);
    const got = JSON.parse(run.stdout) as { ok: boolean; error?: { code: string; packages: string[]; message: string } };
    if (want.json.ok) expect(run.stdout).toBe(`${JSON.stringify(want.json)}\n`);
    else {
      expect({ ok: got.ok, error: { code: got.error!.code, packages: got.error!.packages } }).toEqual(want.json);
      expect(got.error!.message.length).toBeGreaterThan(0);
    }
  }

  it("answers every corpus scenario as solve() does", () => {
    const files = corpus();
    expect(files.length).toBeGreaterThan(100);
    for (const f of files) agree(join(fixtures, f), readFileSync(join(fixtures, f), "utf8"));
  });

  it("answers 400 random scenarios over every option (cargo policy included) as solve() does", () => {
    for (let seed = 1; seed <= 400; seed++) {
      const s: Scenario = optionScenario(seed);
      if (seed % 4 === 0) s.options = { ...s.options, policy: "cargo" };
      const text = JSON.stringify(s);
      const file = join(dir, `random-${seed}.json`);
      writeFileSync(file, text);
      agree(file, text);
    }
  });

  it("reads a large generated graph (the bindings' lazy path) to the same answer", () => {
    const out = join(dir, "graphs");
    const g = spawnSync(process.execPath, [join(root, "bench/resolve/gen.mjs"), "--out", out], { encoding: "utf8" });
    expect(g.status, g.stderr).toBe(0);
    for (const name of ["sweep-1000.json", "conflict.json"]) {
      const text = readFileSync(join(out, name), "utf8");
      agree(join(out, name), text);
    }
  }, 120_000);

  it("reads JSON as JavaScript does: escapes, repeated keys, index-like names", () => {
    const text = String.raw`{"registry": {"10": {"1.0.0": {"2": "*"}}, "2": {"1.0.0": {}, "2.0.0": {"\u00e9t\u00e9": "^1"}},
      "été": {"1.0.0": {}}, "b": {"1.0.0": {"x": "*"}}, "b": {"2.0.0": {}}, "\u0031": {"1.0.0": {}}}, "root": {"10": "*", "b": "*", "b": "^2", "1": "*"}}`;
    const file = join(dir, "json-semantics.json");
    writeFileSync(file, text);
    agree(file, text);
    expect(native([file, "--json"]).stdout).toBe('{"ok":true,"solution":{"1":"1.0.0","2":"2.0.0","10":"1.0.0","b":"2.0.0","été":"1.0.0"}}\n');
    // the same over a file large enough for the bindings' lazy scanner (escaped keys in the byte index)
    const reg: Record<string, Record<string, Record<string, string>>> = { été: { "1.0.0": { pkg1: "^1" } }, zz: { "1.0.0": {} } };
    for (let i = 0; i < 20000; i++) reg[`pkg${i}`] = { "1.0.0": {}, "2.0.0": { zz: "*" } };
    const big = JSON.stringify({ registry: reg, root: { été: "*", pkg2: "*" } }, null, 1).replace(/é/g, "\\u00e9");
    expect(big.length).toBeGreaterThan(1 << 20);
    writeFileSync(join(dir, "lazy-escapes.json"), big);
    agree(join(dir, "lazy-escapes.json"), big);
  });

  it("reports bad input with the code, place and exit code of `cairn solve`", () => {
    const cases: [string, string][] = [
      ["not-json", '{"registry": {}, "root": {"a": "1"'],
      ["trailing", '{"registry": {}, "root": {}} x'],
      ["control", '{"registry": {}, "root": {"a\n": "1"}}'],
      ["no-root", '{"registry": {}}'],
      ["top-level", "[1, 2]"],
      ["version-type", '{"registry": {"a": {"1.0.0": {"b": 1}}}, "root": {}}'],
      ["option", '{"registry": {}, "root": {}, "options": {"policy": "newest"}}'],
      ["unknown-option", '{"registry": {}, "root": {}, "options": {"speed": 1}}'],
      ["steps", '{"registry": {}, "root": {}, "options": {"max_steps": -1}}'],
      ["yanked", '{"registry": {}, "root": {}, "yanked": {"a": "1.0.0"}}'],
      ["range", '{"registry": {"a": {"1.0.0": {"b": ">=1 <<2"}}, "b": {"1.0.0": {}}}, "root": {"a": "*"}}'],
      ["root-range", '{"registry": {"a": {"1.0.0": {}}}, "root": {"a": "^^1"}}'],
      ["version", '{"registry": {"a": {"1.0": {}}}, "root": {"a": "*"}}'],
    ];
    for (const [name, text] of cases) {
      const file = join(dir, `${name}.json`);
      writeFileSync(file, text);
      const res = solve(text);
      expect(res.ok, name).toBe(false);
      if (res.ok) continue;
      const run = native([file, "--json"]);
      expect(run.status, name).toBe(exitOf(res.error.code));
      const err = (JSON.parse(run.stdout) as { error: Record<string, unknown> }).error;
      expect(err.code, name).toBe(res.error.code);
      expect(err.message, name).toBe(res.error.message);
      expect(err.path, name).toBe(res.error.location?.path);
      expect(err.line, name).toBe(res.error.location?.line);
      expect(err.column, name).toBe(res.error.location?.column);
      // without --json: `error[CODE]: file…: message` and nothing on stdout
      const plain = native([file]);
      expect(plain.stdout, name).toBe("");
      expect(plain.stderr, name).toMatch(new RegExp(`^error\\[${res.error.code}\\]: `));
    }
  });

  it("never crashes on mangled scenarios, and fails them with the bindings' code", () => {
    const base = corpus().slice(0, 40).map((f) => readFileSync(join(fixtures, f), "utf8"));
    const r = rng(7);
    const pieces = ['"', "{", "}", "[", "]", ",", ":", "1", "-", "\\", "\n", " ", "null", '"a"', "^", ">=", "1.0.0", "\u0000", "é"];
    for (let i = 0; i < 1000; i++) {
      let text = r.pick(base);
      for (let k = r.int(1, 3); k > 0; k--) {
        const at = r.int(0, text.length - 1);
        const cut = r.int(0, 3);
        text = text.slice(0, at) + (r.next() < 0.7 ? r.pick(pieces) : "") + text.slice(at + cut);
      }
      const file = join(dir, `mangled-${i}.json`);
      writeFileSync(file, text);
      const res = solve(text);
      const run = native([file, "--json"]);
      expect(run.signal, text).toBeNull();
      const got = JSON.parse(run.stdout) as { ok: boolean; error?: { code: string } };
      expect(got.ok, text).toBe(res.ok);
      if (!res.ok) {
        expect(got.error!.code, text).toBe(res.error.code);
        const e = got.error as unknown as Record<string, unknown>;
        // explanations of a failed resolution are worded differently by design (docs/NATIVE.md)
        if (res.error.code !== "E_NO_SOLUTION") expect(e.message, text).toBe(res.error.message);
        expect([e.path, e.line, e.column], text).toEqual([res.error.location?.path, res.error.location?.line, res.error.location?.column]);
      }
      expect(run.status, text).toBe(res.ok ? 0 : exitOf(res.error.code));
    }
  });

  it("stays fast on input built to make its tables quadratic", () => {
    // Keys that all collide under unseeded 32-bit FNV-1a (the tables' hash before it was seeded):
    // pairs of colliding chunks found by a birthday search, each chained from the state the
    // previous pair leaves, so every combination of the chunks hashes alike.
    const fnv = (s: string, h = 0x811c9dc5) => {
      for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619) >>> 0;
      return h;
    };
    const pairs: [string, string][] = [];
    let state = 0x811c9dc5;
    for (let p = 0; p < 15; p++) {
      const seen = new Map<number, string>();
      for (let i = 0; ; i++) {
        const k = `k${i.toString(16)}`, h = fnv(k, state), other = seen.get(h);
        if (other !== undefined) { pairs.push([other, k]); state = h; break; }
        seen.set(h, k);
      }
    }
    let keys = [""];
    for (const [a, b] of pairs) keys = keys.flatMap((k) => [k + a, k + b]);
    expect(new Set(keys.map((k) => fnv(k))).size).toBe(1);
    const cases: [string, unknown][] = [
      ["colliding-keys", { registry: Object.fromEntries(keys.map((k) => [k, { "1.0.0": {} }])), root: { [keys[0]!]: "*" } }],
      // array-index names in descending order (JavaScript orders them ascending)
      ["index-names", { registry: Object.fromEntries(Array.from({ length: 100000 }, (_, i) => [String(100000 - i), { "1.0.0": {} }])), root: { "1": "*" } }],
    ];
    // per-version extras of one package with 40,000 versions
    const vs = Array.from({ length: 40000 }, (_, i) => `1.0.${i}`);
    cases.push(["version-extras", {
      registry: { a: Object.fromEntries(vs.map((v) => [v, {}])) }, root: { a: "*" },
      features: { a: Object.fromEntries(vs.map((v) => [v, { f: {} }])) },
      dep_features: { a: Object.fromEntries(vs.map((v) => [v, { x: ["f"] }])) },
      yanked: { a: vs.slice(0, -1) },
    }]);
    for (const [name, scenario] of cases) {
      const file = join(dir, `${name}.json`);
      writeFileSync(file, JSON.stringify(scenario));
      const started = Date.now();
      const run = native([file, "--json"]);
      // linear: well under a second here; quadratic it took 5-20 s
      expect(Date.now() - started, name).toBeLessThan(3000);
      expect(JSON.parse(run.stdout).ok, name).toBe(true);
    }
  }, 60_000);

  it("refuses a request that would balloon past the message limit, as the bindings do", () => {
    // one root feature list repeated for 20,000 target-specific dependencies: 400 million words
    const features = Array.from({ length: 20000 }, (_, i) => `f${i}`);
    const text = JSON.stringify({
      registry: { x: { "1.0.0": {} } }, root: { x: "*" }, root_features: { x: features },
      root_target_deps: Object.fromEntries(features.map((_, i) => [`t${i}`, { x: "*" }])),
    });
    const file = join(dir, "balloon.json");
    writeFileSync(file, text);
    const res = solve(text);
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.error.code).toBe("E_INPUT_TOO_LARGE");
    agree(file, text);
  }, 60_000);

  it("reads a byte order mark, invalid UTF-8 and NUL in keys as the bindings do", () => {
    const cases: [string, Buffer][] = [
      ["bom", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"registry": {"a": {"1.0.0": {}}}, "root": {"a": "*"}}')])],
      // two different invalid bytes decode to the same U+FFFD
      ["invalid-utf8", Buffer.concat([Buffer.from('{"registry": {"'), Buffer.from([0xff]), Buffer.from('x": {"1.0.0": {}}}, "root": {"'), Buffer.from([0xfe]), Buffer.from('x": "*"}}')])],
      ["truncated-sequence", Buffer.concat([Buffer.from('{"registry": {"a'), Buffer.from([0xe2, 0x82]), Buffer.from('": {"1.0.0": {}}}, "root": {"a'), Buffer.from([0xe2, 0x82]), Buffer.from('": "*"}}')])],
      ["lone-surrogate", Buffer.from(String.raw`{"registry": {"a\ud800": {"1.0.0": {"b\udfffx": "*"}}, "b\udfffx": {"1.0.0": {}}}, "root": {"a\ud800": "*"}}`)],
      ["nul-option", Buffer.from('{"registry": {}, "root": {}, "options": {"max_steps\\u0000x": 5}}')],
    ];
    for (const [name, bytes] of cases) {
      const file = join(dir, `${name}.json`);
      writeFileSync(file, bytes);
      const want = solve(new Uint8Array(bytes));
      const run = native([file, "--json"]);
      const got = JSON.parse(run.stdout) as { ok: boolean; solution?: unknown; error?: { code: string } };
      expect(got.ok, name).toBe(want.ok);
      if (want.ok) expect(got.solution, name).toEqual(want.solution);
      else expect(got.error!.code, name).toBe(want.error.code);
    }
  });

  it("stops at the step budget, reads standard input, and refuses a bad command line", () => {
    const text = readFileSync(join(fixtures, "dart-pub/diamond-dependency-graph.json"), "utf8");
    const limited = native(["-", "--json", "--max-steps", "1"], text);
    expect(limited.status).toBe(1);
    expect(JSON.parse(limited.stdout).error.code).toBe("E_STEP_LIMIT");
    const plain = native(["-"], text);
    expect(plain.status).toBe(0);
    expect(plain.stdout).toBe("a 1.0.0\nb 2.0.0\nc 3.0.0\n");
    expect(plain.stderr).toMatch(/^resolved 3 packages in [\d.]+ ms \(\d+ decisions, \d+ conflicts\)\n$/);
    expect(native([]).status).toBe(EXIT.usage);
    expect(native(["a.json", "--max-steps", "x"]).stderr).toMatch(/^error\[E_USAGE\]: --max-steps needs a positive integer/);
    const missing = native([join(dir, "nope.json")]);
    expect(missing.status).toBe(EXIT.input);
    expect(missing.stderr).toMatch(/^error\[E_IO\]: .*nope\.json: cannot read the scenario: no such file\nhint: /);
  });

  it("explains a failure in numbered steps that end in the failure", () => {
    const file = join(fixtures, "dart-pub/no-version-matches-combined-constraint.json");
    const run = native([file]);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^error\[E_NO_SOLUTION\]: no solution found:\n\n/);
    expect(run.stderr).toMatch(/version solving failed\.\n/);
    for (const p of ["foo", "bar", "shared"]) expect(run.stderr).toContain(p);
  });
});

describe("scripts/build-native.mjs", () => {
  it("says what is missing instead of failing obscurely", () => {
    const run = spawnSync(process.execPath, [join(root, "scripts/build-native.mjs")], { encoding: "utf8", env: { ...process.env, PATH: "/nonexistent", CC: "no-such-cc" } });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^error: cannot build cairn-solve: missing wasm2c \(Debian: apt-get install wabt\), a C compiler \(no-such-cc\)/);
  });
});
