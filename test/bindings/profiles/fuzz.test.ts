// Fuzz: mutated corpus manifests and random token soup for every reader. Each
// input must give a result or a CairnError from the catalogue with a position
// (line or field path) — never another exception, a hang or a stack overflow.
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { CairnError, CATALOGUE } from "../../../bindings/errors.js";
import { readLock, readManifest, toResolution } from "../../../bindings/profiles/index.js";
import { FIXTURES } from "./corpus-cases.js";

const RUNS = 10_000;

function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const fixture = (p: string) => readFileSync(join(FIXTURES, p), "utf8");

interface Target {
  name: string;
  run: (text: string) => unknown;
  seeds: string[];
  tokens: string[];
}

const COMMON = ["\n", " ", "\t", '"', "'", "\\", "=", ",", ".", "#", "[", "]", "{", "}", "(", ")", ":", ";", "@", "/", "0", "1.0.0", "^1.2", "x", "é", "\u0000", "\r\n", "-", "*", "true"];
const TOML = ["[[", "]]", '"""', "'''", "std.json", "@a/b", "[dependencies]", "[dependencies.@x/y]", "version = ", "= {", "features = [", "1979-05-27", "inf", "0x1F", "a.b.c = 1"];
const ORI_SEED = `[project]\nname = "@acme/app"\nversion = "1.0.0"\nori = "0.5.0"\n[dependencies]\nstd.json\n@o/u = "2.0.1"\n"@o/g" = { git = "https://x/g.git", rev = "abc1234" }\n[target."cfg(unix)".dependencies]\n"@o/p" = { path = "../p" }\n[workspace]\nmembers = ["a"]\n`;

const targets: Target[] = [
  {
    name: "ori",
    run: (t) => toResolution(readManifest("ori", t, { workspaceRoot: { text: fixture("ori/ori-16-workspace-member/oripk.toml") } })),
    seeds: [fixture("ori/ori-01-design-manifest-dialect/oripk.toml"), fixture("ori/ori-04-stdlib-override-dotted-key/oripk.toml"), fixture("ori/ori-16-workspace-member/crates/cli/oripk.toml"), ORI_SEED],
    tokens: [...COMMON, ...TOML],
  },
  {
    name: "ori lock",
    run: (t) => readLock("ori", t),
    seeds: [`[checksums]\n"@orilib/parser:3.0.2" = "sha256:${"a".repeat(64)}"\n"@o/u:2.0.1" = "sha256:${"b".repeat(64)}"\n`],
    tokens: [...COMMON, ...TOML, "sha256:", "a".repeat(64)],
  },
  {
    name: "catalyst",
    run: (t) => readManifest("catalyst", t),
    seeds: [fixture("catalyst/cat-01-v1-minimal/module.toml"), fixture("catalyst/cat-10-v1-author-string/module.toml"), `name = "a"\nversion = "1"\nmain = "src/a.ct"\n[dependencies]\nb = { path = "../b" }\nc = "../c"\n`],
    tokens: [...COMMON, ...TOML, ".ct", "../", "main = "],
  },
  {
    name: "catalyst-cep0003",
    run: (t) => toResolution(readManifest("catalyst-cep0003", t), { target: "wasm32-unknown" }),
    seeds: [`[package]\nname = "audio-tools"\nversion = "2.1.0"\n[dependencies]\njson = { package = "@catalyst/json", version = "^1.4" }\ndsp = { path = "../dsp", optional = true }\n[target."wasm32-unknown".dependencies]\naudio_host = { package = "@vendor/web-audio", version = "0.3" }\n[features]\ndefault = ["dsp"]\n`],
    tokens: [...COMMON, ...TOML, "package = ", "optional = true"],
  },
  {
    name: "minz",
    run: (t) => toResolution(readManifest("minz", t), { target: "spectrum" }),
    seeds: [fixture("minz/mzp-01-design-manifest/mzp.toml"), fixture("minz/mzp-04-wildcard-tilde-platform/mzp.toml")],
    tokens: [...COMMON, ...TOML, "github:u/r", "file:../x", "1.2.x", "~0.3.1"],
  },
  {
    name: "minz-registry",
    run: (t) => readManifest("minz-registry", t),
    seeds: [`{"name": "zx-graphics", "latest": "1.0.0", "versions": {"1.0.0": {"url": "https://x/a.tar.gz", "checksum": "sha256:${"c".repeat(64)}", "dependencies": {"zx-core": "^1.0.0"}}}}`],
    tokens: [...COMMON, "null", "[]", "{}", '"versions"', '"checksum"', "1e999", '"\\u0000"'],
  },
  {
    name: "zirric",
    run: (t) => toResolution(readManifest("zirric", t)),
    seeds: [fixture("zirric/zir-01-ze002-dependencies/Cavefile"), fixture("zirric/zir-04-package-metadata/Cavefile"), fixture("zirric/zir-07-dependency-metadata/Cavefile"), fixture("zirric/zir-10-field-without-source-is-skipped/Cavefile")],
    tokens: [...COMMON, "@cave.", "Git(", "Version(", "Stdlib(", "Local(", "data ", "mod ", "import ", "//", "/*", "*/", "func f() {", "@tasks.Call(fn(o) {", ">= 1.0.0"],
  },
  {
    name: "epsilon package.edn",
    run: (t) => toResolution(readManifest("epsilon", t)),
    seeds: [fixture("epsilon/eps-01-core-package-edn/package.edn"), fixture("epsilon/eps-04-keyword-keys-version-map/package.edn"), fixture("epsilon/eps-07-optional-and-features/package.edn"), fixture("epsilon/eps-16-plist-depends-on/package.edn")],
    tokens: [...COMMON, "#_", "#{", "#inst", "nil", ":name", '"dependencies"', "git+https://x/y.git@v1", "\\newline", "latest", "^2.1.0"],
  },
  {
    name: "epsilon module.sexp",
    run: (t) => readManifest("epsilon", t, { fileName: "module.sexp" }),
    seeds: [fixture("epsilon/eps-13-module-sexp-err-unknown-key/module.sexp"), `(:name "epsilon.http" :requires ("epsilon.core") :provides ("epsilon.http") :platform "linux")`],
    tokens: [...COMMON, "#|", "|#", "'", "`", ":requires", ":NAME", "nil"],
  },
  {
    name: "epsilon lock",
    run: (t) => readLock("epsilon", t),
    seeds: [fixture("epsilon/eps-10-err-lockfile-truncated-digest/epsilon-lock.edn").replace(/sha256:[0-9a-f]+/g, `sha256:${"e".repeat(64)}`)],
    tokens: [...COMMON, '"checksum"', '"git-hash"', "a".repeat(40), "sha256:"],
  },
  {
    name: "cairn",
    run: (t) => toResolution(readManifest("cairn", t)),
    seeds: [`[package]\nname = "@a/app"\nversion = "1.0.0"\n[options]\nversions = "lowest"\n[dependencies]\njson = "^1.4"\nhttp = { version = "~2", features = ["tls"] }\nr = { version = "^3", optional = true }\n[features]\ndefault = ["c"]\nc = ["dep:r", "http/gzip"]\n[overrides]\njson = "=1.4.2"\n`],
    tokens: [...COMMON, ...TOML, "dep:", "optional = true"],
  },
];

