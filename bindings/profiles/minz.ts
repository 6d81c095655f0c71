// MinZ: mzp.toml (npm-like requirements, platform dependencies, features that
// list source files) and the MinZ registry's per-package JSON document.
import { Diagnostics, positionAt, type FieldPath } from "./diagnostics.js";
import { dependency, Fields, has, isPlausiblePath, refKind, staysInside } from "./fields.js";
import { parseToml, type TomlTable } from "./toml.js";
import type { DependencyRecord, NormalizedManifest, ReadOptions } from "./types.js";
import { classifyReq, isSemver, isValidRange } from "./version-req.js";
import { checksumProblem, parseChecksum } from "./checksum.js";

const TOP = ["package", "dependencies", "dev-dependencies", "platform-dependencies", "targets", "features", "metadata", "exports"];
const PACKAGE = ["name", "version", "authors", "description", "license", "repository", "homepage", "keywords"];
const DEP_KEYS = ["version", "path", "git", "github", "rev", "tag", "branch"];
/** Package names: lowercase, digits, `-` and `_` (imports turn `-` into `_`). */
const NAME = /^[a-z][a-z0-9_-]*$/;

class MinzReader {
  readonly f: Fields;
  constructor(readonly diag: Diagnostics) {
    this.f = new Fields(diag);
  }

  name(n: string, path: FieldPath, what: string): void {
    if (n.length > 64 || !NAME.test(n)) this.diag.fail("E_INVALID_NAME", `${what} \`${n}\` must be lowercase letters, digits, '-' and '_', starting with a letter`, path);
  }

  req(s: string, path: FieldPath) {
    if (!isValidRange(s)) this.diag.fail("E_INVALID_VERSION_REQ", `\`${s}\` is not a version requirement`, path, { hint: "MinZ requirements: ^1.2.3, ~1.2.3, =1.2.3, >=1.2.3, 1.2.x" });
    return { version_req: s, req_kind: classifyReq(s) };
  }

  git(url: string, ref: string | null, declared?: "rev" | "tag" | "branch") {
    return { source: "git" as const, version_req: null, req_kind: "none" as const, git: { url, ref, ref_kind: refKind(ref, declared) } };
  }

