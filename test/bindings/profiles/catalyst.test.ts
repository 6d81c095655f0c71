import { describe, expect, it } from "vitest";
import { readCatalyst, readCatalystCep } from "../../../bindings/profiles/catalyst.js";
import { expectError } from "./helpers.js";

const v1 = (extra = "") => readCatalyst(`name = "json"\nversion = "2026.1"\nmain = "src/json.ct"\n${extra}`);

describe("catalyst V1 module.toml", () => {
  it("keeps the version opaque (YearVer is fine) and metadata uninterpreted", () => {
    const m = v1(`author = ["A", "B"]\nkeywords = ["x"]\nhomepage = "not a url, not checked"\n`);
    expect(m.package).toEqual({ name: "json", version: "2026.1", main: "src/json.ct", metadata: { author: ["A", "B"], keywords: ["x"], homepage: "not a url, not checked" } });
    expect(m.dependencies).toEqual([]);
  });

  it("requires name, version and main", () => {
    expectError(() => readCatalyst(`version = "1"\nmain = "a.ct"\n`), "E_MISSING_FIELD", "name");
    expectError(() => readCatalyst(`name = "a"\nmain = "a.ct"\n`), "E_MISSING_FIELD", "version");
    expectError(() => readCatalyst(`name = "a"\nversion = "1"\n`), "E_MISSING_FIELD", "main");
  });

  it("requires the name to be a Catalyst identifier (ambiguity 8)", () => {
    expectError(() => readCatalyst(`name = "audio-tools"\nversion = "1"\nmain = "a.ct"\n`), "E_INVALID_NAME", "name");
    expectError(() => readCatalyst(`name = "9lives"\nversion = "1"\nmain = "a.ct"\n`), "E_INVALID_NAME", "name");
    expect(readCatalyst(`name = "_Audio2"\nversion = "1"\nmain = "a.ct"\n`).package!.name).toBe("_Audio2");
  });

  it("keeps main a .ct file inside the module root after normalisation", () => {
    expect(v1().package!.main).toBe("src/json.ct");
    expect(readCatalyst(`name = "a"\nversion = "1"\nmain = "src/../lib/a.ct"\n`).package!.main).toBe("src/../lib/a.ct");
    for (const bad of ["../shared/main.ct", "src/../../x.ct", "/abs/main.ct", "C:/x/main.ct", "src/main.py", ".", "src/.."])
      expectError(() => readCatalyst(`name = "a"\nversion = "1"\nmain = "${bad}"\n`), "E_INVALID_PATH", "main");
  });

  it("makes unknown fields hard errors, with the line", () => {
    expectError(() => v1(`edition = "2026"\n`), "E_UNKNOWN_FIELD", "edition", 4);
    expectError(() => v1(`[build]\nopt = 1\n`), "E_UNKNOWN_FIELD", "build");
  });

  it("rejects the CEP-0003 [package] table and says which profile reads it (ambiguity 2)", () => {
    const e = expectError(() => readCatalyst(`[package]\nname = "audio-tools"\nversion = "2.1.0"\n`), "E_UNKNOWN_FIELD", "package");
    expect(e.hint).toMatch(/catalyst-cep0003/);
  });

  it("reads local dependencies as `{ path }` or a bare path string (ambiguity 1); the key is the alias", () => {
    const m = v1(`[dependencies]\ndsp = { path = "../dsp" }\nutil = "../util"\n`);
    expect(m.dependencies.map((d) => [d.name, d.package, d.source, d.path])).toEqual([
      ["dsp", null, "path", "../dsp"],
      ["util", null, "path", "../util"],
    ]);
  });

  it("keeps V1 dependencies local and direct", () => {
    expectError(() => v1(`[dependencies]\njson = { path = "../j", version = "1.0" }\n`), "E_UNKNOWN_FIELD", "dependencies.json.version");
    expectError(() => v1(`[dependencies]\njson = { package = "@c/json" }\n`), "E_UNKNOWN_FIELD", "dependencies.json.package");
    expectError(() => v1(`[dependencies]\n"my-json" = "../j"\n`), "E_INVALID_NAME", "dependencies.my-json");
    expectError(() => v1(`[dependencies]\njson = ""\n`), "E_INVALID_PATH", "dependencies.json");
    expectError(() => v1(`[dependencies]\njson = 3\n`), "E_INVALID_TYPE", "dependencies.json");
  });

  it("checks metadata types", () => {
    expectError(() => v1(`author = 3\n`), "E_INVALID_TYPE", "author");
    expectError(() => v1(`keywords = "x"\n`), "E_INVALID_TYPE", "keywords");
  });
});

