// Version and requirement checks for manifests. The range grammar is node-semver's
// (as the core's); this one file is the seam to switch to bindings/semver.ts later.
import semver from "semver";
import type { ReqKind } from "./types.js";

const SEMVER =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[A-Za-z-][0-9A-Za-z-]*)(?:\.(?:0|[1-9]\d*|\d*[A-Za-z-][0-9A-Za-z-]*))*))?(?:\+([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?$/;

/** Strict SemVer 2.0.0: no leading `v` or `=`, no whitespace. */
export function isSemver(s: string): boolean {
  return s.length <= 256 && SEMVER.test(s);
}

export function hasBuildMetadata(s: string): boolean {
  return isSemver(s) && s.includes("+");
}

export function hasPrerelease(s: string): boolean {
  const m = SEMVER.exec(s);
  return m !== null && m[4] !== undefined;
}

/** A requirement in node-semver range grammar (`^1.2`, `>=1 <2`, `1.x`, `*`, `a || b`). */
/** One comparator with a full or partial version: valid in node-semver without asking it (the common case, and fast). */
const SIMPLE = /^\s*(?:\^|~>?|>=|<=|>|<|=)?\s*v?(?:(?:0|[1-9]\d{0,15})\.(?:0|[1-9]\d{0,15})\.(?:0|[1-9]\d{0,15})(?:-(?:0|[1-9]\d*|\d*[A-Za-z-][0-9A-Za-z-]*)(?:\.(?:0|[1-9]\d*|\d*[A-Za-z-][0-9A-Za-z-]*))*)?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?|(?:0|[1-9]\d{0,15})(?:\.(?:0|[1-9]\d{0,15}|[xX*])(?:\.(?:0|[1-9]\d{0,15}|[xX*]))?)?)\s*$/;

export function isValidRange(s: string): boolean {
  if (s.length > 1024 || s.trim() === "") return false;
  if (SIMPLE.test(s)) return true;
  try {
    return semver.validRange(s) !== null;
  } catch {
    return false;
  }
}

/** Something that reads as a requirement rather than a version (for exact-only profiles). */
export function looksLikeRange(s: string): boolean {
  const t = s.trim();
  return /^[\^~<>=!]/.test(t) || /[\s,|*]/.test(t) || /(^|\.)[xX](\.|$)/.test(t) || /^v?\d+(\.\d+)?$/.test(t);
}

/**
 * The kind of an npm-like requirement as written. An operator-less version is
 * `bare`: profiles that define its meaning (Ori, Epsilon: exact) say so themselves.
 */
export function classifyReq(raw: string | null): ReqKind {
  if (raw === null) return "none";
  const s = raw.trim();
  if (s === "") return "none";
  if (s === "*" || s === "x" || s === "X" || s === "latest") return "any";
  if (s.includes("||") || / - /.test(s)) return "range";
  const parts = s.replace(/(>=|<=|>|<|=|\^|~>?)\s+/g, "$1").split(/[\s,]+/).filter(Boolean);
  if (parts.length > 1) return "range";
  const p = parts[0]!;
  if (p.startsWith("^")) return "caret";
  if (p.startsWith("~")) return "tilde";
  if (p.startsWith(">=")) return "gte";
  if (p.startsWith("<=")) return "lte";
  if (p.startsWith(">")) return "gt";
  if (p.startsWith("<")) return "lt";
  if (p.startsWith("=")) return "exact";
  if (/(^|\.)[xX*](\.|$)/.test(p)) return "wildcard";
  return "bare";
}