  /** `github:user/repo[#ref]`, `file:../lib`, `./lib` — the CLI's source spellings, accepted in the manifest too. */
  stringDep(name: string, s: string, path: FieldPath): Partial<DependencyRecord> {
    const gh = /^github:([A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+)(?:#(.+))?$/.exec(s);
    if (gh) return this.git(`https://github.com/${gh[1]}`, gh[2] ?? null);
    if (s.startsWith("git+")) {
      const [url, ref] = s.slice(4).split("#", 2) as [string, string | undefined];
      return this.git(url, ref ?? null);
    }
    if (s.startsWith("file:") || s.startsWith("./") || s.startsWith("../") || s.startsWith("/")) {
      const p = s.startsWith("file:") ? s.slice(5) : s;
      if (!isPlausiblePath(p)) this.diag.fail("E_INVALID_PATH", "a file: dependency needs a path", path);
      return { source: "path", path: p, package: name };
    }
    return { source: "registry", ...this.req(s, path) };
  }

  tableDep(name: string, t: TomlTable, path: FieldPath): Partial<DependencyRecord> {
    for (const k of Object.keys(t)) if (!DEP_KEYS.includes(k)) this.diag.warn("W_UNKNOWN_FIELD", `unknown dependency field \`${k}\` ignored`, [...path, k]);
    const version = has(t, "version") ? this.req(this.f.string(t.version, [...path, "version"]), [...path, "version"]) : {};
    const refs = (["rev", "tag", "branch"] as const).filter((k) => has(t, k));
    if (refs.length > 1) this.diag.fail("E_INVALID_TYPE", "give only one of rev, tag and branch", [...path, refs[1]!]);
    const ref = refs.length ? this.f.string(t[refs[0]!], [...path, refs[0]!]) : null;
    const sources = ["path", "git", "github"].filter((k) => has(t, k));
    if (sources.length > 1) this.diag.fail("E_INVALID_TYPE", `a dependency has one source; found ${sources.join(" and ")}`, [...path, sources[1]!]);
    if (refs.length && !sources.some((s) => s !== "path")) this.diag.fail("E_INVALID_TYPE", `\`${refs[0]}\` needs \`git\` or \`github\``, [...path, refs[0]!]);
    if (has(t, "path")) {
      const p = this.f.string(t.path, [...path, "path"]);
      if (!isPlausiblePath(p)) this.diag.fail("E_INVALID_PATH", "`path` must not be empty", [...path, "path"]);
      return { source: "path", path: p, ...version };
    }
    if (has(t, "git") || has(t, "github")) {
      const url = has(t, "git") ? this.f.string(t.git, [...path, "git"]) : `https://github.com/${this.f.string(t.github, [...path, "github"])}`;
      return { ...this.git(url, ref, refs[0]), ...version };
    }
    if (!has(t, "version")) this.diag.fail("E_MISSING_FIELD", `dependency \`${name}\` needs a version, path or git source`, [...path, "version"]);
    return { source: "registry", ...version };
  }

  deps(v: unknown, path: FieldPath, kind: "normal" | "dev", target: string | null, out: DependencyRecord[]): void {
    const t = this.f.table(v, path);
    for (const [name, spec] of Object.entries(t)) {
      const at = [...path, name];
      this.name(name, at, "dependency");
      const rec = typeof spec === "string" ? this.stringDep(name, spec, at) : this.tableDep(name, this.f.table(spec, at), at);
      out.push(dependency({ name, package: name, kind, target, ...rec } as DependencyRecord));
    }
  }

  read(data: TomlTable): NormalizedManifest {
    for (const k of Object.keys(data)) if (!TOP.includes(k)) this.diag.warn("W_UNKNOWN_FIELD", `unknown section \`${k}\` ignored`, [k]);
    const p = this.f.table(this.f.require(data, "package", [], "table"), ["package"]);
    const name = this.f.string(this.f.require(p, "name", ["package"]), ["package", "name"]);
    const version = this.f.string(this.f.require(p, "version", ["package"]), ["package", "version"]);
    this.name(name, ["package", "name"], "package name");
    if (!isSemver(version)) this.diag.fail("E_INVALID_VERSION", `\`${version}\` is not a SemVer version`, ["package", "version"], { hint: "e.g. 1.0.0" });
    const pkg: Record<string, unknown> = { name, version };
    for (const [k, v] of Object.entries(p)) {
      if (k === "name" || k === "version") continue;
      if (!PACKAGE.includes(k)) this.diag.warn("W_UNKNOWN_FIELD", `unknown package field \`${k}\` ignored`, ["package", k]);
      else pkg[k] = k === "authors" || k === "keywords" ? this.f.stringArray(v, ["package", k]) : this.f.string(v, ["package", k]);
    }
    const deps: DependencyRecord[] = [];
    if (has(data, "dependencies")) this.deps(data.dependencies, ["dependencies"], "normal", null, deps);
    if (has(data, "dev-dependencies")) this.deps(data["dev-dependencies"], ["dev-dependencies"], "dev", null, deps);
    if (has(data, "platform-dependencies")) {
      const pt = this.f.table(data["platform-dependencies"], ["platform-dependencies"]);
      for (const [machine, v] of Object.entries(pt)) this.deps(v, ["platform-dependencies", machine], "normal", machine, deps);
    }
    const out: NormalizedManifest = { profile: "minz", package: pkg, dependencies: deps, warnings: this.diag.warnings };
    if (has(data, "targets")) {
      const t = this.f.table(data.targets, ["targets"]);
      const targets: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(t)) {
        if (k === "default") targets.default = this.f.string(v, ["targets", k]);
        else if (k === "supported") targets.supported = this.f.stringArray(v, ["targets", k]);
        else this.diag.warn("W_UNKNOWN_FIELD", `unknown targets field \`${k}\` ignored`, ["targets", k]);
      }
      if (typeof targets.default === "string" && Array.isArray(targets.supported) && !targets.supported.includes(targets.default))
        this.diag.warn("W_UNKNOWN_FIELD", `default target \`${targets.default}\` is not in \`supported\``, ["targets", "default"]);
      out.targets = targets;
    }
    if (has(data, "features")) {
      const ft = this.f.table(data.features, ["features"]);
      const features: Record<string, string[]> = {};
      for (const [k, v] of Object.entries(ft)) {
        const files = this.f.stringArray(v, ["features", k]);
        Object.defineProperty(features, k, { value: files, enumerable: true, writable: true, configurable: true });
        // Features select source files (for tree-shaking); `default` lists feature names.
        if (k !== "default")
          files.forEach((file, i) => {
            if (!staysInside(file)) this.diag.fail("E_INVALID_PATH", `feature file \`${file}\` must be a relative path inside the package`, ["features", k, String(i)]);
          });
      }
      for (const [i, f] of (features.default ?? []).entries())
        if (!has(features, f)) this.diag.fail("E_MISSING_FIELD", `default feature \`${f}\` is not defined in [features]`, ["features", "default", String(i)]);
      out.features = features;
    }
    if (has(data, "metadata")) {
      const mt = this.f.table(data.metadata, ["metadata"]);
      out.metadata = Object.fromEntries(Object.entries(mt).map(([k, v]) => [k, typeof v === "string" ? v : this.f.stringArray(v, ["metadata", k])]));
    }
    if (has(data, "exports")) {
      const et = this.f.table(data.exports, ["exports"]);
      out.exports = Object.fromEntries(
        Object.entries(et).map(([k, v]) => {
          const file = this.f.string(v, ["exports", k]);
          if (!staysInside(file)) this.diag.fail("E_INVALID_PATH", `export \`${file}\` must be a relative path inside the package`, ["exports", k]);
          return [k, file];
        }),
      );
    }
    return out;
  }
}

export function readMinz(text: string, opts: ReadOptions = {}): NormalizedManifest {
  const diag = new Diagnostics(opts.fileName);
  return new MinzReader(diag).read(parseToml(text, diag));
}

/** JSON.parse with E_SYNTAX at line:col (V8 reports a character offset or a line/column). */
export function parseJson(text: string, diag: Diagnostics): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    const msg = (e as Error)?.message ?? "invalid JSON";
    const lc = /line (\d+) column (\d+)/.exec(msg);
    const off = /position (\d+)/.exec(msg);
    const pos = lc ? { line: Number(lc[1]), column: Number(lc[2]) } : off ? positionAt(text, Number(off[1])) : positionAt(text, text.length);
    diag.fail("E_SYNTAX", msg.replace(/\s*\(line \d+ column \d+\)/, "").replace(/ in JSON at position \d+.*/, ""), "", { pos });
  }
}

