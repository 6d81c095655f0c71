// HTML escaping for the registry's web pages. Everything a publisher wrote
// (names are checked, but descriptions, keywords, licenses and readmes are
// free text) reaches the page only through these functions, so markup in
// package metadata shows as text and never runs.

const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Text for element content and quoted attribute values. */
export function esc(value: unknown): string {
  return String(value ?? "").replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

/**
 * A link target from package metadata, or undefined when it is not one we
 * let a reader click: only http(s) URLs and plain relative paths. Schemes
 * such as javascript:, data: and vbscript: are refused, including the
 * obfuscated spellings browsers still accept (control characters, entities).
 */
export function safeHref(raw: string): string | undefined {
  const url = raw.trim();
  // Browsers drop ASCII tab/newline and leading control chars before parsing a scheme.
  if (/[\u0000-\u001f\u007f\s]/.test(url) || url.includes("&")) return undefined;
  if (/^https?:\/\//i.test(url)) return url;
  if (/^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith("//") || url.startsWith("\\")) return undefined;
  return url === "" ? undefined : url;
}
