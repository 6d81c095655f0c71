import { describe, expect, it } from "vitest";
import { readEpsilon, readEpsilonLock } from "../../../bindings/profiles/epsilon.js";
import { readEdn, toPlain } from "../../../bindings/profiles/edn.js";
import { Diagnostics } from "../../../bindings/profiles/diagnostics.js";
import { expectError } from "./helpers.js";

const edn = (s: string, lisp = false) => toPlain(readEdn(s, new Diagnostics(undefined), { lisp }));
const pkg = (deps: string) => readEpsilon(`{"name" "app" "version" "1.0.0" ${deps}}`).dependencies;

describe("EDN reader", () => {
  it("reads the EDN data forms", () => {
    expect(edn(`{:a [1 2.5 -3] "b" (true false nil) :c #{"x"} :d \\a :e #inst "2024-01-01" :f #_ "gone" "kept"}`)).toEqual({
      a: [1, 2.5, -3], b: [true, false, null], c: ["x"], d: "a", e: "2024-01-01", f: "kept",
    });
    expect(edn(`; comment\n{"s" "a\\"b\\n\\u0041"}, `)).toEqual({ s: 'a"b\nA' });
  });
  it("reads Lisp plists: case-folded keywords, #| |# comments, quote", () => {
    expect(edn(`#| block #| nested |# |# '(:NAME "x" :Requires ("a"))`, true)).toEqual(["name", "x", "requires", ["a"]]);
  });
  it("reports errors at line and column, caps nesting", () => {
    const syntax = (s: string, line: number) => expectError(() => readEdn(s, new Diagnostics("f.edn")), "E_SYNTAX", undefined, line);
    syntax(`{"a" 1\n "b"}`, 1);
    syntax(`{"a" [1 2}\n`, 1);
    syntax(`{"a"\n "unterminated}`, 2);
    syntax(`{} {}`, 1);
    syntax(``, 1);
    syntax(`\n\n)`, 3);
    syntax(`#?(:clj 1)`, 1);
    syntax(`#=(launch-missiles)`, 1); // read-eval: data only (ambiguity 7)
    syntax("[".repeat(10_000) + "]".repeat(10_000), 1);
    expect(() => readEdn("[".repeat(60) + "]".repeat(60), new Diagnostics(undefined))).not.toThrow();
  });
});

