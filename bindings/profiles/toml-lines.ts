// A line scanner for TOML-shaped text. It finds table headers and the keys at
// the start of key/value lines (skipping multi-line strings, arrays and inline
// tables), and so serves two purposes: locating fields (smol-toml reports
// positions only for syntax errors) and the Ori dialect rewrite, which quotes
// `@scope/name` keys and lifts bare `std.json` lines out before strict parsing.

export interface KeySegment {
  text: string;
  /** Written bare, but with characters TOML does not allow in bare keys (`@`, `/`, …). */
  needsQuote: boolean;
  quoted: boolean;
}

export interface LineEntry {
  kind: "header" | "array-header" | "key" | "bare";
  /** Full path: the header's segments, then the key's own (for keys and bare lines). */
  path: string[];
  /** Segments of the header or key as written on this line. */
  segments: KeySegment[];
  line: number; // 1-based
  column: number; // 1-based, where the key or header starts
  /** Character span of the key/header text inside the line (without brackets). */
  start: number;
  end: number;
}

const BARE_KEY = /^[A-Za-z0-9_-]+$/;

function readSegments(s: string, i: number, stops: string): { segs: KeySegment[]; end: number } | null {
  const segs: KeySegment[] = [];
  for (;;) {
    while (s[i] === " " || s[i] === "\t") i++;
    const c = s[i];
    if (c === '"') {
      let j = i + 1;
      let raw = "";
      while (j < s.length && s[j] !== '"') {
        if (s[j] === "\\") {
          raw += s.slice(j, j + 2);
          j += 2;
        } else raw += s[j++];
      }
      if (j >= s.length) return null;
      let text: string;
      try {
        text = JSON.parse(`"${raw}"`) as string;
      } catch {
        text = raw;
      }
      segs.push({ text, needsQuote: false, quoted: true });
      i = j + 1;
    } else if (c === "'") {
      const j = s.indexOf("'", i + 1);
      if (j < 0) return null;
      segs.push({ text: s.slice(i + 1, j), needsQuote: false, quoted: true });
      i = j + 1;
    } else {
      let j = i;
      while (j < s.length && !" \t.=#\"'[]{},".includes(s[j]!)) j++;
      if (j === i) return null;
      const text = s.slice(i, j);
      segs.push({ text, needsQuote: !BARE_KEY.test(text), quoted: false });
      i = j;
    }
    while (s[i] === " " || s[i] === "\t") i++;
    if (s[i] === ".") {
      i++;
      continue;
    }
    if (i >= s.length || stops.includes(s[i]!)) return { segs, end: i };
    return null;
  }
}

/** Scans the value part of a line from `i`, updating the multi-line state. */
function scanValue(s: string, i: number, st: { ml: string | null; depth: number }): void {
  while (i < s.length) {
    const c = s[i]!;
    if (c === "#") return;
    if (c === '"' || c === "'") {
      const triple = c.repeat(3);
      if (s.startsWith(triple, i)) {
        const close = s.indexOf(triple, i + 3);
        if (close < 0) {
          st.ml = triple;
          return;
        }
        i = close + 3;
        while (s[i] === c) i++; // up to two quotes may end the string's content
        continue;
      }
      let j = i + 1;
      while (j < s.length && s[j] !== c) j += c === '"' && s[j] === "\\" ? 2 : 1;
      i = j + 1;
      continue;
    }
    if (c === "[" || c === "{") st.depth++;
    else if ((c === "]" || c === "}") && st.depth > 0) st.depth--;
    i++;
  }
}

export function scanTomlLines(text: string): { lines: string[]; entries: LineEntry[] } {
  const lines = text.split("\n");
  const entries: LineEntry[] = [];
  const st = { ml: null as string | null, depth: 0 };
  let header: string[] = [];
  for (let n = 0; n < lines.length; n++) {
    const s = lines[n]!.endsWith("\r") ? lines[n]!.slice(0, -1) : lines[n]!;
    let i = 0;
    if (st.ml !== null) {
      const close = s.indexOf(st.ml);
      if (close < 0) continue;
      i = close + 3;
      st.ml = null;
      scanValue(s, i, st);
      continue;
    }
    if (st.depth > 0) {
      scanValue(s, 0, st);
      continue;
    }
    while (s[i] === " " || s[i] === "\t") i++;
    if (i >= s.length || s[i] === "#") continue;
    if (s[i] === "[") {
      const array = s[i + 1] === "[";
      const from = i + (array ? 2 : 1);
      const r = readSegments(s, from, "]");
      if (!r) continue;
      header = r.segs.map((g) => g.text);
      entries.push({ kind: array ? "array-header" : "header", path: header, segments: r.segs, line: n + 1, column: i + 1, start: from, end: r.end });
      continue;
    }
    const r = readSegments(s, i, "=#");
    if (!r) continue;
    const end = r.end;
    const isKey = s[end] === "=";
    // Trim trailing blanks from the span so a rewrite keeps the spacing before `=`.
    let spanEnd = end;
    while (spanEnd > i && (s[spanEnd - 1] === " " || s[spanEnd - 1] === "\t")) spanEnd--;
    entries.push({
      kind: isKey ? "key" : "bare",
      path: [...header, ...r.segs.map((g) => g.text)],
      segments: r.segs,
      line: n + 1,
      column: i + 1,
      start: i,
      end: spanEnd,
    });
    if (isKey) scanValue(s, end + 1, st);
  }
  return { lines, entries };
}

/** path (joined with ".") → first position where it is written. */
export function buildLocator(entries: LineEntry[]): (path: readonly string[]) => { line: number; column: number } | undefined {
  const map = new Map<string, { line: number; column: number }>();
  for (const e of entries) {
    const k = e.path.join(".");
    if (!map.has(k)) map.set(k, { line: e.line, column: e.column });
  }
  return (path) => {
    for (let n = path.length; n > 0; n--) {
      const hit = map.get(path.slice(0, n).join("."));
      if (hit) return hit;
    }
    return undefined;
  };
}
