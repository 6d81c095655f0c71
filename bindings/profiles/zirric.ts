// Zirric: the Cavefile, read for its `cave` attributes and never executed.
// Attributes count only when their prefix resolves, through the imports, to
// the real `cave` module; fields without a source are not dependencies.
import { Diagnostics, type FieldPath } from "./diagnostics.js";
import { parseCavefile, type Attr, type Cavefile, type Decl } from "./cavefile.js";
import { dependency } from "./fields.js";
import type { DependencyRecord, NormalizedManifest, ReadOptions, ReqKind } from "./types.js";

const CAVE_ATTRS = ["Package", "Dependencies", "Stdlib", "Local", "Git", "Version", "LanguageVersion", "Description", "Documentation", "FormattingExcludes"];
const isModule = (path: string | undefined, name: string) => path !== undefined && (path === name || path.endsWith(`.${name}`));

/** The attribute's name in `module` if it resolves there (`@cave.Git`, `@x.Git` with `import x = cave`, `@Git` with `import cave { Git }`). */
function resolve(a: Attr, file: Cavefile, module: string): string | null {
  if (a.name.length === 2 && isModule(file.imports.get(a.name[0]!), module)) return a.name[1]!;
  if (a.name.length === 1 && isModule(file.names.get(a.name[0]!), module)) return a.name[0]!;
  return null;
}