describe("epsilon package.edn", () => {
  it("reads every dependency spelling: list, map of requirements, map of records", () => {
    const d = pkg(`"dependencies" {"a" "^2.1.0" "b" ">=1.0.0 <2.0.0" "c" "*" "d" "latest" "e" "1.0.0" "f" "~1.2.0"
      "g" "git+https://github.com/u/g.git@v1.0" "h" "git+ssh://git@github.com/u/h.git" "i" {"path" "../i"}
      "j" {"git" "https://github.com/u/j.git" "tag" "v2"} "k" {"version" "^1.0.0" "optional" true}}`);
    expect(d.map((x) => [x.name, x.source, x.version_req, x.req_kind, x.optional])).toEqual([
      ["a", "registry", "^2.1.0", "caret", false],
      ["b", "registry", ">=1.0.0 <2.0.0", "range", false],
      ["c", "registry", "*", "any", false],
      ["d", "registry", "latest", "any", false],
      ["e", "registry", "1.0.0", "exact", false],
      ["f", "registry", "~1.2.0", "tilde", false],
      ["g", "git", null, "none", false],
      ["h", "git", null, "none", false],
      ["i", "path", null, "none", false],
      ["j", "git", null, "none", false],
      ["k", "registry", "^1.0.0", "caret", true],
    ]);
    expect(d[6]!.git).toEqual({ url: "https://github.com/u/g.git", ref: "v1.0", ref_kind: "tag" });
    expect(d[7]!.git).toEqual({ url: "ssh://git@github.com/u/h.git", ref: "main", ref_kind: "branch" });
    expect(d[9]!.git).toEqual({ url: "https://github.com/u/j.git", ref: "v2", ref_kind: "tag" });
    expect(d[8]!.path).toBe("../i");
    expect(pkg(`"requires" ["x" "y"]`).map((x) => [x.name, x.version_req])).toEqual([["x", null], ["y", null]]);
    expect(pkg(`:dev-dependencies {"t" "^1.0.0"}`).map((x) => x.kind)).toEqual(["dev"]);
  });

  it("reads the design's Example 2: git refs told apart by spelling, a path with a version (ambiguity 3)", () => {
    const d = pkg(`"dependencies" {"custom-lib" "git+https://github.com/user/custom-lib.git@v1.2.3"
      "experimental-lib" "git+https://github.com/labs/experimental.git@abc123def456"
      "dev-tools" "git+https://github.com/tools/dev.git@develop"
      "shared-utils" {"path" "../shared-utils" "version" "*"}}`);
    expect(d.map((x) => [x.name, x.package, x.source, x.git?.ref ?? null, x.git?.ref_kind ?? null])).toEqual([
      ["custom-lib", "custom-lib", "git", "v1.2.3", "tag"],
      ["experimental-lib", "experimental-lib", "git", "abc123def456", "commit"],
      ["dev-tools", "dev-tools", "git", "develop", "branch"],
      ["shared-utils", "shared-utils", "path", null, null],
    ]);
    expect(d[3]).toMatchObject({ path: "../shared-utils", version_req: "*", req_kind: "any" });
  });

  it("accepts string and keyword keys alike (ambiguity 2)", () => {
    const a = readEpsilon(`{:name "x" :version "1.0.0" :dependencies {"y" "^1.0.0"}}`);
    const b = readEpsilon(`{"name" "x" "version" "1.0.0" "dependencies" {"y" "^1.0.0"}}`);
    expect(a.dependencies).toEqual(b.dependencies);
    expect(a.package).toEqual(b.package);
  });

  it("keeps feature-local dependencies with their feature, not in the dependency list (ambiguity 4)", () => {
    const m = readEpsilon(`{"name" "x" "version" "1.0.0" "optional-dependencies" {"r" "^3.0.0"}
      "features" {"default" ["json"] "json" {"description" "J" "dependencies" {"epsilon.json" "^1.0.0"}}}}`);
    expect(m.dependencies.map((d) => [d.name, d.optional])).toEqual([["r", true]]);
    expect(m.features).toEqual({ default: ["json"], json: { description: "J", dependencies: { "epsilon.json": "^1.0.0" } } });
  });

  it("rejects bad requirements, types, names and duplicates with positions", () => {
    expectError(() => pkg(`"dependencies" {"a" "^^1"}`), "E_INVALID_VERSION_REQ", "dependencies.a", 1);
    expectError(() => pkg(`"dependencies" {"a" 5}`), "E_INVALID_TYPE", "dependencies.a");
    expectError(() => pkg(`"dependencies" {"a b" "1.0.0"}`), "E_INVALID_NAME", "dependencies.a b");
    expectError(() => pkg(`"dependencies" {"a" "1.0.0"} "requires" ["a"]`), "E_SYNTAX", "requires");
    expectError(() => readEpsilon(`{"name" "x" "name" "y" "version" "1.0.0"}`), "E_SYNTAX", "name");
    expectError(() => readEpsilon(`{"version" "1.0.0"}`), "E_MISSING_FIELD", "name");
    expectError(() => readEpsilon(`{"name" "x"}`), "E_MISSING_FIELD", "version");
    expectError(() => readEpsilon(`{"name" "x" "version" "1.0"}`), "E_INVALID_VERSION", "version");
    expectError(() => readEpsilon(`["name" "x"]`), "E_INVALID_TYPE");
    expectError(() => readEpsilon(`("name" "x")`), "E_SYNTAX");
  });

  it("warns about unknown fields and keeps build tasks and target", () => {
    const m = readEpsilon(`{"name" "x" "version" "1.0.0" "colour" "red" "build" {"tasks" {"t" {"command" "run"}}} "target" {"platforms" ["linux"]}}`);
    expect(m.warnings.map((w) => [w.code, w.path])).toEqual([["W_UNKNOWN_FIELD", "colour"]]);
    expect(m.tasks).toEqual({ t: { command: "run" } });
    expect(m.package!.target).toEqual({ platforms: ["linux"] });
  });
});

