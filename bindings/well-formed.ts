// Strings cross into the core as UTF-8, where a lone surrogate (possible in
// JSON text as "\ud800") becomes U+FFFD, and names come back from the core in
// that form. Scenario text is read into that form up front, so a package the
// core asks for is found, and the bindings read a file as the native host does.
import { setOwn } from "./own.js";

const LONE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const SURROGATE_ESCAPE = /\\u[dD][89a-fA-F]/;

/** `s` with each lone surrogate replaced by U+FFFD (String.prototype.toWellFormed). */
export function wellFormed(s: string): string {
  return s.replace(LONE, "\ufffd");
}

function deep(v: unknown): unknown {
  if (typeof v === "string") return wellFormed(v);
  if (Array.isArray(v)) return v.map(deep);
  if (v === null || typeof v !== "object") return v;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v)) setOwn(out, wellFormed(k), deep((v as Record<string, unknown>)[k]));
  return out;
}

/** JSON.parse, every key and string well-formed; the walk runs only for text with a surrogate escape. */
export function parseWellFormed(text: string): unknown {
  const v: unknown = JSON.parse(text);
  return SURROGATE_ESCAPE.test(text) ? deep(v) : v;
}
