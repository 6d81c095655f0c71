// Ori: oripk.toml (with the design's dialect) and oripk.lock (checksums only).
// Exact versions only; `std.*` dependencies are bundled with the toolchain.
import { Diagnostics, type FieldPath } from "./diagnostics.js";
import { dependency, Fields, has, isPlausiblePath, isTable, refKind } from "./fields.js";
import { BareLine, parseToml, type TomlTable } from "./toml.js";
import type { DependencyRecord, LockEntry, NormalizedLock, NormalizedManifest, ReadOptions } from "./types.js";
import { hasBuildMetadata, hasPrerelease, isSemver, isValidRange, looksLikeRange } from "./version-req.js";
import { checksumProblem, parseChecksum } from "./checksum.js";

const TOP = ["project", "dependencies", "dev-dependencies", "target", "features", "registries", "workspace", "scripts", "publish"];
const PROJECT = ["name", "version", "description", "license", "authors", "repository", "keywords", "categories", "funding", "edition", "ori", "entry"];
const DEP_KEYS = ["version", "features", "default-features", "git", "rev", "tag", "branch", "path", "workspace", "optional"];
const RESERVED = new Set(["test", "tests", "example", "examples", "internal", "private", "temp", "tmp", "build", "dist", "out"]);

const STDLIB = /^std(\.[a-z][a-z0-9_]*)+$/;
const PART = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/;

/** Why `name` breaks Ori's naming rules, or null. Reserved words apply to the name part; `std…` to scope and name. */
export function oriNameProblem(name: string): string | null {
  if (name.length > 64) return "names are at most 64 characters";
  const m = /^(?:@([^/]*)\/)?(.*)$/s.exec(name)!;
  const scope = m[1];
  const part = m[2]!;
  if (scope !== undefined && !PART.test(scope)) return "a scope uses lowercase letters, digits and hyphens (@scope/name)";
  if (!PART.test(part)) return "names use lowercase letters, digits and hyphens, and start and end with a letter or digit";
  if (RESERVED.has(part)) return `\`${part}\` is a reserved name`;
  if (part.startsWith("std") || scope?.startsWith("std")) return "names starting with `std` are reserved for the standard library";
  return null;
}

/** Looks like a dependency's own table rather than a level of a dotted `std.x.y` key. */
const isSpec = (t: TomlTable) => Object.keys(t).length === 0 || Object.keys(t).some((k) => DEP_KEYS.includes(k));

/** `std.crypto = "1.0.1"` is the table `std` in strict TOML: flatten it back to `std.crypto`. */
function flattenStd(t: TomlTable): [string, unknown][] {
  const out: [string, unknown][] = [];
  const walk = (prefix: string, v: unknown) => {
    if (isTable(v) && !isSpec(v)) for (const [k, x] of Object.entries(v)) walk(`${prefix}.${k}`, x);
    else out.push([prefix, v]);
  };
  for (const [k, v] of Object.entries(t)) {
    if (k === "std" && isTable(v) && !isSpec(v)) walk("std", v);
    else out.push([k, v]);
  }
  return out;
}

class OriReader {
  readonly f: Fields;
  constructor(readonly diag: Diagnostics) {
    this.f = new Fields(diag);
  }

  exactVersion(v: string, path: FieldPath): void {
    if (isSemver(v)) {
      if (hasBuildMetadata(v)) this.diag.fail("E_INVALID_VERSION", `\`${v}\`: build metadata is not allowed in Ori versions`, path, { hint: "write major.minor.patch, optionally with a pre-release: 1.0.0-alpha" });
      return;
    }
    if (looksLikeRange(v) || isValidRange(v))
      this.diag.fail("E_VERSION_NOT_EXACT", `\`${v}\` is a range; Ori accepts exact versions only`, path, {
        hint: `name one version, e.g. "${/\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?/.exec(v)?.[0] ?? "1.2.3"}"`,
      });
    this.diag.fail("E_INVALID_VERSION", `\`${v}\` is not a version`, path);
  }