const PRED = /^(==|=|<=|>=|<|>|\^|~)?\s*(.*)$/s;
const VERSION = /^v?\d+(\.\d+){0,2}(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/;
const VERBAL = /^[A-Za-z][A-Za-z0-9._\/-]*$/;
const KIND: Record<string, ReqKind> = { "==": "exact", "=": "exact", "<=": "lte", ">=": "gte", "<": "lt", ">": "gt", "^": "caret", "~": "tilde" };

/** One `@cave.Version` predicate: an operator and a SemVer version, or a verbal version (branch or tag name). */
export function parsePredicate(raw: string): { kind: ReqKind; op: string; version: string; verbal: boolean } | null {
  // Whitespace after the operator is tolerated (upstream would read ">= 1.0.0" as a verbal version).
  const m = PRED.exec(raw.trim())!;
  const op = m[1] ?? "";
  const version = m[2]!.trim();
  if (VERSION.test(version)) return { kind: op ? KIND[op]! : "exact", op, version, verbal: false };
  if (!op && VERBAL.test(version)) return { kind: "verbal", op, version, verbal: true };
  return null;
}

/** `https://code.knabel.dev/zirric-lang/zirric` → `code.knabel.dev.zirric_lang.zirric` */
export function canonicalGitName(url: string): string {
  return url
    .replace(/^[a-z+]+:\/\//, "")
    .replace(/^[^@/]+@/, "")
    .replace(/\.git$/, "")
    .replace(/\/+$/, "")
    .replace(/[:/]+/g, ".")
    .replace(/-/g, "_");
}

class ZirricReader {
  constructor(
    readonly diag: Diagnostics,
    readonly file: Cavefile,
  ) {}

  cave(attrs: Attr[], path: FieldPath): { name: string; attr: Attr }[] {
    const out: { name: string; attr: Attr }[] = [];
    for (const a of attrs) {
      const n = resolve(a, this.file, "cave");
      if (n === null) continue;
      if (!CAVE_ATTRS.includes(n)) this.diag.warn("W_UNKNOWN_FIELD", `\`@${a.name.join(".")}\` is not an attribute of the cave module; ignored`, path, a.pos);
      else out.push({ name: n, attr: a });
    }
    return out;
  }

  arg(a: { name: string; attr: Attr }, path: FieldPath): string {
    const args = a.attr.args ?? [];
    if (args.length === 0) this.diag.fail("E_MISSING_FIELD", `\`@${a.attr.name.join(".")}\` needs a string argument`, path, { pos: a.attr.pos });
    if (args.length > 1 || typeof args[0] !== "string") this.diag.fail("E_INVALID_TYPE", `\`@${a.attr.name.join(".")}\` takes one string literal`, path, { pos: a.attr.pos });
    return args[0];
  }

  versions(attrs: { name: string; attr: Attr }[], path: FieldPath): { raw: string[]; kind: ReqKind; verbal: string | null } {
    const raw: string[] = [];
    const parsed = [];
    for (const a of attrs.filter((x) => x.name === "Version")) {
      const s = this.arg(a, path);
      const p = parsePredicate(s);
      if (!p) this.diag.fail("E_INVALID_VERSION_REQ", `\`${s}\` is not a version predicate`, path, { pos: a.attr.pos, hint: 'predicates are an optional operator (== = < <= > >= ^ ~) and a version, or a branch/tag name: "^1.2.0", "main"' });
      raw.push(s);
      parsed.push(p!);
    }
    const kind: ReqKind = parsed.length === 0 ? "none" : parsed.length === 1 ? parsed[0]!.kind : "range";
    const verbal = parsed.find((p) => p.verbal)?.version ?? null;
    if (verbal !== null && parsed.length > 1) this.diag.fail("E_INVALID_VERSION_REQ", `a verbal version (\`${verbal}\`) cannot be combined with other predicates`, path);
    return { raw, kind, verbal };
  }

  dependency(dataName: string, f: { name: string; attrs: Attr[]; pos: { line: number; column: number } }): DependencyRecord | null {
    const path = [dataName, f.name];
    const attrs = this.cave(f.attrs, path);
    const sources = attrs.filter((a) => a.name === "Stdlib" || a.name === "Local" || a.name === "Git");
    if (sources.length === 0) {
      this.diag.warn("W_DEPENDENCY_WITHOUT_SOURCE", `field \`${f.name}\` has no @cave.Stdlib, @cave.Local or @cave.Git attribute, so it is not a dependency`, path, f.pos);
      return null;
    }
    if (sources.length > 1) this.diag.fail("E_INVALID_TYPE", `field \`${f.name}\` names ${sources.length} sources (${sources.map((s) => s.name).join(", ")}); give one`, path, { pos: sources[1]!.attr.pos });
    const v = this.versions(attrs, path);
    const extras: Record<string, string> = {};
    for (const [attr, key] of [["LanguageVersion", "language_version"], ["Description", "description"], ["Documentation", "documentation"]] as const) {
      const a = attrs.find((x) => x.name === attr);
      if (a) extras[key] = this.arg(a, path);
    }
    const src = sources[0]!;
    const value = this.arg(src, path);
    const req = { version_req: v.raw.length ? v.raw.join(", ") : null, req_kind: v.kind };
    if (src.name === "Stdlib") return dependency({ name: f.name, package: value, source: "stdlib", ...req, stdlib_module: value, ...extras });
    if (src.name === "Local") {
      if (value.trim() === "" || value.includes("\0")) this.diag.fail("E_INVALID_PATH", "`@cave.Local` needs a path", path, { pos: src.attr.pos });
      return dependency({ name: f.name, package: null, source: "path", path: value, ...req, ...extras });
    }
    if (!/^[A-Za-z][A-Za-z0-9+.-]*:\/\/\S+$|^[^\s@]+@[^\s:]+:\S+$/.test(value)) this.diag.fail("E_INVALID_PATH", `\`${value}\` is not a Git URL`, path, { pos: src.attr.pos });
    // The tag comes from the predicates (newest matching tag); a verbal version names a branch or tag.
    const git = v.verbal !== null && v.verbal !== "latest" ? { url: value, ref: v.verbal, ref_kind: "ref" } : { url: value, ref: null, ref_kind: "tag-by-predicate" };
    return dependency({ name: f.name, package: value, source: "git", ...req, git, ...extras });
  }

  manifestDecl(): Decl | null {
    let found: Decl | null = null;
    for (const d of this.file.decls) {
      const marks = d.attrs.filter((a) => {
        const n = resolve(a, this.file, "cave");
        return n === "Package" || n === "Dependencies";
      });
      if (marks.length === 0) continue;
      if (d.keyword !== "data") this.diag.fail("E_INVALID_TYPE", "@cave.Package() / @cave.Dependencies() mark a `data` declaration", d.name ?? "", { pos: marks[0]!.pos });
      if (found) this.diag.fail("E_SYNTAX", `two manifest declarations (\`${found.name}\` and \`${d.name}\`); a Cavefile has one`, d.name ?? "", { pos: d.pos });
      found = d;
    }
    return found;
  }

  read(): NormalizedManifest {
    const decl = this.manifestDecl();
    const pkg: Record<string, unknown> = { name: null, name_from: "directory" };
    const pkgAttrs = this.cave([...(this.file.mod?.attrs ?? []), ...(decl?.attrs ?? [])], [decl?.name ?? "mod"]);
    const at = [decl?.name ?? "mod"];
    for (const a of pkgAttrs) {
      if (a.name === "Git") pkg.source = this.arg(a, at);
      else if (a.name === "Version") {
        const s = this.arg(a, at);
        const p = parsePredicate(s);
        if (!p || p.op !== "") this.diag.fail("E_INVALID_VERSION", `the package's own version \`${s}\` must be a version, not a predicate`, at, { pos: a.attr.pos });
        pkg.version = s;
      } else if (a.name === "LanguageVersion") {
        const s = this.arg(a, at);
        if (!parsePredicate(s)) this.diag.fail("E_INVALID_VERSION_REQ", `\`${s}\` is not a version predicate`, at, { pos: a.attr.pos });
        pkg.language_version = s;
      } else if (a.name === "Description") pkg.description = this.arg(a, at);
      else if (a.name === "Documentation") pkg.documentation = this.arg(a, at);
      else if ((a.name === "Package" || a.name === "Dependencies") && a.attr.args?.length && typeof a.attr.args[0] === "string" && pkg.source === undefined)
        pkg.source = a.attr.args[0]; // the older `@cave.Package("https://…")` spelling
    }
    if (this.file.mod) Object.assign(pkg, { name: this.file.mod.name, name_from: "mod" });
    else if (typeof pkg.source === "string") Object.assign(pkg, { name: canonicalGitName(pkg.source), name_from: "git" });

    const deps: DependencyRecord[] = [];
    const names = new Set<string>();
    for (const f of decl?.fields ?? []) {
      const d = this.dependency(decl!.name!, f);
      if (!d) continue;
      if (names.has(d.name)) this.diag.fail("E_SYNTAX", `dependency \`${d.name}\` is declared twice`, [decl!.name!, f.name], { pos: f.pos });
      names.add(d.name);
      deps.push(d);
    }
    const out: NormalizedManifest = { profile: "zirric", mode: decl && decl.attrs.some((a) => resolve(a, this.file, "cave") === "Dependencies") ? "ze-002" : "current", package: pkg, dependencies: deps, warnings: this.diag.warnings };
    const tasks = this.tasks();
    if (tasks.length) out.tasks = tasks;
    return out;
  }

  /** Declarations carrying `@tasks.*` attributes: listed, never run. */
  tasks(): Record<string, unknown>[] {
    const out: Record<string, unknown>[] = [];
    for (const d of this.file.decls) {
      const ts = d.attrs.map((a) => ({ n: resolve(a, this.file, "tasks"), a })).filter((x) => x.n !== null);
      if (!ts.length) continue;
      const task: Record<string, unknown> = { declaration: d.name };
      for (const { n, a } of ts) {
        const arg = a.args?.[0];
        if (n === "Name" && typeof arg === "string") task.name = arg;
        else if (n === "Help" && typeof arg === "string") task.help = arg;
        else if (n === "Exec" && typeof arg === "string") task.exec = arg;
        else if (n === "Call") task.call = true;
      }
      task.name ??= d.name;
      out.push(task);
    }
    return out;
  }
}

export function readZirric(text: string, opts: ReadOptions = {}): NormalizedManifest {
  const diag = new Diagnostics(opts.fileName);
  return new ZirricReader(diag, parseCavefile(text, diag)).read();
}
