import { describe, expect, it } from "vitest";
import { readOri, readOriLock, oriNameProblem } from "../../../bindings/profiles/ori.js";
import { expectError } from "./helpers.js";

const project = `[project]\nname = "@acme/app"\nversion = "1.0.0"\nori = "0.5.0"\n`;
const deps = (body: string) => readOri(`${project}\n[dependencies]\n${body}\n`).dependencies;

describe("ori: the oripk.toml dialect", () => {
  it("reads the dialect and the quoted strict-TOML form to the same result (ambiguity 1)", () => {
    const dialect = readOri(`${project}
[dependencies]
std.json                  # bundled
@orilib/utils = "2.0.1"   # exact

[dependencies.@orilib/parser]
version = "3.0.2"
features = ["unicode"]
`);
    const strict = readOri(`${project}
[dependencies]
"std.json" = {}
"@orilib/utils" = "2.0.1"

[dependencies."@orilib/parser"]
version = "3.0.2"
features = ["unicode"]
`);
    const byName = (m: typeof dialect) => Object.fromEntries(m.dependencies.map((d) => [d.name, d]));
    expect(byName(dialect)).toEqual(byName(strict));
    expect(byName(dialect)["std.json"]).toMatchObject({ source: "stdlib", version_req: null, req_kind: "none" });
    expect(byName(dialect)["@orilib/parser"]).toMatchObject({ source: "registry", version_req: "3.0.2", features: ["unicode"] });
  });

  it("flattens dotted std keys back into one dependency name (ambiguity 2)", () => {
    const d = deps(`std.crypto = "1.0.1"\nstd.encoding.base64 = "1.2.0"`);
    expect(d.map((x) => [x.name, x.source, x.version_req, x.stdlib_override])).toEqual([
      ["std.crypto", "stdlib", "1.0.1", true],
      ["std.encoding.base64", "stdlib", "1.2.0", true],
    ]);
  });

  it("does not rewrite inside multi-line strings and arrays", () => {
    const m = readOri(`${project}
[scripts]
long = """
@orilib/not-a-key = "x"
std.json
"""
[features]
default = [
  "std.json",
]
[dependencies]
std.json
`);
    expect(m.scripts!.long).toBe('@orilib/not-a-key = "x"\nstd.json\n');
    expect(m.features).toEqual({ default: ["std.json"] });
    expect(m.dependencies.map((d) => d.name)).toEqual(["std.json"]);
  });

  it("rejects a bare line outside a dependencies table with its line", () => {
    const e = expectError(() => readOri(`${project}[scripts]\nstd.json\n`), "E_SYNTAX");
    expect(e.location.line).toBe(6);
  });

  it("rejects a bare registry dependency: it needs an exact version", () => {
    expectError(() => deps(`@orilib/utils`), "E_MISSING_FIELD", "dependencies.@orilib/utils");
  });

  it("reports TOML syntax errors at line and column", () => {
    const e = expectError(() => readOri(`${project}[dependencies]\n"@a/b" = \n`), "E_SYNTAX");
    expect(e.location.line).toBe(6);
    expect(e.location.column).toBeGreaterThan(0);
  });
});

describe("ori: versions are exact", () => {
  for (const [req, code] of [
    ["^1.0.0", "E_VERSION_NOT_EXACT"],
    ["~1.2.0", "E_VERSION_NOT_EXACT"],
    [">=1.0.0, <2.0.0", "E_VERSION_NOT_EXACT"],
    ["=1.0.0", "E_VERSION_NOT_EXACT"],
    ["1.2", "E_VERSION_NOT_EXACT"],
    ["1.x", "E_VERSION_NOT_EXACT"],
    ["*", "E_VERSION_NOT_EXACT"],
    ["1.0.0+build.5", "E_INVALID_VERSION"],
    ["banana", "E_INVALID_VERSION"],
  ] as const) {
    it(`rejects "${req}" with ${code}`, () => {
      expectError(() => deps(`"@orilib/utils" = "${req}"`), code, "dependencies.@orilib/utils");
    });
  }

  it("points at the version field of a table dependency, with its line", () => {
    expectError(() => deps(`[dependencies."@orilib/p"]\nversion = "^3.0.0"`), "E_VERSION_NOT_EXACT", "dependencies.@orilib/p.version", 8);
  });

  it("allows a named pre-release and marks it (ambiguity 3)", () => {
    expect(deps(`"@orilib/x" = "1.0.0-alpha.2"`)[0]).toMatchObject({ version_req: "1.0.0-alpha.2", req_kind: "exact", prerelease: true });
  });

  it("takes the `ori` toolchain pin as a strict version too", () => {
    expectError(() => readOri(`[project]\nname = "@a/b"\nversion = "1.0.0"\nori = ">=0.5.0"\n`), "E_VERSION_NOT_EXACT", "project.ori");
    expectError(() => readOri(`[project]\nname = "@a/b"\nversion = "1.0.0"\nori = "latest"\n`), "E_INVALID_VERSION", "project.ori");
  });

  it("rejects build metadata in the package version", () => {
    expectError(() => readOri(`[project]\nname = "@a/b"\nversion = "1.0.0+x"\nori = "0.5.0"\n`), "E_INVALID_VERSION", "project.version");
  });
});