describe("catalyst CEP-0003 draft", () => {
  const cep = `[package]
name = "audio-tools"
version = "2.1.0"
[dependencies]
json = { package = "@catalyst/json", version = "^1.4" }
dsp = { path = "../dsp", optional = true }
fmt = "0.3"
[target."wasm32-unknown".dependencies]
audio_host = { package = "@vendor/web-audio", version = "0.3" }
`;
  it("reads the CEP example: aliases apart from identities, bare versions as `bare` (ambiguity 4)", () => {
    const m = readCatalystCep(cep);
    expect(m.package).toEqual({ name: "audio-tools", version: "2.1.0" });
    expect(m.dependencies.map((d) => [d.name, d.package, d.source, d.version_req, d.req_kind, d.optional, d.target])).toEqual([
      ["json", "@catalyst/json", "registry", "^1.4", "caret", false, null],
      ["dsp", null, "path", null, "none", true, null],
      ["fmt", "fmt", "registry", "0.3", "bare", false, null],
      ["audio_host", "@vendor/web-audio", "registry", "0.3", "bare", false, "wasm32-unknown"],
    ]);
  });

  it("allows a package name that is not an identifier (ambiguity 3) and main optional (ambiguity 7)", () => {
    expect(readCatalystCep(`[package]\nname = "@vendor/audio-tools"\nversion = "1.0.0"\n`).package).toEqual({ name: "@vendor/audio-tools", version: "1.0.0" });
    expect(readCatalystCep(`[package]\nname = "a"\nversion = "1"\nmain = "src/a.ct"\n`).package!.main).toBe("src/a.ct");
  });

  it("cannot constrain a YearVer package with a range (ambiguity 5)", () => {
    expectError(() => readCatalystCep(`[package]\nname = "a"\nversion = "1"\n[dependencies]\ncal = { package = "cal", version = "^2026.03" }\n`), "E_INVALID_VERSION_REQ", "dependencies.cal.version");
    expect(readCatalystCep(`[package]\nname = "a"\nversion = "2026.03"\n[dependencies]\ncal = { package = "cal", version = "*" }\n`).package!.version).toBe("2026.03");
  });

  it("errors on unknown fields, bad requirements, identities and aliases", () => {
    expectError(() => readCatalystCep(`${cep}[registry]\nx = 1\n`), "E_UNKNOWN_FIELD", "registry");
    expectError(() => readCatalystCep(`name = "x"\n[package]\nname = "a"\nversion = "1"\n`), "E_UNKNOWN_FIELD", "name");
    expectError(() => readCatalystCep(`[package]\nname = "a"\nversion = "1"\n[dependencies]\nj = { package = "@c/j", version = "^^1" }\n`), "E_INVALID_VERSION_REQ", "dependencies.j.version");
    expectError(() => readCatalystCep(`[package]\nname = "a"\nversion = "1"\n[dependencies]\nj = { package = "@C/J!", version = "1" }\n`), "E_INVALID_NAME", "dependencies.j.package");
    expectError(() => readCatalystCep(`[package]\nname = "a"\nversion = "1"\n[dependencies]\nj = { package = "@c/j", flavour = "x" }\n`), "E_UNKNOWN_FIELD", "dependencies.j.flavour");
    expectError(() => readCatalystCep(`[package]\nname = "a"\nversion = "1"\n[dependencies]\n"web-audio" = "1"\n`), "E_INVALID_NAME", "dependencies.web-audio");
    expectError(() => readCatalystCep(`[dependencies]\n`), "E_MISSING_FIELD", "package");
  });
});
