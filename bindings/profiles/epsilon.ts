// Epsilon: package.edn (the 2025 design: EDN map or keyword plist, every
// dependency spelling), module.sexp (today: strict keys, unversioned
// requires) and epsilon-lock.edn.
import { Diagnostics, type FieldPath } from "./diagnostics.js";
import { readEdn, toPlain, keyName, type EdnNode } from "./edn.js";
import { dependency, has } from "./fields.js";
import type { DependencyRecord, LockEntry, NormalizedLock, NormalizedManifest, ReadOptions } from "./types.js";
import { classifyReq, isSemver, isValidRange } from "./version-req.js";
import { checksumProblem, parseChecksum } from "./checksum.js";

interface Field {
  name: string;
  /** As written, for paths: `:version` for keywords, `version` for strings. */
  seg: string;
  key: EdnNode;
  value: EdnNode;
}

const seg = (k: EdnNode) => (k.t === "keyword" ? `:${k.v}` : keyName(k));
const kindName = (n: EdnNode) => (n.t === "map" ? "a map" : n.t === "list" || n.t === "vector" || n.t === "set" ? `a ${n.t}` : n.t === "nil" ? "nil" : `a ${n.t}`);

const MODULE_SEXP_KEYS = [
  "name", "module-set", "description", "author", "platform", "sources", "tests", "benchmarks", "examples",
  "experiments", "docs", "data", "requires", "provides", "source-type", "resources", "integration", "commands",
  "main", "stability",
];
const NAME = /^[A-Za-z0-9][A-Za-z0-9._+-]*$/;

/**
 * The design's `@<tag|commit|branch>` does not say which; its examples tell them apart by
 * spelling: a version is a tag, 7–40 hex digits a commit, anything else a branch. No ref: `main`.
 */
export function epsilonRefKind(ref: string | null): "tag" | "commit" | "branch" {
  if (ref === null) return "branch";
  if (/^v?\d+(\.\d+){0,2}([-+][0-9A-Za-z.+-]*)?$/.test(ref)) return "tag";
  if (/^[0-9a-f]{7,40}$/.test(ref)) return "commit";
  return "branch";
}

class EpsilonReader {
  constructor(readonly diag: Diagnostics) {}

  fail(code: Parameters<Diagnostics["fail"]>[0], msg: string, path: FieldPath, at: EdnNode): never {
    this.diag.fail(code, msg, path, { pos: at.pos });
  }

  /** A map's or a plist's fields, in order; duplicate keys are an error. */
  fields(n: EdnNode, path: FieldPath, opts: { plist?: boolean } = {}): Field[] {
    let pairs: [EdnNode, EdnNode][];
    if (n.t === "map") pairs = n.entries;
    else if (opts.plist && n.t === "list") {
      if (n.items.length % 2) this.fail("E_SYNTAX", "a property list needs key value pairs", path, n);
      pairs = [];
      for (let i = 0; i < n.items.length; i += 2) {
        const k = n.items[i]!;
        if (k.t !== "keyword") this.fail("E_SYNTAX", `property list keys are keywords (:name), not ${kindName(k)}`, path, k);
        pairs.push([k, n.items[i + 1]!]);
      }
    } else this.fail("E_INVALID_TYPE", `\`${path.join(".") || "the file"}\` must be a map, not ${kindName(n)}`, path, n);
    const seen = new Set<string>();
    return pairs.map(([k, value]) => {
      const name = keyName(k);
      if (k.t !== "string" && k.t !== "keyword" && k.t !== "symbol") this.fail("E_INVALID_TYPE", `keys must be strings or keywords, not ${kindName(k)}`, path, k);
      if (seen.has(name)) this.fail("E_SYNTAX", `key \`${seg(k)}\` appears twice`, [...path, seg(k)], k);
      seen.add(name);
      return { name, seg: seg(k), key: k, value };
    });
  }

  string(n: EdnNode, path: FieldPath): string {
    if (n.t !== "string") this.fail("E_INVALID_TYPE", `\`${path.join(".")}\` must be a string, not ${kindName(n)}`, path, n);
    return n.v;
  }

