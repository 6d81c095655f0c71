// The `cairn manifest --json` object: the normalized manifest in the shape of
// the corpus's expected.json, or the error that stopped the reader.
import { CairnError } from "../errors.js";
import type { LockEntry, NormalizedManifest, Warning } from "./types.js";

const SECTIONS = ["features", "targets", "workspace", "scripts", "registries", "metadata", "exports", "tasks", "overrides", "options", "publish", "versions", "build"] as const;

export function manifestReport(m: NormalizedManifest, lock?: LockEntry[], lockWarnings: Warning[] = []): Record<string, unknown> {
  const out: Record<string, unknown> = { result: "ok", profile: m.profile };
  if (m.mode !== undefined) out.mode = m.mode;
  out.package = m.package;
  out.dependencies = m.dependencies;
  for (const k of SECTIONS) if (m[k] !== undefined) out[k] = m[k];
  if (lock !== undefined) out.lock = lock;
  else if (m.lock !== undefined) out.lock = m.lock;
  const warnings = [...m.warnings, ...lockWarnings];
  if (warnings.length) out.warnings = warnings;
  return out;
}

export function errorReport(e: CairnError): Record<string, unknown> {
  const l = e.location;
  return {
    result: "error",
    error: {
      code: e.code,
      path: l.path ?? null,
      message: e.message,
      line: l.line ?? null,
      column: l.column ?? null,
      ...(l.file !== undefined ? { file: l.file } : {}),
      ...(e.hint ? { hint: e.hint } : {}),
    },
  };
}
