import { describe, expect, it } from "vitest";
import { readMinz, readMinzRegistry } from "../../../bindings/profiles/minz.js";
import { expectError } from "./helpers.js";

const pkg = `[package]\nname = "snake"\nversion = "0.1.0"\n`;
const deps = (body: string) => readMinz(`${pkg}[dependencies]\n${body}\n`).dependencies;

describe("minz mzp.toml", () => {
  it("classifies every requirement form of the design", () => {
    const d = deps(`a = "^1.2.3"\nb = "~1.2.3"\nc = "=1.2.3"\nd = ">=1.2.3"\ne = "1.2.x"\nf = "1.2.3"\ng = "*"\nh = ">=1.0.0 <2.0.0"\ni = "<2.0.0"\nj = ">1.0.0"\nk = "<=1.0.0"`);
    expect(Object.fromEntries(d.map((x) => [x.name, x.req_kind]))).toEqual({
      a: "caret", b: "tilde", c: "exact", d: "gte", e: "wildcard", f: "bare", g: "any", h: "range", i: "lt", j: "gt", k: "lte",
    });
    expect(d.every((x) => x.source === "registry" && x.package === x.name)).toBe(true);
  });

  it("keeps a bare version as written and `bare` (ambiguity 2)", () => {
    expect(deps(`zx-core = "1.0.0"`)[0]).toMatchObject({ version_req: "1.0.0", req_kind: "bare" });
  });

  it("rejects invalid requirements and names with their paths", () => {
    expectError(() => deps(`zx-core = "^^1"`), "E_INVALID_VERSION_REQ", "dependencies.zx-core", 5);
    expectError(() => deps(`ZX = "1.0.0"`), "E_INVALID_NAME", "dependencies.ZX");
    expectError(() => readMinz(`[package]\nname = "snake"\nversion = "one"\n`), "E_INVALID_VERSION", "package.version");
    expectError(() => readMinz(`[package]\nversion = "1.0.0"\n`), "E_MISSING_FIELD", "package.name");
    expectError(() => readMinz(`[dependencies]\n`), "E_MISSING_FIELD", "package");
  });

  it("reads platform dependencies as target dependencies (ambiguity 4: kept apart from [targets])", () => {
    const m = readMinz(`${pkg}[platform-dependencies.spectrum]\nzx-hw = "^2.0.0"\n[platform-dependencies.cpm]\ncpm-io = "^1.0.0"\n[targets]\ndefault = "z80"\nsupported = ["z80"]\n`);
    expect(m.dependencies.map((d) => [d.name, d.target])).toEqual([["zx-hw", "spectrum"], ["cpm-io", "cpm"]]);
    expect(m.targets).toEqual({ default: "z80", supported: ["z80"] });
  });

  it("reads features as file lists (ambiguity 5) and checks that default names defined features", () => {
    const m = readMinz(`${pkg}[features]\nsprites = ["src/sprites.minz"]\ndefault = ["sprites"]\n`);
    expect(m.features).toEqual({ sprites: ["src/sprites.minz"], default: ["sprites"] });
    expectError(() => readMinz(`${pkg}[features]\ndefault = ["nope"]\n`), "E_MISSING_FIELD", "features.default.0");
    expectError(() => readMinz(`${pkg}[features]\nx = ["../outside.minz"]\n`), "E_INVALID_PATH", "features.x.0");
  });

  it("reads github:, file: and table sources (ambiguity 3)", () => {
    const d = deps(`gfx = "github:user/zx-gfx"\ntagged = "github:user/t#v1.2.0"\nlocal = "file:../mylib"\nrel = "./vendor/x"\ntab = { git = "https://example.com/r.git", tag = "v2" }\nlp = { path = "../lp", version = "^1.0.0" }`);
    expect(d.map((x) => [x.name, x.source, x.git?.url ?? x.path, x.git?.ref ?? null])).toEqual([
      ["gfx", "git", "https://github.com/user/zx-gfx", null],
      ["tagged", "git", "https://github.com/user/t", "v1.2.0"],
      ["local", "path", "../mylib", null],
      ["rel", "path", "./vendor/x", null],
      ["tab", "git", "https://example.com/r.git", "v2"],
      ["lp", "path", "../lp", null],
    ]);
    expect(d[5]).toMatchObject({ version_req: "^1.0.0", req_kind: "caret" });
  });

  it("keeps metadata and exports, checks export paths, warns on unknown sections", () => {
    const m = readMinz(`${pkg}edition = 1\n[metadata]\nkeywords = ["a"]\n[exports]\nmain = "src/lib.minz"\n[build]\nx = 1\n`);
    expect(m.metadata).toEqual({ keywords: ["a"] });
    expect(m.exports).toEqual({ main: "src/lib.minz" });
    expect(m.warnings.map((w) => w.path)).toEqual(["build", "package.edition"]);
    expectError(() => readMinz(`${pkg}[exports]\nmain = "/etc/passwd"\n`), "E_INVALID_PATH", "exports.main");
  });
});

describe("minz registry document", () => {
  const sum = `sha256:${"c".repeat(64)}`;
  const doc = (versions: string, extra = "") => `{"name": "zx-graphics", "description": "gfx", "keywords": ["gfx"], ${extra}"versions": {${versions}}}`;
  it("reads versions with url, checksum and dependencies", () => {
    const m = readMinzRegistry(doc(`"1.0.0": {"url": "https://github.com/u/zx-graphics/archive/v1.0.0.tar.gz", "checksum": "${sum}", "dependencies": {"zx-core": "^1.0.0"}}`, `"latest": "1.0.0", `));
    expect(m.package).toEqual({ name: "zx-graphics", description: "gfx", keywords: ["gfx"], latest: "1.0.0" });
    expect(m.versions).toEqual({
      "1.0.0": {
        url: "https://github.com/u/zx-graphics/archive/v1.0.0.tar.gz",
        checksum: { algorithm: "sha256", digest: "c".repeat(64) },
        dependencies: [expect.objectContaining({ name: "zx-core", version_req: "^1.0.0", req_kind: "caret" })],
      },
    });
  });
  it("rejects bad checksums, versions and a latest that is not listed", () => {
    expectError(() => readMinzRegistry(doc(`"1.0.0": {"checksum": "sha256:abc"}`)), "E_INVALID_CHECKSUM", "versions.1.0.0.checksum");
    expectError(() => readMinzRegistry(doc(`"v1": {}`)), "E_INVALID_VERSION", "versions.v1");
    expectError(() => readMinzRegistry(doc(`"1.0.0": {}`, `"latest": "2.0.0", `)), "E_MISSING_FIELD", "latest");
    expectError(() => readMinzRegistry(`{"versions": {}}`), "E_MISSING_FIELD", "name");
  });
  it("reports JSON syntax errors with line and column", () => {
    const e = expectError(() => readMinzRegistry(`{\n  "name": "x",\n  "versions": {,}\n}`), "E_SYNTAX");
    expect(e.location.line).toBe(3);
  });
});
