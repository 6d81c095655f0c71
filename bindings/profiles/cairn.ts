// cairn.toml: the native manifest, a superset in which every feature of the
// core can be written (cargo-like, with node-semver ranges). Unknown fields
// warn, as cargo does, so newer manifests still load in older cairns.
import { Diagnostics, type FieldPath } from "./diagnostics.js";
import { dependency, Fields, has, isPlausiblePath, refKind } from "./fields.js";
import { parseToml, type TomlTable } from "./toml.js";
import type { DependencyRecord, NormalizedManifest, ReadOptions } from "./types.js";
import { classifyReq, isSemver, isValidRange } from "./version-req.js";

const TOP = ["package", "dependencies", "dev-dependencies", "target", "features", "overrides", "options", "registries", "workspace"];
const PACKAGE = ["name", "version", "description", "license", "authors", "repository", "homepage", "keywords", "profile"];
const DEP_KEYS = ["version", "package", "path", "git", "rev", "tag", "branch", "stdlib", "workspace", "optional", "features", "default-features", "registry"];
export const NAME = /^(?:@[a-z0-9][a-z0-9._-]*\/)?[a-z0-9][a-z0-9._-]*$/;
/** Resolution options and their allowed values (the scenario format's `options`). */
const OPTIONS: Record<string, readonly (string | boolean)[]> = {
  versions: ["highest", "lowest"],
  prerelease: ["npm", "include", "fallback"],
  policy: ["single", "cargo"],
  cycles: ["allow", "forbid"],
  "missing-feature": ["ignore", "error"],
  "exact-only": [true, false],
};

class CairnReader {
  readonly f: Fields;
  constructor(readonly diag: Diagnostics) {
    this.f = new Fields(diag);
  }

  req(s: string, path: FieldPath) {
    if (!isValidRange(s)) this.diag.fail("E_INVALID_VERSION_REQ", `\`${s}\` is not a version requirement`, path, { hint: "ranges use node-semver grammar: ^1.2.0, ~1.2, >=1.0.0 <2.0.0, 1.x, *" });
    return { version_req: s, req_kind: classifyReq(s) };
  }

  name(n: string, path: FieldPath, what: string): void {
    if (n.length > 214 || !NAME.test(n)) this.diag.fail("E_INVALID_NAME", `${what} \`${n}\` is not a valid package name`, path, { hint: "lowercase letters, digits, '.', '_' and '-', optionally scoped: @scope/name" });
  }

  dep(alias: string, v: unknown, path: FieldPath, kind: "normal" | "dev", target: string | null): DependencyRecord {
    this.name(alias, path, "dependency");
    const base = { name: alias, package: alias, kind, target };
    if (typeof v === "string") return dependency({ ...base, source: "registry", ...this.req(v, path) });
    const t = this.f.table(v, path);
    for (const k of Object.keys(t)) if (!DEP_KEYS.includes(k)) this.diag.warn("W_UNKNOWN_FIELD", `unknown dependency field \`${k}\` ignored`, [...path, k]);
    const pkg = this.f.optString(t, "package", path);
    if (pkg !== undefined) this.name(pkg, [...path, "package"], "package");
    const version = has(t, "version") ? this.req(this.f.string(t.version, [...path, "version"]), [...path, "version"]) : {};
    const common = {
      ...base,
      package: pkg ?? alias,
      ...version,
      optional: has(t, "optional") ? this.f.bool(t.optional, [...path, "optional"]) : false,
      features: has(t, "features") ? this.f.stringArray(t.features, [...path, "features"]) : [],
      default_features: has(t, "default-features") ? this.f.bool(t["default-features"], [...path, "default-features"]) : true,
      ...(has(t, "registry") ? { registry: this.f.string(t.registry, [...path, "registry"]) } : {}),
    };
    const sources = ["path", "git", "stdlib", "workspace"].filter((k) => has(t, k));
    if (sources.length > 1) this.diag.fail("E_INVALID_TYPE", `a dependency has one source; found ${sources.join(" and ")}`, [...path, sources[1]!]);
    const refs = (["rev", "tag", "branch"] as const).filter((k) => has(t, k));
    if (refs.length > 1) this.diag.fail("E_INVALID_TYPE", "give only one of rev, tag and branch", [...path, refs[1]!]);
    if (refs.length && !has(t, "git")) this.diag.fail("E_INVALID_TYPE", `\`${refs[0]}\` needs \`git\``, [...path, refs[0]!]);
    if (has(t, "path")) {
      const p = this.f.string(t.path, [...path, "path"]);
      if (!isPlausiblePath(p)) this.diag.fail("E_INVALID_PATH", "`path` must not be empty", [...path, "path"]);
      return dependency({ ...common, source: "path", path: p });
    }
    if (has(t, "git")) {
      const url = this.f.string(t.git, [...path, "git"]);
      if (!isPlausiblePath(url)) this.diag.fail("E_INVALID_PATH", "`git` must be a repository URL", [...path, "git"]);
      const ref = refs.length ? this.f.string(t[refs[0]!], [...path, refs[0]!]) : null;
      return dependency({ ...common, source: "git", git: { url, ref, ref_kind: refKind(ref, refs[0]) } });
    }
    if (has(t, "stdlib")) {
      if (!this.f.bool(t.stdlib, [...path, "stdlib"])) this.diag.fail("E_INVALID_TYPE", "`stdlib` can only be true", [...path, "stdlib"]);
      return dependency({ ...common, source: "stdlib" });
    }
    if (has(t, "workspace")) {
      if (!this.f.bool(t.workspace, [...path, "workspace"])) this.diag.fail("E_INVALID_TYPE", "`workspace` can only be true", [...path, "workspace"]);
      return dependency({ ...common, source: "workspace" });
    }
    if (!has(t, "version")) this.diag.fail("E_MISSING_FIELD", `dependency \`${alias}\` needs a version (or path, git, stdlib)`, [...path, "version"]);
    return dependency({ ...common, source: "registry" });
  }

