// Catalyst: module.toml V1 (accepted) and the CEP-0003 draft shape. In both,
// unknown fields are hard errors, and a dependency's key is the source-facing
// alias (`module("json")`), kept apart from the package identity.
import { Diagnostics, type FieldPath } from "./diagnostics.js";
import { dependency, Fields, has, isPlausiblePath, refKind, staysInside } from "./fields.js";
import { parseToml, type TomlTable } from "./toml.js";
import type { DependencyRecord, NormalizedManifest, ReadOptions } from "./types.js";
import { classifyReq, isValidRange } from "./version-req.js";

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;
const METADATA = ["author", "description", "homepage", "license", "repository", "keywords"];
const V1_TOP = ["name", "version", "main", "dependencies", ...METADATA];
const CEP_TOP = ["package", "dependencies", "dev-dependencies", "target", "features"];
const CEP_PACKAGE = ["name", "version", "main", ...METADATA];
const CEP_DEP = ["package", "version", "path", "git", "rev", "tag", "branch", "optional", "features", "default-features"];
/** Registry identities: `@vendor/pkg` or a plain lowercase name. */
const IDENTITY = /^(?:@[a-z0-9][a-z0-9._-]*\/)?[a-z0-9][a-z0-9._-]*$/;

class CatalystReader {
  readonly f: Fields;
  constructor(readonly diag: Diagnostics) {
    this.f = new Fields(diag);
  }

  unknown(t: TomlTable, allowed: string[], path: FieldPath, hint?: string): void {
    for (const k of Object.keys(t))
      if (!allowed.includes(k)) this.diag.fail("E_UNKNOWN_FIELD", `unknown field \`${[...path, k].join(".")}\` (unknown fields are errors in module.toml)`, [...path, k], hint ? { hint } : {});
  }

  metadata(t: TomlTable, path: FieldPath): Record<string, unknown> {
    const md: Record<string, unknown> = {};
    for (const k of METADATA) {
      if (!has(t, k)) continue;
      const at = [...path, k];
      if (k === "author") md.author = typeof t[k] === "string" ? [t[k]] : this.f.stringArray(t[k], at);
      else if (k === "keywords") md.keywords = this.f.stringArray(t[k], at);
      else md[k] = this.f.string(t[k], at);
    }
    return md;
  }

  main(t: TomlTable, path: FieldPath, required: boolean): string | undefined {
    if (!required && !has(t, "main")) return undefined;
    const main = this.f.string(this.f.require(t, "main", path), [...path, "main"]);
    if (!main.endsWith(".ct")) this.diag.fail("E_INVALID_PATH", `\`main\` must name a .ct source file, not \`${main}\``, [...path, "main"]);
    if (!staysInside(main)) this.diag.fail("E_INVALID_PATH", `\`main = "${main}"\` must be a relative path inside the module root`, [...path, "main"], { hint: "the module root is the directory that holds module.toml" });
    return main;
  }

  pathDep(p: unknown, path: FieldPath): string {
    const s = this.f.string(p, path);
    if (!isPlausiblePath(s)) this.diag.fail("E_INVALID_PATH", "a dependency path must not be empty", path);
    return s;
  }

  alias(alias: string, path: FieldPath): void {
    if (!IDENT.test(alias)) this.diag.fail("E_INVALID_NAME", `dependency key \`${alias}\` must be a Catalyst identifier (it is the name used in module("…"))`, path, { hint: "identifiers match [A-Za-z_][A-Za-z0-9_]*" });
  }