/** A MinZ registry document: `{name, versions: {ver: {url, checksum, dependencies}}, latest, …}`. */
export function readMinzRegistry(text: string, opts: ReadOptions = {}): NormalizedManifest {
  const diag = new Diagnostics(opts.fileName);
  const f = new Fields(diag);
  const r = new MinzReader(diag);
  const doc = parseJson(text, diag);
  const d = f.table(doc, []);
  const known = ["name", "versions", "latest", "description", "keywords", "author", "authors", "license", "repository", "homepage"];
  for (const k of Object.keys(d)) if (!known.includes(k)) diag.warn("W_UNKNOWN_FIELD", `unknown field \`${k}\` ignored`, [k]);
  const name = f.string(f.require(d, "name", []), ["name"]);
  r.name(name, ["name"], "package name");
  const pkg: Record<string, unknown> = { name };
  for (const k of ["description", "author", "license", "repository", "homepage"]) if (has(d, k)) pkg[k] = f.string(d[k], [k]);
  for (const k of ["keywords", "authors"]) if (has(d, k)) pkg[k] = f.stringArray(d[k], [k]);
  const vt = f.table(f.require(d, "versions", []), ["versions"]);
  const versions: Record<string, Record<string, unknown>> = {};
  for (const [ver, v] of Object.entries(vt)) {
    const path = ["versions", ver];
    if (!isSemver(ver)) diag.fail("E_INVALID_VERSION", `\`${ver}\` is not a SemVer version`, path);
    const e = f.table(v, path);
    for (const k of Object.keys(e)) if (!["url", "checksum", "dependencies", "yanked"].includes(k)) diag.warn("W_UNKNOWN_FIELD", `unknown field \`${k}\` ignored`, [...path, k]);
    const entry: Record<string, unknown> = { url: null, checksum: null, dependencies: [] };
    if (has(e, "url")) entry.url = f.string(e.url, [...path, "url"]);
    if (has(e, "checksum")) {
      const s = f.string(e.checksum, [...path, "checksum"]);
      entry.checksum = parseChecksum(s) ?? diag.fail("E_INVALID_CHECKSUM", checksumProblem(s), [...path, "checksum"]);
    }
    if (has(e, "yanked")) entry.yanked = f.bool(e.yanked, [...path, "yanked"]);
    if (has(e, "dependencies")) {
      const deps: DependencyRecord[] = [];
      r.deps(e.dependencies, [...path, "dependencies"], "normal", null, deps);
      entry.dependencies = deps;
    }
    Object.defineProperty(versions, ver, { value: entry, enumerable: true, writable: true, configurable: true });
  }
  if (has(d, "latest")) {
    const latest = f.string(d.latest, ["latest"]);
    if (!isSemver(latest)) diag.fail("E_INVALID_VERSION", `\`${latest}\` is not a SemVer version`, ["latest"]);
    if (!has(vt, latest)) diag.fail("E_MISSING_FIELD", `latest version \`${latest}\` is not listed in \`versions\``, ["latest"]);
    pkg.latest = latest;
  }
  return { profile: "minz-registry", mode: "registry-document", package: pkg, dependencies: [], versions, warnings: diag.warnings };
}