  strings(n: EdnNode, path: FieldPath): string[] {
    if (n.t !== "list" && n.t !== "vector") this.fail("E_INVALID_TYPE", `\`${path.join(".")}\` must be a list of strings, not ${kindName(n)}`, path, n);
    return n.items.map((x, i) => this.string(x, [...path, String(i)]));
  }

  /** `"^2.1.0"`, `">=1 <2"`, `"*"`/`"latest"`, a bare version (exact), or `git+URL@ref`. */
  requirement(s: string, path: FieldPath, at: EdnNode): Partial<DependencyRecord> {
    if (s.startsWith("git+")) {
      const url = s.slice(4);
      // The ref follows the last `@` after the last `/`, so `git@host:` user parts stay in the URL.
      const at2 = url.lastIndexOf("@");
      const hasRef = at2 > url.lastIndexOf("/");
      const repo = hasRef ? url.slice(0, at2) : url;
      const ref = hasRef ? url.slice(at2 + 1) : null;
      if (repo === "" || ref === "") this.fail("E_INVALID_VERSION_REQ", `\`${s}\` is not git+URL@ref`, path, at);
      return { source: "git", version_req: null, req_kind: "none", git: { url: repo, ref: ref ?? "main", ref_kind: epsilonRefKind(ref) } };
    }
    if (s.trim() === "latest") return { source: "registry", version_req: s, req_kind: "any" };
    if (!isValidRange(s)) this.fail("E_INVALID_VERSION_REQ", `\`${s}\` is not a version requirement`, path, at);
    const kind = classifyReq(s);
    return { source: "registry", version_req: s, req_kind: kind === "bare" && isSemver(s.trim()) ? "exact" : kind };
  }

  dep(name: string, v: EdnNode, path: FieldPath, kind: "normal" | "dev", optional: boolean): DependencyRecord {
    if (!NAME.test(name)) this.fail("E_INVALID_NAME", `\`${name}\` is not a package name`, path, v);
    const base = { name, package: name, kind, optional } as const;
    if (v.t === "string") return dependency({ ...base, source: "registry", ...this.requirement(v.v, path, v) });
    if (v.t === "nil") return dependency({ ...base, source: "registry" });
    if (v.t !== "map") this.fail("E_INVALID_TYPE", `dependency \`${name}\` must be a requirement string or a map, not ${kindName(v)}`, path, v);
    const rec: Partial<DependencyRecord> = { source: "registry" };
    let ref: { v: string; kind: "rev" | "tag" | "branch" | undefined } | null = null;
    for (const f of this.fields(v, path)) {
      const at = [...path, f.seg];
      if (f.name === "version") Object.assign(rec, this.requirement(this.string(f.value, at), at, f.value), rec.source !== "registry" ? { source: rec.source } : {});
      else if (f.name === "path") Object.assign(rec, { source: "path", path: this.string(f.value, at) });
      else if (f.name === "git") {
        const url = this.string(f.value, at).replace(/^git\+/, "");
        Object.assign(rec, { source: "git", git: { url, ref: "main", ref_kind: "branch" } });
      } else if (f.name === "ref" || f.name === "rev" || f.name === "tag" || f.name === "branch" || f.name === "commit")
        ref = { v: this.string(f.value, at), kind: f.name === "ref" ? undefined : f.name === "commit" ? "rev" : f.name };
      else if (f.name === "optional") {
        if (f.value.t !== "bool") this.fail("E_INVALID_TYPE", "`optional` must be true or false", at, f.value);
        rec.optional = f.value.v;
      } else if (f.name === "features") rec.features = this.strings(f.value, at);
      else this.diag.warn("W_UNKNOWN_FIELD", `unknown dependency field \`${f.seg}\` ignored`, at, f.key.pos);
    }
    if (rec.path !== undefined && rec.git) this.fail("E_INVALID_TYPE", "a dependency comes from a path or from git, not both", path, v);
    if (ref) {
      if (!rec.git) this.fail("E_INVALID_TYPE", "a ref needs `git`", path, v);
      rec.git = { url: rec.git.url, ref: ref.v, ref_kind: ref.kind === "rev" ? "commit" : (ref.kind ?? epsilonRefKind(ref.v)) };
    }
    return dependency({ ...base, ...rec } as DependencyRecord);
  }