  v1(data: TomlTable): NormalizedManifest {
    const hint = has(data, "package") ? "the [package] table is CEP-0003's draft shape: read it with --profile catalyst-cep0003" : undefined;
    this.unknown(data, V1_TOP, [], hint);
    const name = this.f.string(this.f.require(data, "name", []), ["name"]);
    const version = this.f.string(this.f.require(data, "version", []), ["version"]);
    const main = this.main(data, [], true)!;
    if (!IDENT.test(name)) this.diag.fail("E_INVALID_NAME", `\`name = "${name}"\` must be a Catalyst identifier`, ["name"], { hint: "identifiers match [A-Za-z_][A-Za-z0-9_]*" });
    if (version.trim() === "") this.diag.fail("E_INVALID_VERSION", "`version` must not be empty", ["version"]);
    const md = this.metadata(data, []);
    const deps: DependencyRecord[] = [];
    if (has(data, "dependencies")) {
      const t = this.f.table(data.dependencies, ["dependencies"]);
      for (const [alias, v] of Object.entries(t)) {
        const path = ["dependencies", alias];
        this.alias(alias, path);
        // V1 dependencies are local and direct: a path, as a string or `{ path = "…" }`.
        let p: string;
        if (typeof v === "string") p = this.pathDep(v, path);
        else {
          const dt = this.f.table(v, path);
          this.unknown(dt, ["path"], path, "V1 dependencies are local: only `path` is allowed");
          p = this.pathDep(this.f.require(dt, "path", path), [...path, "path"]);
        }
        deps.push(dependency({ name: alias, package: null, source: "path", path: p }));
      }
    }
    const pkg: Record<string, unknown> = { name, version, main };
    if (Object.keys(md).length) pkg.metadata = md;
    return { profile: "catalyst", mode: "v1", package: pkg, dependencies: deps, warnings: this.diag.warnings };
  }

  cepDep(alias: string, v: unknown, path: FieldPath, kind: "normal" | "dev", target: string | null): DependencyRecord {
    this.alias(alias, path);
    const base = { name: alias, kind, target } as const;
    const req = (s: string, at: FieldPath) => {
      if (!isValidRange(s)) this.diag.fail("E_INVALID_VERSION_REQ", `\`${s}\` is not a version requirement`, at, { hint: "e.g. ^1.4, 0.3, >=1.0 <2.0" });
      return { version_req: s, req_kind: classifyReq(s) };
    };
    if (typeof v === "string") return dependency({ ...base, package: alias, source: "registry", ...req(v, path) });
    const t = this.f.table(v, path);
    this.unknown(t, CEP_DEP, path);
    const pkgName = has(t, "package") ? this.f.string(t.package, [...path, "package"]) : undefined;
    if (pkgName !== undefined && !IDENTITY.test(pkgName)) this.diag.fail("E_INVALID_NAME", `\`package = "${pkgName}"\` is not a registry identity`, [...path, "package"], { hint: "identities look like @vendor/pkg or pkg" });
    const version = has(t, "version") ? req(this.f.string(t.version, [...path, "version"]), [...path, "version"]) : { version_req: null, req_kind: "none" as const };
    const common = {
      ...base,
      ...version,
      optional: has(t, "optional") ? this.f.bool(t.optional, [...path, "optional"]) : false,
      features: has(t, "features") ? this.f.stringArray(t.features, [...path, "features"]) : [],
      default_features: has(t, "default-features") ? this.f.bool(t["default-features"], [...path, "default-features"]) : true,
    };
    const refs = (["rev", "tag", "branch"] as const).filter((k) => has(t, k));
    if (has(t, "path") && has(t, "git")) this.diag.fail("E_INVALID_TYPE", "a dependency comes from a path or from git, not both", [...path, "git"]);
    if (refs.length && !has(t, "git")) this.diag.fail("E_INVALID_TYPE", `\`${refs[0]}\` needs \`git\``, [...path, refs[0]!]);
    if (refs.length > 1) this.diag.fail("E_INVALID_TYPE", "give only one of rev, tag and branch", [...path, refs[1]!]);
    if (has(t, "path")) return dependency({ ...common, package: pkgName ?? null, source: "path", path: this.pathDep(t.path, [...path, "path"]) });
    if (has(t, "git")) {
      const url = this.f.string(t.git, [...path, "git"]);
      if (!isPlausiblePath(url)) this.diag.fail("E_INVALID_PATH", "`git` must be a repository URL", [...path, "git"]);
      const ref = refs.length ? this.f.string(t[refs[0]!], [...path, refs[0]!]) : null;
      return dependency({ ...common, package: pkgName ?? url, source: "git", git: { url, ref, ref_kind: refKind(ref, refs[0]) } });
    }
    if (pkgName === undefined && version.version_req === null) this.diag.fail("E_MISSING_FIELD", `dependency \`${alias}\` names no package, version, path or git`, path);
    return dependency({ ...common, package: pkgName ?? alias, source: "registry" });
  }

