import { describe, expect, it } from "vitest";
import { readZirric, parsePredicate, canonicalGitName } from "../../../bindings/profiles/zirric.js";
import { expectError } from "./helpers.js";

const cave = (fields: string, head = "mod app\n\nimport cave\n\n@cave.Package()") => readZirric(`${head}\ndata Deps {\n${fields}\n}\n`);

describe("zirric Cavefile", () => {
  it("reads the parse_test.go sample: stdlib, local, git with a verbal version", () => {
    const m = readZirric(`mod myproject

import cave
import tasks

@cave.Package()
data Dependencies {
  @cave.Stdlib("tests")
  tests

  @cave.Local("../some-local-package")
  helpers

  @cave.Git("https://code.knabel.dev/zirric-lang/zirric")
  @cave.Version("latest")
  zirric
}
`);
    expect(m.package).toEqual({ name: "myproject", name_from: "mod" });
    expect(m.dependencies.map((d) => [d.name, d.package, d.source, d.version_req, d.req_kind])).toEqual([
      ["tests", "tests", "stdlib", null, "none"],
      ["helpers", null, "path", null, "none"],
      ["zirric", "https://code.knabel.dev/zirric-lang/zirric", "git", "latest", "verbal"],
    ]);
    expect(m.dependencies[2]!.git).toEqual({ url: "https://code.knabel.dev/zirric-lang/zirric", ref: null, ref_kind: "tag-by-predicate" });
  });

  it("resolves attributes through the import alias and ignores unrelated ones", () => {
    const m = readZirric(`mod app\nimport c = cave\nimport notcave\n@c.Package()\ndata D {\n  @c.Stdlib("prelude")\n  prelude\n  @notcave.Git("https://x/y")\n  other\n}\n`);
    expect(m.dependencies.map((d) => d.name)).toEqual(["prelude"]);
    expect(m.warnings.map((w) => [w.code, w.path])).toEqual([["W_DEPENDENCY_WITHOUT_SOURCE", "D.other"]]);
    // Without `import cave`, `@cave.Package()` is not the cave attribute: no manifest data, no dependencies.
    expect(readZirric(`mod app\n@cave.Package()\ndata D {\n  @cave.Stdlib("x")\n  x\n}\n`).dependencies).toEqual([]);
    // Names imported directly resolve too.
    expect(readZirric(`import cave { Package, Stdlib }\n@Package()\ndata D {\n  @Stdlib("x")\n  x\n}\n`).dependencies.map((d) => d.name)).toEqual(["x"]);
  });

  it("accepts both @cave.Dependencies() (ZE-002) and @cave.Package() (ambiguity 1)", () => {
    expect(cave(`@cave.Stdlib("a")\na`, "import cave\n@cave.Dependencies()").mode).toBe("ze-002");
    expect(cave(`@cave.Stdlib("a")\na`).mode).toBe("current");
  });

  it("joins repeated Version predicates with \", \" and tolerates a space after the operator (ambiguity 3)", () => {
    const d = cave(`@cave.Git("https://example.com/a/b")\n@cave.Version(">= 1.0.0")\n@cave.Version("<2.0.0")\nb`).dependencies[0]!;
    expect([d.version_req, d.req_kind]).toEqual([">= 1.0.0, <2.0.0", "range"]);
    expect(parsePredicate(">= 1.0.0")).toMatchObject({ op: ">=", version: "1.0.0", kind: "gte" });
    expect(parsePredicate("v1.2.3")).toMatchObject({ kind: "exact", version: "v1.2.3" });
    expect(parsePredicate("main")).toMatchObject({ kind: "verbal" });
    expect(parsePredicate(">=main")).toBeNull();
    expect(parsePredicate("")).toBeNull();
  });

  it("rejects bad predicates, two sources and non-string arguments", () => {
    expectError(() => cave(`@cave.Git("https://e.com/a")\n@cave.Version("^ not a version")\na`), "E_INVALID_VERSION_REQ", "Deps.a", 8);
    expectError(() => cave(`@cave.Git("https://e.com/a")\n@cave.Version("main")\n@cave.Version(">1.0.0")\na`), "E_INVALID_VERSION_REQ", "Deps.a");
    expectError(() => cave(`@cave.Stdlib("a")\n@cave.Local("../a")\na`), "E_INVALID_TYPE", "Deps.a");
    expectError(() => cave(`@cave.Stdlib(42)\na`), "E_INVALID_TYPE", "Deps.a");
    expectError(() => cave(`@cave.Stdlib()\na`), "E_MISSING_FIELD", "Deps.a");
    expectError(() => cave(`@cave.Git("not a url")\na`), "E_INVALID_PATH", "Deps.a");
    expectError(() => cave(`@cave.Stdlib("a")\na\n@cave.Stdlib("a")\na`), "E_SYNTAX", "Deps.a");
  });

  it("reads dotted field names as submodule imports (ambiguity 4) and field types", () => {
    const m = cave(`@cave.Stdlib("foo")\nfoo.bar\n@cave.Local("../x")\nx: Module, @cave.Local("../y") y`);
    expect(m.dependencies.map((d) => d.name)).toEqual(["foo.bar", "x", "y"]);
  });

  it("derives the package name from mod, else the Git source, else leaves it to the directory (ambiguity 6)", () => {
    expect(readZirric(`import cave\n@cave.Package()\n@cave.Git("https://code.knabel.dev/zirric-lang/zirric")\ndata Z {}\n`).package).toMatchObject({ name: "code.knabel.dev.zirric_lang.zirric", name_from: "git" });
    expect(readZirric(`import cave\n`).package).toEqual({ name: null, name_from: "directory" });
    expect(canonicalGitName("https://github.com/some-user/my-lib.git")).toBe("github.com.some_user.my_lib");
  });

  it("skips functions, tasks and comments, and lists tasks without running them", () => {
    const m = readZirric(`// header comment
mod app
import cave
import tasks

/* block
   comment with @cave.Package() inside */
func helper(x) {
  if x { return { "a": [1, 2, 3] } }
}

@tasks.Name("build")
@tasks.Help("builds it")
@tasks.Call(fn(opts: Opts) { print("hi, {there}") })
data Build {
  @tasks.Flag()
  verbose Bool
}

@cave.Package()
data Deps {
  @cave.Stdlib("prelude") // trailing comment
  prelude
}
`);
    expect(m.dependencies.map((d) => d.name)).toEqual(["prelude"]);
    expect(m.tasks).toEqual([{ declaration: "Build", name: "build", help: "builds it", call: true }]);
  });

  it("reports syntax errors at line and column", () => {
    expectError(() => readZirric(`import cave\n@cave.Package()\ndata D {\n  @cave.Stdlib("x")\n`), "E_SYNTAX", undefined, 3);
    expectError(() => readZirric(`import cave\n@cave.Stdlib("unterminated)\n`), "E_SYNTAX", undefined, 2);
    expectError(() => readZirric(`func f() { ) }`), "E_SYNTAX", undefined, 1);
    expectError(() => readZirric(`import cave\n@cave.Package()\ndata D {\n  @cave.Stdlib("x")\n}\n`), "E_SYNTAX", undefined, 4);
    expectError(() => readZirric(`import cave\n@cave.Package()\ndata A {}\n@cave.Package()\ndata B {}\n`), "E_SYNTAX", "B", 5);
  });

  it("reads the older @cave.Package(\"https://…\") on `mod` as the package's source (ambiguity 2)", () => {
    const m = readZirric(`import cave\n@cave.Package("https://code.knabel.dev/x/y-z")\ndata Y {}\n`);
    expect(m.package).toEqual({ name: "code.knabel.dev.x.y_z", name_from: "git", source: "https://code.knabel.dev/x/y-z" });
    const onMod = readZirric(`@cave.Package("https://e.com/a/b")\nmod a.b\nimport cave\n`);
    expect(onMod.package).toEqual({ name: "a.b", name_from: "mod", source: "https://e.com/a/b" });
  });

  it("reads the package's own attributes and rejects a predicate as its version", () => {
    const m = readZirric(`mod x\nimport cave\n@cave.Package()\n@cave.Version("1.2.3")\n@cave.Description("d")\ndata X {}\n`);
    expect(m.package).toEqual({ name: "x", name_from: "mod", version: "1.2.3", description: "d" });
    expectError(() => readZirric(`mod x\nimport cave\n@cave.Package()\n@cave.Version("^1.2.3")\ndata X {}\n`), "E_INVALID_VERSION", "X");
  });
});