  dependency(name: string, v: unknown, path: FieldPath, kind: "normal" | "dev", target: string | null, ws: TomlTable | undefined): DependencyRecord {
    const stdlib = STDLIB.test(name);
    if (!stdlib) {
      const why = oriNameProblem(name);
      if (why) this.diag.fail("E_INVALID_NAME", `dependency \`${name}\`: ${why}`, path);
    }
    const base = { name, package: name, kind, target } as const;
    if (v instanceof BareLine) {
      if (stdlib) return dependency({ ...base, source: "stdlib" });
      this.diag.fail("E_MISSING_FIELD", `\`${name}\` needs an exact version (only std.* modules are listed bare)`, path, { pos: v });
    }
    if (typeof v === "string") {
      this.exactVersion(v, path);
      return dependency({
        ...base,
        source: stdlib ? "stdlib" : "registry",
        version_req: v,
        req_kind: "exact",
        ...(stdlib ? { stdlib_override: true } : {}),
        ...(hasPrerelease(v) ? { prerelease: true } : {}),
      });
    }
    const t = this.f.table(v, path);
    for (const k of Object.keys(t)) if (!DEP_KEYS.includes(k)) this.diag.warn("W_UNKNOWN_FIELD", `unknown dependency field \`${k}\` ignored`, [...path, k]);
    const features = has(t, "features") ? this.f.stringArray(t.features, [...path, "features"]) : [];
    const defaultFeatures = has(t, "default-features") ? this.f.bool(t["default-features"], [...path, "default-features"]) : true;
    const optional = has(t, "optional") ? this.f.bool(t.optional, [...path, "optional"]) : false;
    const version = this.f.optString(t, "version", path);
    if (version !== undefined) this.exactVersion(version, [...path, "version"]);
    const common = { ...base, features, default_features: defaultFeatures, optional, ...(version && hasPrerelease(version) ? { prerelease: true } : {}) };

    if (has(t, "workspace")) {
      if (!this.f.bool(t.workspace, [...path, "workspace"])) this.diag.fail("E_INVALID_TYPE", "`workspace` can only be true", [...path, "workspace"]);
      for (const k of ["version", "path", "git"]) if (has(t, k)) this.diag.fail("E_INVALID_TYPE", `\`workspace = true\` takes its ${k} from the workspace; remove \`${k}\``, [...path, k]);
      return this.fromWorkspace(name, path, common, ws);
    }
    const refs = (["rev", "tag", "branch"] as const).filter((k) => has(t, k));
    if (has(t, "git")) {
      const url = this.f.string(t.git, [...path, "git"]);
      if (!isPlausiblePath(url)) this.diag.fail("E_INVALID_PATH", "`git` must be a repository URL", [...path, "git"]);
      if (refs.length > 1) this.diag.fail("E_INVALID_TYPE", `give only one of rev, tag and branch`, [...path, refs[1]!]);
      const ref = refs.length ? this.f.string(t[refs[0]!], [...path, refs[0]!]) : null;
      if (has(t, "path")) this.diag.fail("E_INVALID_TYPE", "a dependency comes from git or from a path, not both", [...path, "path"]);
      if (stdlib) this.diag.fail("E_INVALID_TYPE", "std.* modules come with the toolchain, not from git", [...path, "git"]);
      return dependency({ ...common, source: "git", version_req: version ?? null, req_kind: version ? "exact" : "none", git: { url, ref, ref_kind: refKind(ref, refs[0]) } });
    }
    if (refs.length) this.diag.fail("E_INVALID_TYPE", `\`${refs[0]}\` needs \`git\``, [...path, refs[0]!]);
    if (has(t, "path")) {
      const p = this.f.string(t.path, [...path, "path"]);
      if (!isPlausiblePath(p)) this.diag.fail("E_INVALID_PATH", "`path` must not be empty", [...path, "path"]);
      if (stdlib) this.diag.fail("E_INVALID_TYPE", "std.* modules come with the toolchain, not from a path", [...path, "path"]);
      return dependency({ ...common, source: "path", version_req: version ?? null, req_kind: version ? "exact" : "none", path: p });
    }
    if (stdlib) return dependency({ ...common, source: "stdlib", version_req: version ?? null, req_kind: version ? "exact" : "none", ...(version ? { stdlib_override: true } : {}) });
    if (version === undefined) this.diag.fail("E_MISSING_FIELD", `\`${name}\` needs an exact \`version\` (or path, git, workspace)`, [...path, "version"]);
    return dependency({ ...common, source: "registry", version_req: version, req_kind: "exact" });
  }

