import { describe, expect, it } from "vitest";
import { readManifest, toResolution, detectProfile } from "../../../bindings/profiles/index.js";
import { toRange } from "../../../bindings/profiles/resolution.js";
import { errorOf } from "./helpers.js";

describe("toResolution", () => {
  it("ori: exact-only, stdlib apart (never resolved), overrides of std listed but not fetched", () => {
    const m = readManifest("ori", `[project]\nname = "@a/app"\nversion = "1.0.0"\nori = "0.5.0"\n[dependencies]\nstd.json\nstd.crypto = "1.0.1"\n@o/utils = "2.0.1"\n[dev-dependencies]\n@o/t = "1.0.0"\n`);
    const r = toResolution(m);
    expect(r.options.exactOnly).toBe(true);
    expect(r.root).toEqual({ "@o/utils": "2.0.1" });
    expect(r.root_dev).toEqual({ "@o/t": "1.0.0" });
    expect(r.stdlib.sort()).toEqual(["std.crypto", "std.json"]);
    expect(r.stdlib_versions).toEqual({ "std.crypto": "1.0.1" });
  });

  it("ori: a feature naming a dependency enables it (json = [\"std.json\"])", () => {
    const m = readManifest("ori", `[project]\nname = "@a/app"\nversion = "1.0.0"\nori = "0.5.0"\n[dependencies]\n"@o/x" = { version = "1.0.0", optional = true }\n[features]\ndefault = []\nx = ["@o/x"]\n`);
    expect(toResolution(m).root).toEqual({});
    expect(toResolution(m, { features: ["x"] }).root).toEqual({ "@o/x": "1.0.0" });
  });

  it("catalyst CEP: requirements by identity, aliases kept apart, target deps by target", () => {
    const m = readManifest("catalyst-cep0003", `[package]\nname = "a"\nversion = "1.0.0"\n[dependencies]\njson = { package = "@catalyst/json", version = "^1.4" }\ndsp = { path = "../dsp", optional = true }\n[target."wasm32-unknown".dependencies]\nhost = { package = "@vendor/web-audio", version = "0.3" }\n`);
    const r = toResolution(m, { target: "wasm32-unknown", features: ["dsp"] });
    expect(r.root).toEqual({ "@catalyst/json": "^1.4" });
    expect(r.aliases).toEqual({ json: "@catalyst/json", host: "@vendor/web-audio" });
    expect(r.root_target_deps).toEqual({ "wasm32-unknown": { "@vendor/web-audio": "0.3" } });
    expect(r.options.target).toBe("wasm32-unknown");
    expect(r.paths).toEqual({ dsp: { path: "../dsp", package: null, version_req: null, kind: "normal", target: null } });
    expect(toResolution(m).paths).toEqual({});
  });

  it("minz: platform dependencies become target dependencies; file features do not change requirements", () => {
    const m = readManifest("minz", `[package]\nname = "g"\nversion = "1.0.0"\n[dependencies]\nzx-core = "^1.0.0"\n[platform-dependencies.spectrum]\nzx-hw = "^2.0.0"\n[features]\nsprites = ["src/s.minz"]\ndefault = ["sprites"]\n`);
    const r = toResolution(m);
    expect(r.root).toEqual({ "zx-core": "^1.0.0" });
    expect(r.root_target_deps).toEqual({ spectrum: { "zx-hw": "^2.0.0" } });
    expect(r.enabled_features).toEqual(["default", "sprites"]);
  });

  it("epsilon: features carry their own dependencies; optional ones only when enabled", () => {
    const m = readManifest("epsilon", `{"name" "f" "version" "1.0.0" "dependencies" {"core" "^2.1.0" "t" "latest"} "optional-dependencies" {"redis" "^3.0.0"}
      "features" {"default" ["json"] "json" {"dependencies" {"epsilon.json" "^1.0.0"}} "cache" {"dependencies" {"redis" "^3.0.0"}}}}`);
    expect(toResolution(m).root).toEqual({ core: "^2.1.0", t: "*", "epsilon.json": "^1.0.0" });
    expect(toResolution(m, { features: ["cache"], noDefaultFeatures: true }).root).toEqual({ core: "^2.1.0", t: "*", redis: "^3.0.0" });
    expect(toResolution(m, { features: ["redis"] }).root.redis).toBe("^3.0.0");
    expect(errorOf(() => toResolution(m, { features: ["nope"] })).code).toBe("E_BAD_OPTION");
  });

  it("zirric: git and local dependencies go to the CLI, stdlib apart, predicates become a range", () => {
    const m = readManifest("zirric", `import cave\n@cave.Package()\ndata D {\n  @cave.Stdlib("prelude")\n  prelude\n  @cave.Local("../h")\n  h\n  @cave.Git("https://e.com/z")\n  @cave.Version("^1.2.0")\n  @cave.Version(">= v1.2.5")\n  z\n}\n`);
    const r = toResolution(m);
    expect(r.root).toEqual({});
    expect(r.stdlib).toEqual(["prelude"]);
    expect(r.paths.h).toMatchObject({ path: "../h", package: null });
    expect(r.git.z).toMatchObject({ url: "https://e.com/z", range: "^1.2.0 >=1.2.5", ref_kind: "tag-by-predicate" });
    expect(r.aliases).toEqual({ z: "https://e.com/z" });
    expect(toRange("zirric", { version_req: "== 1.0.0", req_kind: "exact" })).toBe("=1.0.0");
  });

  it("cairn: options, overrides, dependency features and feature-enabled optional deps", () => {
    const m = readManifest("cairn", `[package]\nname = "a"\n[options]\nversions = "lowest"\nexact-only = true\n[dependencies]\nhttp = { version = "^2", features = ["tls"] }\nredis = { version = "^3", optional = true }\nfmt = { package = "@x/fmt", version = "^1" }\nfmt2 = { package = "@x/fmt", version = "<1.5" }\n[features]\ndefault = ["cache"]\ncache = ["dep:redis", "http/gzip"]\n[overrides]\nhttp = "=2.0.1"\n`);
    const r = toResolution(m);
    expect(r.root).toEqual({ http: "^2", redis: "^3", "@x/fmt": "^1 <1.5" });
    expect(r.root_features).toEqual({ http: ["tls", "gzip"] });
    expect(r.overrides).toEqual({ http: "=2.0.1" });
    expect(r.options).toMatchObject({ versions: "lowest", exactOnly: true });
    expect(toResolution(m, { noDefaultFeatures: true }).root).toEqual({ http: "^2", "@x/fmt": "^1 <1.5" });
  });
});