describe("ori: fields", () => {
  it("requires name, version and ori in [project]", () => {
    expectError(() => readOri(`[project]\nversion = "1.0.0"\nori = "0.5.0"\n`), "E_MISSING_FIELD", "project.name");
    expectError(() => readOri(`[project]\nname = "@a/b"\nori = "0.5.0"\n`), "E_MISSING_FIELD", "project.version");
    expectError(() => readOri(`[project]\nname = "@a/b"\nversion = "1.0.0"\n`), "E_MISSING_FIELD", "project.ori");
    expectError(() => readOri(`[dependencies]\n`), "E_MISSING_FIELD", "project");
  });

  it("warns about unknown fields and goes on", () => {
    const m = readOri(`${project}colour = "red"\n[tooling]\nx = 1\n`);
    expect(m.warnings.map((w) => [w.code, w.path, w.line])).toEqual([
      ["W_UNKNOWN_FIELD", "tooling", 6],
      ["W_UNKNOWN_FIELD", "project.colour", 5],
    ]);
    expect(m.package).toEqual({ name: "@acme/app", version: "1.0.0", ori: "0.5.0" });
  });

  it("checks types", () => {
    expectError(() => readOri(`[project]\nname = 5\nversion = "1.0.0"\nori = "0.5.0"\n`), "E_INVALID_TYPE", "project.name");
    expectError(() => deps(`"@a/b" = { version = "1.0.0", features = "x" }`), "E_INVALID_TYPE", "dependencies.@a/b.features");
  });

  it("applies the naming rules (ambiguity 6: reserved words to the name part, `std` to scope and name)", () => {
    expect(oriNameProblem("@acme/app")).toBeNull();
    expect(oriNameProblem("plain-name")).toBeNull();
    expect(oriNameProblem("@acme/App")).toMatch(/lowercase/);
    expect(oriNameProblem("@acme/test")).toMatch(/reserved/);
    expect(oriNameProblem("@test/app")).toBeNull();
    expect(oriNameProblem("@acme/stdx")).toMatch(/std/);
    expect(oriNameProblem("@std/x")).toMatch(/std/);
    expect(oriNameProblem(`@a/${"x".repeat(70)}`)).toMatch(/64/);
    expectError(() => readOri(`[project]\nname = "@acme/tmp"\nversion = "1.0.0"\nori = "0.5.0"\n`), "E_INVALID_NAME", "project.name");
    expectError(() => deps(`"@Acme/x" = "1.0.0"`), "E_INVALID_NAME", "dependencies.@Acme/x");
  });

  it("reads git (rev; tag and branch too — ambiguity 8), path and target dependencies", () => {
    const d = readOri(`${project}
[dependencies]
"@a/g" = { git = "https://example.com/g.git", rev = "0123abcd" }
"@a/t" = { git = "https://example.com/t.git", tag = "v1.0.0" }
"@a/p" = { path = "../p" }
[target."cfg(unix)".dependencies]
"@a/u" = "1.0.0"
[dev-dependencies]
"@a/d" = "2.0.0"
`).dependencies;
    expect(d.map((x) => x.name)).toEqual(["@a/g", "@a/t", "@a/p", "@a/d", "@a/u"]);
    expect(d.find((x) => x.name === "@a/u")).toMatchObject({ target: "cfg(unix)", source: "registry" });
    expect(d.find((x) => x.name === "@a/d")).toMatchObject({ kind: "dev", version_req: "2.0.0" });
    expect(d.find((x) => x.name === "@a/t")!.git).toEqual({ url: "https://example.com/t.git", ref: "v1.0.0", ref_kind: "tag" });
    expect(d.find((x) => x.name === "@a/g")!.git).toEqual({ url: "https://example.com/g.git", ref: "0123abcd", ref_kind: "rev" });
    expect(d.find((x) => x.name === "@a/p")).toMatchObject({ source: "path", path: "../p", version_req: null });
  });

  it("rejects std modules from git or a path, and workspace = true with a version", () => {
    expectError(() => deps(`"std.json" = { path = "../json" }`), "E_INVALID_TYPE", "dependencies.std.json.path");
    expectError(() => deps(`"@a/b" = { workspace = true, version = "1.0.0" }`), "E_INVALID_TYPE", "dependencies.@a/b.version");
  });

  it("resolves workspace = true against the root and merges features", () => {
    const root = `[project]\nname = "@acme/root"\nversion = "1.0.0"\nori = "0.5.0"\n[workspace]\nmembers = ["a"]\n[workspace.dependencies]\n"@x/y" = { version = "3.1.4", features = ["base"] }\n`;
    const m = readOri(`${project}[dependencies]\n"@x/y" = { workspace = true, features = ["extra"] }\n`, { workspaceRoot: { text: root } });
    expect(m.dependencies[0]).toMatchObject({ source: "workspace", version_req: "3.1.4", features: ["base", "extra"], resolved_from: "workspace.dependencies" });
    expect(m.workspace).toMatchObject({ members: ["a"] });
    expectError(() => readOri(`${project}[dependencies]\n"@x/z" = { workspace = true }\n`, { workspaceRoot: { text: root } }), "E_MISSING_FIELD", "dependencies.@x/z.workspace");
    const alone = readOri(`${project}[dependencies]\n"@x/y" = { workspace = true }\n`);
    expect(alone.warnings.map((w) => w.code)).toEqual(["W_DEPENDENCY_WITHOUT_SOURCE"]);
  });
});