  cepDeps(v: unknown, path: FieldPath, kind: "normal" | "dev", target: string | null, out: DependencyRecord[]): void {
    const t = this.f.table(v, path);
    for (const [alias, spec] of Object.entries(t)) out.push(this.cepDep(alias, spec, [...path, alias], kind, target));
  }

  cep(data: TomlTable): NormalizedManifest {
    this.unknown(data, CEP_TOP, [], "CEP-0003 manifests keep package fields under [package]");
    const p = this.f.table(this.f.require(data, "package", [], "table"), ["package"]);
    this.unknown(p, CEP_PACKAGE, ["package"]);
    const name = this.f.string(this.f.require(p, "name", ["package"]), ["package", "name"]);
    const version = this.f.string(this.f.require(p, "version", ["package"]), ["package", "version"]);
    if (!IDENTITY.test(name)) this.diag.fail("E_INVALID_NAME", `\`${name}\` is not a package identity`, ["package", "name"], { hint: "identities look like @vendor/pkg or pkg" });
    if (version.trim() === "") this.diag.fail("E_INVALID_VERSION", "`version` must not be empty", ["package", "version"]);
    const pkg: Record<string, unknown> = { name, version };
    const main = this.main(p, ["package"], false);
    if (main !== undefined) pkg.main = main;
    const md = this.metadata(p, ["package"]);
    if (Object.keys(md).length) pkg.metadata = md;
    const deps: DependencyRecord[] = [];
    if (has(data, "dependencies")) this.cepDeps(data.dependencies, ["dependencies"], "normal", null, deps);
    if (has(data, "dev-dependencies")) this.cepDeps(data["dev-dependencies"], ["dev-dependencies"], "dev", null, deps);
    if (has(data, "target")) {
      const tt = this.f.table(data.target, ["target"]);
      for (const [triple, tv] of Object.entries(tt)) {
        const t = this.f.table(tv, ["target", triple]);
        this.unknown(t, ["dependencies", "dev-dependencies"], ["target", triple]);
        if (has(t, "dependencies")) this.cepDeps(t.dependencies, ["target", triple, "dependencies"], "normal", triple, deps);
        if (has(t, "dev-dependencies")) this.cepDeps(t["dev-dependencies"], ["target", triple, "dev-dependencies"], "dev", triple, deps);
      }
    }
    const out: NormalizedManifest = { profile: "catalyst-cep0003", mode: "cep-0003-draft", package: pkg, dependencies: deps, warnings: this.diag.warnings };
    if (has(data, "features")) {
      const ft = this.f.table(data.features, ["features"]);
      out.features = Object.fromEntries(Object.entries(ft).map(([k, v]) => [k, this.f.stringArray(v, ["features", k])]));
    }
    return out;
  }
}

export function readCatalyst(text: string, opts: ReadOptions = {}): NormalizedManifest {
  const diag = new Diagnostics(opts.fileName);
  return new CatalystReader(diag).v1(parseToml(text, diag));
}

export function readCatalystCep(text: string, opts: ReadOptions = {}): NormalizedManifest {
  const diag = new Diagnostics(opts.fileName);
  return new CatalystReader(diag).cep(parseToml(text, diag));
}