function mutate(seed: string, rnd: () => number, tokens: string[]): string {
  let s = seed;
  const n = 1 + Math.floor(rnd() * 4);
  for (let k = 0; k < n; k++) {
    const at = Math.floor(rnd() * (s.length + 1));
    const op = rnd();
    if (op < 0.4) s = s.slice(0, at) + tokens[Math.floor(rnd() * tokens.length)] + s.slice(at);
    else if (op < 0.65) s = s.slice(0, at) + s.slice(at + 1 + Math.floor(rnd() * 8));
    else if (op < 0.8) {
      const len = Math.floor(rnd() * 40);
      s = s.slice(0, at) + s.slice(at, at + len) + s.slice(at);
    } else if (op < 0.9) s = s.slice(0, at) + String.fromCharCode(Math.floor(rnd() * 0x3000)) + s.slice(at + 1);
    else {
      const lines = s.split("\n");
      const i = Math.floor(rnd() * lines.length);
      const j = Math.floor(rnd() * lines.length);
      [lines[i], lines[j]] = [lines[j]!, lines[i]!];
      s = lines.join("\n");
    }
  }
  return s;
}

function soup(rnd: () => number, tokens: string[]): string {
  let s = "";
  const n = Math.floor(rnd() * 60);
  for (let k = 0; k < n; k++) s += tokens[Math.floor(rnd() * tokens.length)];
  return s;
}

const DEEP = (open: string, close: string, n = 50_000) => open.repeat(n) + close.repeat(n);

/** Returns true when the reader accepted the input. */
function check(t: Target, input: string): boolean {
  const start = performance.now();
  let ok = false;
  try {
    JSON.stringify(t.run(input));
    ok = true;
  } catch (e) {
    if (!(e instanceof CairnError)) throw new Error(`${t.name}: ${String(e)} for input ${JSON.stringify(input.slice(0, 300))}`);
    if (!(e.code in CATALOGUE)) throw new Error(`${t.name}: unknown code ${e.code}`);
    if (e.location.line === undefined && !e.location.path && e.code !== "E_BAD_OPTION")
      throw new Error(`${t.name}: ${e.code} without a position for ${JSON.stringify(input.slice(0, 300))}`);
  }
  const ms = performance.now() - start;
  // Generous: the machine is shared; a real hang or quadratic blow-up is far beyond this.
  if (ms > 5000) throw new Error(`${t.name}: ${ms.toFixed(0)} ms for one input of ${input.length} chars`);
  return ok;
}

describe("profile readers under fuzzing", () => {
  for (const t of targets) {
    it(`${t.name}: ${RUNS} mutated and random inputs give a result or a positioned coded error`, () => {
      const rnd = prng(0xca1 + t.name.length * 7919);
      let accepted = 0;
      for (let i = 0; i < RUNS; i++) {
        const input = i % 5 === 4 ? soup(rnd, t.tokens) : mutate(t.seeds[i % t.seeds.length]!, rnd, t.tokens);
        if (check(t, input)) accepted++;
      }
      // Deep nesting and huge single tokens: capped, linear.
      for (const input of [DEEP("[", "]"), DEEP("{", "}"), DEEP("(", ")"), `a = ${DEEP("[", "]")}`, `x = ${DEEP("{a=", "}")}`, `"${"a".repeat(1_000_000)}"`, "@".repeat(100_000), "#_".repeat(50_000) + "1"]) check(t, input);
      // The mutations must reach the readers' semantic checks, not only fail in the grammar.
      expect(accepted).toBeGreaterThan(RUNS * 0.02);
      expect(accepted).toBeLessThan(RUNS);
    });
  }
});