  deps(n: EdnNode, path: FieldPath, kind: "normal" | "dev", optional: boolean, out: DependencyRecord[]): void {
    // Keyed on name, kind and optionality: `dependencies` and `requires` may not both list a name.
    const keyOf = (d: DependencyRecord) => `${d.kind}\u0000${d.optional}\u0000${d.name}`;
    const seen = new Set(out.map(keyOf));
    const add = (d: DependencyRecord, at: EdnNode) => {
      if (seen.has(keyOf(d))) this.fail("E_SYNTAX", `dependency \`${d.name}\` is listed twice`, path, at);
      seen.add(keyOf(d));
      out.push(d);
    };
    if (n.t === "list" || n.t === "vector") {
      // A list of names: unversioned dependencies.
      n.items.forEach((x, i) => {
        const at = [...path, String(i)];
        const name = x.t === "symbol" ? x.v : this.string(x, at);
        add(this.dep(name, { t: "nil", pos: x.pos }, at, kind, optional), x);
      });
      return;
    }
    for (const f of this.fields(n, path)) add(this.dep(f.name, f.value, [...path, f.seg], kind, optional), f.key);
  }

  features(n: EdnNode, path: FieldPath): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const f of this.fields(n, path)) {
      const at = [...path, f.seg];
      let v: unknown;
      if (f.value.t === "list" || f.value.t === "vector") v = this.strings(f.value, at);
      else if (f.value.t === "map") {
        const feat: Record<string, unknown> = {};
        for (const g of this.fields(f.value, at)) {
          const gat = [...at, g.seg];
          if (g.name === "description") feat.description = this.string(g.value, gat);
          else if (g.name === "dependencies") {
            const deps: DependencyRecord[] = [];
            this.deps(g.value, gat, "normal", true, deps);
            feat.dependencies = Object.fromEntries(deps.map((d) => [d.name, d.version_req ?? (d.git ? `git+${d.git.url}${d.git.ref ? `@${d.git.ref}` : ""}` : null)]));
          } else if (g.name === "features" || g.name === "requires") feat[g.name] = this.strings(g.value, gat);
          else this.diag.warn("W_UNKNOWN_FIELD", `unknown feature field \`${g.seg}\` ignored`, gat, g.key.pos);
        }
        v = feat;
      } else this.fail("E_INVALID_TYPE", `feature \`${f.name}\` must be a list of features or a map`, at, f.value);
      Object.defineProperty(out, f.name, { value: v, enumerable: true, writable: true, configurable: true });
    }
    return out;
  }

  packageEdn(root: EdnNode): NormalizedManifest {
    const fields = this.fields(root, [], { plist: true });
    const get = (n: string) => fields.find((f) => f.name === n);
    const pkg: Record<string, unknown> = {};
    const out: NormalizedManifest = { profile: "epsilon", mode: "package.edn", package: pkg, dependencies: [], warnings: this.diag.warnings };
    for (const req of ["name", "version"]) {
      if (!get(req)) this.diag.fail("E_MISSING_FIELD", `required field \`${req}\` is missing`, root.t === "list" ? `:${req}` : req, { pos: root.pos });
    }
    for (const f of fields) {
      const at = [f.seg];
      switch (f.name) {
        case "name": {
          const name = this.string(f.value, at);
          if (!NAME.test(name)) this.fail("E_INVALID_NAME", `\`${name}\` is not a package name`, at, f.value);
          pkg.name = name;
          break;
        }
        case "version": {
          const v = this.string(f.value, at);
          if (!isSemver(v)) this.fail("E_INVALID_VERSION", `\`${v}\` is not a SemVer version`, at, f.value);
          pkg.version = v;
          break;
        }
        case "description": case "author": case "license": case "homepage": case "platform":
          pkg[f.name] = this.string(f.value, at);
          break;
        case "authors": case "sources": case "tests": case "provides": case "modules": case "keywords":
          pkg[f.name] = this.strings(f.value, at);
          break;
        case "repository":
          if (f.value.t !== "string" && f.value.t !== "map") this.fail("E_INVALID_TYPE", "`repository` must be a URL string or a map", at, f.value);
          pkg.repository = toPlain(f.value);
          break;
        case "target":
          if (f.value.t !== "map") this.fail("E_INVALID_TYPE", "`target` must be a map", at, f.value);
          pkg.target = toPlain(f.value);
          break;
        case "dependencies": case "requires": case "depends-on":
          this.deps(f.value, at, "normal", false, out.dependencies);
          break;
        case "dev-dependencies":
          this.deps(f.value, at, "dev", false, out.dependencies);
          break;
        case "optional-dependencies":
          this.deps(f.value, at, "normal", true, out.dependencies);
          break;
        case "features":
          out.features = this.features(f.value, at);
          break;
        case "build": {
          if (f.value.t !== "map") this.fail("E_INVALID_TYPE", "`build` must be a map", at, f.value);
          const b = toPlain(f.value) as Record<string, unknown>;
          out.build = b;
          if (has(b, "tasks")) out.tasks = b.tasks;
          break;
        }
        case "workspace":
          if (f.value.t !== "map") this.fail("E_INVALID_TYPE", "`workspace` must be a map", at, f.value);
          for (const g of this.fields(f.value, at)) {
            if (g.name === "members") this.strings(g.value, [...at, g.seg]);
            else if (g.name === "dependencies") this.deps(g.value, [...at, g.seg], "normal", false, []);
          }
          out.workspace = toPlain(f.value) as Record<string, unknown>;
          break;
        case "scripts":
          if (f.value.t !== "map") this.fail("E_INVALID_TYPE", "`scripts` must be a map", at, f.value);
          out.scripts = Object.fromEntries(this.fields(f.value, at).map((g) => [g.name, this.string(g.value, [...at, g.seg])]));
          break;
        default:
          this.diag.warn("W_UNKNOWN_FIELD", `unknown field \`${f.seg}\` ignored`, at, f.key.pos);
      }
    }
    return out;
  }

  moduleSexp(root: EdnNode): NormalizedManifest {
    if (root.t !== "list") this.fail("E_INVALID_TYPE", `module.sexp must be a property list (:name "…" …), not ${kindName(root)}`, [], root);
    const fields = this.fields(root, [], { plist: true });
    for (const f of fields) if (!MODULE_SEXP_KEYS.includes(f.name)) this.fail("E_UNKNOWN_FIELD", `unknown key \`${f.seg}\` in module.sexp`, [f.seg], f.key);
    const name = fields.find((f) => f.name === "name");
    if (!name) this.diag.fail("E_MISSING_FIELD", "required key `:name` is missing", ":name", { pos: root.pos });
    const pkg: Record<string, unknown> = { name: this.string(name.value, [":name"]) };
    if (pkg.name === "") this.fail("E_INVALID_NAME", "`:name` must not be empty", [":name"], name.value);
    const deps: DependencyRecord[] = [];
    for (const f of fields) {
      const at = [f.seg];
      if (f.name === "name") continue;
      if (f.name === "requires") {
        const seen = new Set<string>();
        this.strings(f.value, at).forEach((r, i) => {
          if (seen.has(r)) this.fail("E_SYNTAX", `\`${r}\` is required twice`, [...at, String(i)], f.value);
          seen.add(r);
          deps.push(dependency({ name: r, package: r, source: "registry" }));
        });
      } else if (f.name === "provides") pkg.provides = this.strings(f.value, at);
      else if (f.name === "description" || f.name === "author" || f.name === "platform" || f.name === "module-set" || f.name === "main" || f.name === "stability")
        pkg[f.name] = f.value.t === "string" ? f.value.v : toPlain(f.value);
      else pkg[f.name] = toPlain(f.value);
    }
    return { profile: "epsilon", mode: "module.sexp", package: pkg, dependencies: deps, warnings: this.diag.warnings };
  }

  lock(root: EdnNode): NormalizedLock {
    const lock: LockEntry[] = [];
    const out: NormalizedLock = { profile: "epsilon", lock, warnings: this.diag.warnings };
    for (const f of this.fields(root, [])) {
      const at = [f.seg];
      if (f.name === "version") {
        if (f.value.t !== "number" || f.value.v !== 1) this.fail("E_INVALID_VERSION", "this lock file format version is not supported (expected 1)", at, f.value);
      } else if (f.name === "dependencies") {
        for (const d of this.fields(f.value, at)) {
          const dat = [...at, d.seg];
          if (!NAME.test(d.name)) this.fail("E_INVALID_NAME", `\`${d.name}\` is not a package name`, dat, d.key);
          const e: LockEntry = { package: d.name, version: "", checksum: null, source: null, git_hash: null };
          let sawVersion = false;
          for (const g of this.fields(d.value, dat)) {
            const gat = [...dat, g.seg];
            if (g.name === "version") {
              e.version = this.string(g.value, gat);
              sawVersion = true;
              if (!isSemver(e.version)) this.fail("E_INVALID_VERSION", `\`${e.version}\` is not a SemVer version`, gat, g.value);
            } else if (g.name === "checksum") {
              const s = this.string(g.value, gat);
              e.checksum = parseChecksum(s) ?? this.fail("E_INVALID_CHECKSUM", checksumProblem(s), gat, g.value);
            } else if (g.name === "source") e.source = this.string(g.value, gat);
            else if (g.name === "git-hash") {
              const h = this.string(g.value, gat);
              if (!/^(?:[0-9a-f]{40}|[0-9a-f]{64})$/.test(h)) this.fail("E_INVALID_CHECKSUM", `git-hash \`${h}\` is not a full 40- or 64-digit lowercase commit id`, gat, g.value);
              e.git_hash = h;
            } else this.diag.warn("W_UNKNOWN_FIELD", `unknown lock field \`${g.seg}\` ignored`, gat, g.key.pos);
          }
          if (!sawVersion) this.diag.fail("E_MISSING_FIELD", `locked \`${d.name}\` has no version`, [...dat, "version"], { pos: d.key.pos });
          lock.push(e);
        }
      } else if (f.name === "build-metadata") {
        if (f.value.t !== "map") this.fail("E_INVALID_TYPE", "`build-metadata` must be a map", at, f.value);
        out.metadata = toPlain(f.value) as Record<string, unknown>;
      } else this.diag.warn("W_UNKNOWN_FIELD", `unknown lock field \`${f.seg}\` ignored`, at, f.key.pos);
    }
    return out;
  }
}

export type EpsilonMode = "package.edn" | "module.sexp";

export function epsilonMode(fileName: string | undefined): EpsilonMode {
  return fileName !== undefined && /(^|[\\/])module\.sexp$/.test(fileName) ? "module.sexp" : "package.edn";
}

export function readEpsilon(text: string, opts: ReadOptions & { mode?: EpsilonMode } = {}): NormalizedManifest {
  const diag = new Diagnostics(opts.fileName);
  const mode = opts.mode ?? epsilonMode(opts.fileName);
  const r = new EpsilonReader(diag);
  if (mode === "module.sexp") return r.moduleSexp(readEdn(text, diag, { lisp: true }));
  // package.edn is EDN, but one era wrote it as a keyword plist: a list at the top.
  return r.packageEdn(readEdn(text, diag));
}

export function readEpsilonLock(text: string, opts: { fileName?: string } = {}): NormalizedLock {
  const diag = new Diagnostics(opts.fileName);
  return new EpsilonReader(diag).lock(readEdn(text, diag));
}