describe("hostile keys", () => {
  it("keeps __proto__ as data and never touches Object.prototype", () => {
    const m = readManifest("cairn", `[package]\nname = "a"\n[target.__proto__.dependencies]\nx = "^1"\n[features]\n__proto__ = []\n`);
    const r = toResolution(m, { features: ["__proto__"] });
    expect(Object.keys(r.root_target_deps)).toEqual(["__proto__"]);
    expect(Object.getOwnPropertyDescriptor(r.root_target_deps, "__proto__")!.value).toEqual({ x: "^1" });
    expect(({} as Record<string, unknown>).x).toBeUndefined();
    const c = readManifest("catalyst-cep0003", `[package]\nname = "a"\nversion = "1"\n[dependencies]\n__proto__ = { package = "p", version = "^1" }\n`);
    expect(toResolution(c).aliases).toEqual(JSON.parse('{"__proto__": "p"}'));
  });
});

describe("detectProfile", () => {
  it("maps file names to profiles", () => {
    expect(["oripk.toml", "a/b/module.toml", "mzp.toml", "Cavefile", "package.edn", "x\\module.sexp", "cairn.toml", "oripk.lock", "epsilon-lock.edn", "Cargo.toml"].map(detectProfile)).toEqual([
      "ori", "catalyst", "minz", "zirric", "epsilon", "epsilon", "cairn", "ori", "epsilon", null,
    ]);
    // Ori ambiguity 4: only iteration 7's oripk.toml, not the older ori.toml / package.toml.
    expect([detectProfile("ori.toml"), detectProfile("package.toml")]).toEqual([null, null]);
  });
});