  fromWorkspace(name: string, path: FieldPath, common: Partial<DependencyRecord>, ws: TomlTable | undefined): DependencyRecord {
    if (ws === undefined) {
      this.diag.warn("W_DEPENDENCY_WITHOUT_SOURCE", `\`${name}\` inherits from a workspace, but no workspace root was found`, [...path, "workspace"]);
      return dependency({ ...(common as DependencyRecord), source: "workspace" });
    }
    const wdeps = isTable(ws.dependencies) ? ws.dependencies : {};
    const entry = Object.fromEntries(flattenStd(wdeps))[name];
    if (entry === undefined) this.diag.fail("E_MISSING_FIELD", `\`${name}\` is not in the workspace root's [workspace.dependencies]`, [...path, "workspace"]);
    // The root entry was checked when the root was read; here only its version and features are taken.
    const req = typeof entry === "string" ? entry : isTable(entry) && typeof entry.version === "string" ? entry.version : null;
    const rootFeatures = isTable(entry) && Array.isArray(entry.features) ? entry.features.filter((x): x is string => typeof x === "string") : [];
    const features = [...new Set([...rootFeatures, ...(common.features ?? [])])];
    return dependency({
      ...(common as DependencyRecord),
      features,
      source: "workspace",
      version_req: req,
      req_kind: req ? "exact" : "none",
      resolved_from: "workspace.dependencies",
    });
  }

  deps(v: unknown, path: FieldPath, kind: "normal" | "dev", target: string | null, ws: TomlTable | undefined, out: DependencyRecord[]): void {
    const t = this.f.table(v, path);
    for (const [name, spec] of flattenStd(t)) out.push(this.dependency(name, spec, [...path, name], kind, target, ws));
  }

  stringTable(v: unknown, path: FieldPath): Record<string, string> {
    const t = this.f.table(v, path);
    return Object.fromEntries(Object.entries(t).map(([k, x]) => [k, this.f.string(x, [...path, k])]));
  }

  workspace(v: unknown, path: FieldPath): Record<string, unknown> {
    const t = this.f.table(v, path);
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(t)) {
      if (k === "members" || k === "exclude") out[k] = this.f.stringArray(t[k], [...path, k]);
      else if (k === "dependencies") {
        const deps: DependencyRecord[] = [];
        this.deps(t[k], [...path, k], "normal", null, undefined, deps);
        out.dependencies = Object.fromEntries(deps.map((d) => [d.name, d.version_req]));
      } else this.diag.warn("W_UNKNOWN_FIELD", `unknown workspace field \`${k}\` ignored`, [...path, k]);
    }
    return out;
  }

  read(data: TomlTable, opts: ReadOptions): NormalizedManifest {
    for (const k of Object.keys(data)) if (!TOP.includes(k)) this.diag.warn("W_UNKNOWN_FIELD", `unknown section \`${k}\` ignored`, [k]);
    const out: NormalizedManifest = { profile: "ori", package: null, dependencies: [], warnings: this.diag.warnings };
    if (has(data, "project") || !has(data, "workspace")) out.package = this.project(this.f.require(data, "project", [], "table"));

    let ws: TomlTable | undefined;
    if (has(data, "workspace")) {
      out.workspace = this.workspace(data.workspace, ["workspace"]);
      ws = this.f.table(data.workspace, ["workspace"]);
    } else if (opts.workspaceRoot) {
      const rd = new Diagnostics(opts.workspaceRoot.fileName);
      const root = parseToml(opts.workspaceRoot.text, rd, { dialect: true });
      if (isTable(root.workspace)) {
        const rootReader = new OriReader(rd);
        out.workspace = rootReader.workspace(root.workspace, ["workspace"]);
        ws = root.workspace;
      }
    }
    const deps = out.dependencies;
    if (has(data, "dependencies")) this.deps(data.dependencies, ["dependencies"], "normal", null, ws, deps);
    if (has(data, "dev-dependencies")) this.deps(data["dev-dependencies"], ["dev-dependencies"], "dev", null, ws, deps);
    if (has(data, "target")) {
      const targets = this.f.table(data.target, ["target"]);
      for (const [cfg, tv] of Object.entries(targets)) {
        const tt = this.f.table(tv, ["target", cfg]);
        for (const [k, v] of Object.entries(tt)) {
          if (k === "dependencies") this.deps(v, ["target", cfg, k], "normal", cfg, ws, deps);
          else if (k === "dev-dependencies") this.deps(v, ["target", cfg, k], "dev", cfg, ws, deps);
          else this.diag.warn("W_UNKNOWN_FIELD", `unknown target section \`${k}\` ignored`, ["target", cfg, k]);
        }
      }
    }
    if (has(data, "features")) {
      const ft = this.f.table(data.features, ["features"]);
      out.features = Object.fromEntries(Object.entries(ft).map(([k, v]) => [k, this.f.stringArray(v, ["features", k])]));
    }
    if (has(data, "registries")) {
      const rt = this.f.table(data.registries, ["registries"]);
      out.registries = Object.fromEntries(
        Object.entries(rt).map(([name, v]) => {
          const r = this.f.table(v, ["registries", name]);
          this.f.string(this.f.require(r, "url", ["registries", name]), ["registries", name, "url"]);
          return [name, this.stringTable(r, ["registries", name])];
        }),
      );
    }
    if (has(data, "scripts")) out.scripts = this.stringTable(data.scripts, ["scripts"]);
    if (has(data, "publish")) {
      const p = this.f.table(data.publish, ["publish"]);
      const pub: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(p)) {
        if (k === "registry") pub[k] = this.f.string(v, ["publish", k]);
        else if (k === "include" || k === "exclude") pub[k] = this.f.stringArray(v, ["publish", k]);
        else this.diag.warn("W_UNKNOWN_FIELD", `unknown publish field \`${k}\` ignored`, ["publish", k]);
      }
      out.publish = pub;
    }
    return out;
  }

  project(v: unknown): Record<string, unknown> {
    const p = this.f.table(v, ["project"]);
    const at = (k: string): FieldPath => ["project", k];
    const name = this.f.string(this.f.require(p, "name", ["project"]), at("name"));
    const version = this.f.string(this.f.require(p, "version", ["project"]), at("version"));
    const ori = this.f.string(this.f.require(p, "ori", ["project"]), at("ori"));
    const why = oriNameProblem(name);
    if (why) this.diag.fail("E_INVALID_NAME", `package name \`${name}\`: ${why}`, at("name"));
    if (!isSemver(version) || hasBuildMetadata(version))
      this.diag.fail("E_INVALID_VERSION", `\`${version}\` is not a strict major.minor.patch version`, at("version"), { hint: "e.g. 1.0.0 or 1.0.0-beta.1 (no build metadata)" });
    // The toolchain pin is a strict version too (section-01: "Strict semver format").
    this.exactVersion(ori, at("ori"));
    const out: Record<string, unknown> = { name, version, ori };
    for (const [k, x] of Object.entries(p)) {
      if (k === "name" || k === "version" || k === "ori") continue;
      if (!PROJECT.includes(k)) this.diag.warn("W_UNKNOWN_FIELD", `unknown project field \`${k}\` ignored`, at(k));
      else if (k === "authors" || k === "keywords" || k === "categories") out[k] = this.f.stringArray(x, at(k));
      else if (k === "entry") {
        const e = this.f.table(x, at(k));
        const entry: Record<string, string> = {};
        for (const [ek, ev] of Object.entries(e)) {
          if (ek === "lib" || ek === "main") entry[ek] = this.f.string(ev, ["project", "entry", ek]);
          else this.diag.warn("W_UNKNOWN_FIELD", `unknown entry field \`${ek}\` ignored`, ["project", "entry", ek]);
        }
        out.entry = entry;
      } else out[k] = this.f.string(x, at(k));
    }
    return out;
  }
}