  deps(v: unknown, path: FieldPath, kind: "normal" | "dev", target: string | null, out: DependencyRecord[]): void {
    const t = this.f.table(v, path);
    for (const [name, spec] of Object.entries(t)) out.push(this.dep(name, spec, [...path, name], kind, target));
  }

  read(data: TomlTable): NormalizedManifest {
    for (const k of Object.keys(data)) if (!TOP.includes(k)) this.diag.warn("W_UNKNOWN_FIELD", `unknown section \`${k}\` ignored`, [k]);
    const out: NormalizedManifest = { profile: "cairn", package: null, dependencies: [], warnings: this.diag.warnings };
    if (has(data, "package") || !has(data, "workspace")) {
      const p = this.f.table(this.f.require(data, "package", [], "table"), ["package"]);
      const name = this.f.string(this.f.require(p, "name", ["package"]), ["package", "name"]);
      this.name(name, ["package", "name"], "package name");
      const pkg: Record<string, unknown> = { name };
      if (has(p, "version")) {
        const v = this.f.string(p.version, ["package", "version"]);
        if (!isSemver(v)) this.diag.fail("E_INVALID_VERSION", `\`${v}\` is not a SemVer version`, ["package", "version"]);
        pkg.version = v;
      }
      for (const [k, x] of Object.entries(p)) {
        if (k === "name" || k === "version") continue;
        if (!PACKAGE.includes(k)) this.diag.warn("W_UNKNOWN_FIELD", `unknown package field \`${k}\` ignored`, ["package", k]);
        else pkg[k] = k === "authors" || k === "keywords" ? this.f.stringArray(x, ["package", k]) : this.f.string(x, ["package", k]);
      }
      out.package = pkg;
    }
    const deps = out.dependencies;
    if (has(data, "dependencies")) this.deps(data.dependencies, ["dependencies"], "normal", null, deps);
    if (has(data, "dev-dependencies")) this.deps(data["dev-dependencies"], ["dev-dependencies"], "dev", null, deps);
    if (has(data, "target")) {
      const tt = this.f.table(data.target, ["target"]);
      for (const [when, tv] of Object.entries(tt)) {
        const t = this.f.table(tv, ["target", when]);
        for (const [k, v] of Object.entries(t)) {
          if (k === "dependencies") this.deps(v, ["target", when, k], "normal", when, deps);
          else if (k === "dev-dependencies") this.deps(v, ["target", when, k], "dev", when, deps);
          else this.diag.warn("W_UNKNOWN_FIELD", `unknown target section \`${k}\` ignored`, ["target", when, k]);
        }
      }
    }
    if (has(data, "features")) {
      const ft = this.f.table(data.features, ["features"]);
      out.features = Object.fromEntries(Object.entries(ft).map(([k, v]) => [k, this.f.stringArray(v, ["features", k])]));
    }
    if (has(data, "overrides")) {
      const ot = this.f.table(data.overrides, ["overrides"]);
      out.overrides = Object.fromEntries(
        Object.entries(ot).map(([k, v]) => {
          this.name(k, ["overrides", k], "override");
          return [k, this.req(this.f.string(v, ["overrides", k]), ["overrides", k]).version_req];
        }),
      );
    }
    if (has(data, "options")) {
      const ot = this.f.table(data.options, ["options"]);
      const options: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(ot)) {
        const allowed = OPTIONS[k];
        if (!allowed || !has(OPTIONS, k)) this.diag.warn("W_UNKNOWN_FIELD", `unknown option \`${k}\` ignored`, ["options", k]);
        else if (!allowed.includes(v as string | boolean))
          this.diag.fail("E_INVALID_TYPE", `\`options.${k}\` must be one of ${allowed.map((a) => JSON.stringify(a)).join(", ")}`, ["options", k]);
        else options[k] = v;
      }
      out.options = options;
    }
    if (has(data, "registries")) {
      const rt = this.f.table(data.registries, ["registries"]);
      out.registries = Object.fromEntries(
        Object.entries(rt).map(([n, v]) => {
          const r = this.f.table(v, ["registries", n]);
          return [n, { url: this.f.string(this.f.require(r, "url", ["registries", n]), ["registries", n, "url"]) }];
        }),
      );
    }
    if (has(data, "workspace")) {
      const w = this.f.table(data.workspace, ["workspace"]);
      const ws: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(w)) {
        if (k === "members" || k === "exclude") ws[k] = this.f.stringArray(v, ["workspace", k]);
        else if (k === "dependencies") {
          const d: DependencyRecord[] = [];
          this.deps(v, ["workspace", k], "normal", null, d);
          ws.dependencies = Object.fromEntries(d.map((x) => [x.name, x.version_req]));
        } else this.diag.warn("W_UNKNOWN_FIELD", `unknown workspace field \`${k}\` ignored`, ["workspace", k]);
      }
      out.workspace = ws;
    }
    return out;
  }
}

export function readCairn(text: string, opts: ReadOptions = {}): NormalizedManifest {
  const diag = new Diagnostics(opts.fileName);
  return new CairnReader(diag).read(parseToml(text, diag));
}
