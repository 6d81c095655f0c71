import { describe, expect, it } from "vitest";
import { removeEdnEntry, setEdnEntry } from "../../../cli/manifest-edit/edn-edit.js";
import { addCaveField, removeCaveField } from "../../../cli/manifest-edit/cavefile-edit.js";
import { addDependency } from "../../../cli/manifest-edit/index.js";
import { readManifest } from "../../../bindings/profiles/index.js";
import { CairnError } from "../../../bindings/errors.js";

const edn = `{"name" "demo"
 "version" "0.1.0"
 ;; what we need
 "dependencies" {"epsilon.core" "^2.1.0"
                 "epsilon.database" ">=1.0.0 <2.0.0"}}
`;

describe("package.edn edits", () => {
  it("adds aligned with the existing entries and keeps comments", () => {
    const out = setEdnEntry(edn, ["dependencies"], "epsilon.json", `"^1.0.0"`);
    expect(out).toContain(`                 "epsilon.json" "^1.0.0"}}`);
    expect(out).toContain(";; what we need");
    const deps = readManifest("epsilon", out, { fileName: "package.edn" }).dependencies.map((d) => [d.name, d.version_req]);
    expect(deps).toContainEqual(["epsilon.json", "^1.0.0"]);
  });

  it("replaces and removes entries, and creates a missing section", () => {
    expect(setEdnEntry(edn, ["dependencies"], "epsilon.core", `"^2.2.0"`)).toContain(`"epsilon.core" "^2.2.0"`);
    const removed = removeEdnEntry(edn, ["dependencies"], "epsilon.core")!;
    expect(readManifest("epsilon", removed, {}).dependencies.map((d) => d.name)).toEqual(["epsilon.database"]);
    const dev = setEdnEntry(edn, ["dev-dependencies"], "epsilon.testing", `"*"`);
    expect(readManifest("epsilon", dev, {}).dependencies.find((d) => d.name === "epsilon.testing")?.kind).toBe("dev");
  });
});

describe("Cavefile edits", () => {
  const cave = `mod app\n\nimport cave\n\n@cave.Package()\ndata Dependencies {\n  @cave.Stdlib("tests")\n  tests\n}\n`;
  it("adds a git field with its version predicate and removes it again", () => {
    const out = addCaveField(cave, { name: "zirric", git: "https://code.knabel.dev/zirric-lang/zirric", versions: ["^0.1.0"] });
    const deps = readManifest("zirric", out, { fileName: "Cavefile" }).dependencies;
    expect(deps.find((d) => d.name === "zirric")).toMatchObject({ source: "git", version_req: "^0.1.0" });
    expect(removeCaveField(out, "zirric")).toBe(cave);
  });
  it("fills an empty `data X {}`", () => {
    const out = addCaveField(`mod a\n\nimport cave\n\n@cave.Package()\ndata Dependencies {}\n`, { name: "helpers", local: "../helpers" });
    expect(readManifest("zirric", out, {}).dependencies.map((d) => d.name)).toEqual(["helpers"]);
  });
});

describe("per-profile rules", () => {
  it("ori takes exact versions only; minz has no dev-dependencies", () => {
    const e = (() => { try { addDependency("ori", "[project]\n", { name: "@a/b", source: { kind: "registry", req: "^1.0.0" } }, "oripk.toml"); } catch (x) { return x as CairnError; } })();
    expect(e?.code).toBe("E_VERSION_NOT_EXACT");
    const u = (() => { try { addDependency("minz", "", { name: "x", dev: true, source: { kind: "registry", req: "^1" } }, "mzp.toml"); } catch (x) { return x as CairnError; } })();
    expect(u?.code).toBe("E_USAGE");
    expect(addDependency("ori", "[dependencies]\n", { name: "std.json", source: { kind: "stdlib" } }, "oripk.toml")).toBe("[dependencies]\nstd.json\n");
  });
});