describe("epsilon module.sexp", () => {
  const sexp = (s: string) => readEpsilon(s, { fileName: "modules/x/module.sexp" });
  it("reads a current module.sexp: unversioned requires", () => {
    const m = sexp(`(:name "epsilon.http" :description "HTTP" :requires ("epsilon.core" "epsilon.net") :provides ("epsilon.http") :platform "linux")`);
    expect(m.mode).toBe("module.sexp");
    expect(m.package).toEqual({ name: "epsilon.http", description: "HTTP", provides: ["epsilon.http"], platform: "linux" });
    expect(m.dependencies.map((d) => [d.name, d.source, d.version_req, d.req_kind])).toEqual([
      ["epsilon.core", "registry", null, "none"],
      ["epsilon.net", "registry", null, "none"],
    ]);
  });
  it("makes unknown keys errors and checks :name, :requires, :provides", () => {
    expectError(() => sexp(`(:name "m" :version "1.0.0")`), "E_UNKNOWN_FIELD", ":version", 1);
    expectError(() => sexp(`(:requires ("a"))`), "E_MISSING_FIELD", ":name");
    expectError(() => sexp(`(:name "")`), "E_INVALID_NAME", ":name");
    expectError(() => sexp(`(:name "m" :requires "a")`), "E_INVALID_TYPE", ":requires");
    expectError(() => sexp(`(:name "m" :provides (a))`), "E_INVALID_TYPE", ":provides.0");
    expectError(() => sexp(`(:name "m" :requires)`), "E_SYNTAX");
    expectError(() => sexp(`{:name "m"}`), "E_INVALID_TYPE");
  });
});

describe("epsilon-lock.edn", () => {
  const sum = "d".repeat(64);
  it("reads version, checksum, source and git-hash", () => {
    const l = readEpsilonLock(`{"version" 1 "dependencies" {"a" {"version" "2.1.5" "checksum" "sha256:${sum}" "source" "https://p/"} "b" {"version" "0.0.0+abc" "source" "git+https://g/b.git" "git-hash" "${"e".repeat(40)}"}} "build-metadata" {"platform" "linux"}}`);
    expect(l.lock).toEqual([
      { package: "a", version: "2.1.5", checksum: { algorithm: "sha256", digest: sum }, source: "https://p/", git_hash: null },
      { package: "b", version: "0.0.0+abc", checksum: null, source: "git+https://g/b.git", git_hash: "e".repeat(40) },
    ]);
    expect(l.metadata).toEqual({ platform: "linux" });
  });
  it("rejects truncated digests (ambiguity 5), short git hashes, bad versions", () => {
    expectError(() => readEpsilonLock(`{"dependencies" {"a" {"version" "1.0.0" "checksum" "sha256:${"d".repeat(40)}"}}}`), "E_INVALID_CHECKSUM", "dependencies.a.checksum");
    expectError(() => readEpsilonLock(`{"dependencies" {"a" {"version" "1.0.0" "git-hash" "abc123"}}}`), "E_INVALID_CHECKSUM", "dependencies.a.git-hash");
    expectError(() => readEpsilonLock(`{"dependencies" {"a" {"version" "1.0"}}}`), "E_INVALID_VERSION", "dependencies.a.version");
    expectError(() => readEpsilonLock(`{"dependencies" {"a" {}}}`), "E_MISSING_FIELD", "dependencies.a.version");
    expectError(() => readEpsilonLock(`{"version" 2}`), "E_INVALID_VERSION", "version");
  });
});