export function readOri(text: string, opts: ReadOptions = {}): NormalizedManifest {
  const diag = new Diagnostics(opts.fileName);
  const data = parseToml(text, diag, { dialect: true });
  return new OriReader(diag).read(data, opts);
}

/** oripk.lock: `[checksums]` with `"<package>:<version>" = "sha256:<hex>"`, nothing else. */
export function readOriLock(text: string, opts: { fileName?: string } = {}): NormalizedLock {
  const diag = new Diagnostics(opts.fileName);
  const f = new Fields(diag);
  const data = parseToml(text, diag);
  for (const k of Object.keys(data)) if (k !== "checksums") diag.warn("W_UNKNOWN_FIELD", `oripk.lock holds only [checksums]; \`${k}\` ignored`, [k]);
  const lock: LockEntry[] = [];
  if (has(data, "checksums")) {
    const t = f.table(data.checksums, ["checksums"]);
    for (const [key, v] of Object.entries(t)) {
      const path = ["checksums", key];
      const at = key.lastIndexOf(":");
      if (at <= 0) diag.fail("E_INVALID_NAME", `\`${key}\` is not of the form "<package>:<version>"`, path);
      const pkg = key.slice(0, at);
      const version = key.slice(at + 1);
      const why = oriNameProblem(pkg);
      if (why) diag.fail("E_INVALID_NAME", `\`${pkg}\`: ${why}`, path);
      if (!isSemver(version)) diag.fail("E_INVALID_VERSION", `\`${version}\` is not a version`, path);
      const s = f.string(v, path);
      const checksum = parseChecksum(s);
      if (!checksum) diag.fail("E_INVALID_CHECKSUM", checksumProblem(s), path);
      lock.push({ package: pkg, version, checksum, source: null, git_hash: null });
    }
  }
  return { profile: "ori", lock, warnings: diag.warnings };
}
