// Typed field access for readers: each getter checks the type and reports
// E_INVALID_TYPE at the field's path, so readers never index into bad data.
import type { Diagnostics, FieldPath } from "./diagnostics.js";
import type { DependencyRecord } from "./types.js";
import { isTable, type TomlTable } from "./toml.js";

export { isTable };

export const has = (t: object, k: string): boolean => Object.prototype.hasOwnProperty.call(t, k);

export function typeName(v: unknown): string {
  if (v === null || v === undefined) return "nothing";
  if (Array.isArray(v)) return "an array";
  if (isTable(v)) return "a table";
  if (typeof v === "object") return "a date or other value";
  return `a ${typeof v}`;
}

export class Fields {
  constructor(readonly diag: Diagnostics) {}

  string(v: unknown, path: FieldPath): string {
    if (typeof v !== "string") this.diag.fail("E_INVALID_TYPE", `\`${path.join(".")}\` must be a string, not ${typeName(v)}`, path);
    return v;
  }

  optString(t: TomlTable, k: string, path: FieldPath): string | undefined {
    return has(t, k) ? this.string(t[k], [...path, k]) : undefined;
  }

  bool(v: unknown, path: FieldPath): boolean {
    if (typeof v !== "boolean") this.diag.fail("E_INVALID_TYPE", `\`${path.join(".")}\` must be true or false, not ${typeName(v)}`, path);
    return v;
  }

  stringArray(v: unknown, path: FieldPath): string[] {
    if (!Array.isArray(v)) this.diag.fail("E_INVALID_TYPE", `\`${path.join(".")}\` must be an array of strings, not ${typeName(v)}`, path);
    return v.map((x, i) => this.string(x, [...path, String(i)]));
  }

  table(v: unknown, path: FieldPath): TomlTable {
    if (!isTable(v)) this.diag.fail("E_INVALID_TYPE", `\`${path.join(".")}\` must be a table, not ${typeName(v)}`, path);
    return v;
  }

  require(t: TomlTable, k: string, path: FieldPath, what = "field"): unknown {
    if (!has(t, k)) this.diag.fail("E_MISSING_FIELD", `required ${what} \`${[...path, k].join(".")}\` is missing`, [...path, k]);
    return t[k];
  }
}

export function dependency(d: Partial<DependencyRecord> & Pick<DependencyRecord, "name" | "source">): DependencyRecord {
  // Object.assign keeps this key order in the output: name, package, source, then the rest.
  return Object.assign(
    {
      name: d.name,
      package: d.name as string | null,
      source: d.source,
      version_req: null,
      req_kind: "none",
      optional: false,
      kind: "normal",
      target: null,
      features: [],
      default_features: true,
      path: null,
      git: null,
    },
    d,
  ) as DependencyRecord;
}

/** A relative path that stays inside its root after normalisation (`a/../b` ok, `../b` not). */
export function staysInside(p: string): boolean {
  if (p === "" || p.startsWith("/") || p.startsWith("\\") || /^[A-Za-z]:/.test(p) || p.includes("\0")) return false;
  let depth = 0;
  for (const seg of p.split(/[\\/]/)) {
    if (seg === "" || seg === ".") continue;
    if (seg === "..") {
      if (--depth < 0) return false;
    } else depth++;
  }
  return depth > 0;
}

/** Any string that can name a relative or absolute location (no NUL, not empty). */
export function isPlausiblePath(p: string): boolean {
  return p.trim() !== "" && !p.includes("\0");
}

/** Git ref kind from what the manifest calls it, or a guess from its spelling. */
export function refKind(ref: string | null, declared?: "rev" | "tag" | "branch"): string {
  if (ref === null) return "default-branch";
  if (declared) return declared;
  return /^[0-9a-f]{7,64}$/.test(ref) ? "rev" : "ref";
}