describe("ori: oripk.lock", () => {
  const digest = "a".repeat(64);
  it("reads checksums keyed by package:version", () => {
    const l = readOriLock(`[checksums]\n"@orilib/parser:3.0.2" = "sha256:${digest}"\n"@orilib/utils:2.0.1-rc.1" = "sha256:${"b".repeat(64)}"\n`);
    expect(l.lock).toEqual([
      { package: "@orilib/parser", version: "3.0.2", checksum: { algorithm: "sha256", digest }, source: null, git_hash: null },
      { package: "@orilib/utils", version: "2.0.1-rc.1", checksum: { algorithm: "sha256", digest: "b".repeat(64) }, source: null, git_hash: null },
    ]);
  });
  it("rejects malformed checksums, keys and versions", () => {
    expectError(() => readOriLock(`[checksums]\n"@a/b:1.0.0" = "sha256:abc123..."\n`), "E_INVALID_CHECKSUM", "checksums.@a/b:1.0.0", 2);
    expectError(() => readOriLock(`[checksums]\n"@a/b:1.0.0" = "md5:${digest}"\n`), "E_INVALID_CHECKSUM");
    expectError(() => readOriLock(`[checksums]\n"@a/b:1.0.0" = "sha256:${digest.toUpperCase()}"\n`), "E_INVALID_CHECKSUM");
    expectError(() => readOriLock(`[checksums]\n"@a/b" = "sha256:${digest}"\n`), "E_INVALID_NAME");
    expectError(() => readOriLock(`[checksums]\n"@a/b:1.0" = "sha256:${digest}"\n`), "E_INVALID_VERSION");
  });
  it("warns about anything besides [checksums] (it is not a version lock)", () => {
    expect(readOriLock(`[packages]\nx = 1\n`).warnings.map((w) => w.path)).toEqual(["packages"]);
  });
});

describe("ori: line endings and byte-order marks", () => {
  it("reads a CRLF dialect file with a BOM like the plain one", async () => {
    const { readManifest } = await import("../../../bindings/profiles/index.js");
    const text = `${project}[dependencies]\nstd.json\n@o/u = "2.0.1"\n[dependencies.@o/p]\nversion = "3.0.2"\n`;
    const crlf = readManifest("ori", `\uFEFF${text.replace(/\n/g, "\r\n")}`);
    expect(crlf.dependencies).toEqual(readManifest("ori", text).dependencies);
    expect(crlf.dependencies.map((d) => d.name).sort()).toEqual(["@o/p", "@o/u", "std.json"]);
  });
});

describe("ori: positions in dialect lines", () => {
  it("reports a syntax error's column in the text as written, not the rewritten text", () => {
    // `@o/u = ` has no value: the error is after the `=`, at column 7 of the original line.
    const e = expectError(() => readOri(`${project}[dependencies]\n@o/u = \n`), "E_SYNTAX", undefined, 6);
    const strict = expectError(() => readOri(`${project}[dependencies]\nou__ = \n`), "E_SYNTAX", undefined, 6);
    expect(e.location.column).toBe(strict.location.column);
  });
});
