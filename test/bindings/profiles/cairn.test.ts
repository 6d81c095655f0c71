import { describe, expect, it } from "vitest";
import { readCairn } from "../../../bindings/profiles/cairn.js";
import { expectError } from "./helpers.js";

const full = `[package]
name = "@acme/app"
version = "1.2.0"
description = "everything the core can do"

[options]
versions = "lowest"
prerelease = "fallback"
policy = "cargo"
cycles = "forbid"
missing-feature = "error"

[dependencies]
json = "^1.4"
http = { version = "~2.1", features = ["tls"], default-features = false }
fmt = { package = "@acme/format", version = ">=1 <3" }
redis = { version = "^3", optional = true }
local = { path = "../local" }
remote = { git = "https://example.com/r.git", branch = "dev" }
io = { stdlib = true }

[dev-dependencies]
test-kit = "1.x"

[target.wasm32.dependencies]
wasi = "^0.2"

[features]
default = ["cache"]
cache = ["dep:redis", "http/gzip"]

[overrides]
json = "=1.4.2"

[registries.corp]
url = "https://registry.example.com"
`;

describe("cairn.toml", () => {
  it("expresses every feature of the core", () => {
    const m = readCairn(full);
    expect(m.package).toEqual({ name: "@acme/app", version: "1.2.0", description: "everything the core can do" });
    expect(m.options).toEqual({ versions: "lowest", prerelease: "fallback", policy: "cargo", cycles: "forbid", "missing-feature": "error" });
    expect(m.dependencies.map((d) => [d.name, d.package, d.source, d.version_req, d.req_kind, d.kind, d.target, d.optional])).toEqual([
      ["json", "json", "registry", "^1.4", "caret", "normal", null, false],
      ["http", "http", "registry", "~2.1", "tilde", "normal", null, false],
      ["fmt", "@acme/format", "registry", ">=1 <3", "range", "normal", null, false],
      ["redis", "redis", "registry", "^3", "caret", "normal", null, true],
      ["local", "local", "path", null, "none", "normal", null, false],
      ["remote", "remote", "git", null, "none", "normal", null, false],
      ["io", "io", "stdlib", null, "none", "normal", null, false],
      ["test-kit", "test-kit", "registry", "1.x", "wildcard", "dev", null, false],
      ["wasi", "wasi", "registry", "^0.2", "caret", "normal", "wasm32", false],
    ]);
    expect(m.dependencies[1]).toMatchObject({ features: ["tls"], default_features: false });
    expect(m.dependencies[5]!.git).toEqual({ url: "https://example.com/r.git", ref: "dev", ref_kind: "branch" });
    expect(m.overrides).toEqual({ json: "=1.4.2" });
    expect(m.registries).toEqual({ corp: { url: "https://registry.example.com" } });
    expect(m.warnings).toEqual([]);
  });

  it("rejects bad options, requirements, names and mixed sources", () => {
    expectError(() => readCairn(`[package]\nname = "a"\n[options]\npolicy = "many"\n`), "E_INVALID_TYPE", "options.policy", 4);
    expectError(() => readCairn(`[package]\nname = "a"\n[dependencies]\nb = "^^1"\n`), "E_INVALID_VERSION_REQ", "dependencies.b");
    expectError(() => readCairn(`[package]\nname = "A B"\n`), "E_INVALID_NAME", "package.name");
    expectError(() => readCairn(`[package]\nname = "a"\n[dependencies]\nb = { path = "x", git = "y" }\n`), "E_INVALID_TYPE", "dependencies.b.git");
    expectError(() => readCairn(`[package]\nname = "a"\n[dependencies]\nb = { features = ["x"] }\n`), "E_MISSING_FIELD", "dependencies.b.version");
    expectError(() => readCairn(`[package]\nname = "a"\nversion = "1"\n`), "E_INVALID_VERSION", "package.version");
  });

  it("warns about unknown fields, like cargo", () => {
    const m = readCairn(`[package]\nname = "a"\nedition = "x"\n[lints]\n`);
    expect(m.warnings.map((w) => [w.code, w.path])).toEqual([["W_UNKNOWN_FIELD", "lints"], ["W_UNKNOWN_FIELD", "package.edition"]]);
  });
});
