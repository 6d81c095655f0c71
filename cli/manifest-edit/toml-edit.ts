// Surgical edits of TOML manifests (cairn.toml, mzp.toml, oripk.toml and its
// dialect): set or remove one key of one table, touching only the lines of
// that entry. Comments, blank lines, key order and the user's quoting stay as
// they were; a new table is appended at the end of the file.

/** Splits a dotted key or header body into segments, honouring quotes. */
export function keySegments(text: string): string[] {
  const out: string[] = [];
  let i = 0;
  const s = text.trim();
  while (i < s.length) {
    while (s[i] === " " || s[i] === "\t") i++;
    if (s[i] === '"' || s[i] === "'") {
      const qch = s[i]!;
      let j = i + 1;
      let v = "";
      while (j < s.length && s[j] !== qch) {
        if (qch === '"' && s[j] === "\\") {
          v += s[j + 1] ?? "";
          j += 2;
        } else v += s[j++];
      }
      out.push(v);
      i = j + 1;
    } else {
      let j = i;
      while (j < s.length && s[j] !== "." && s[j] !== " " && s[j] !== "\t") j++;
      out.push(s.slice(i, j));
      i = j;
    }
    while (s[i] === " " || s[i] === "\t") i++;
    if (s[i] === ".") i++;
  }
  return out;
}

/** TOML key text for a name: bare when allowed, else a basic string. */
export function tomlKey(name: string): string {
  return /^[A-Za-z0-9_-]+$/.test(name) ? name : JSON.stringify(name);
}

const sameKey = (a: string[], b: string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

interface Header {
  line: number;
  path: string[];
  array: boolean;
}

function headers(lines: string[]): Header[] {
  const hs: Header[] = [];
  lines.forEach((l, i) => {
    const m = /^\s*(\[\[?)(.*?)\]\]?\s*(#.*)?$/.exec(l);
    if (m) hs.push({ line: i, path: keySegments(m[2]!), array: m[1] === "[[" });
  });
  return hs;
}

/** The key of an entry line (`key = …`, or a bare dialect line like `std.json`), or undefined. */
function entryKey(line: string): string[] | undefined {
  const t = line.trim();
  if (t === "" || t.startsWith("#") || t.startsWith("[")) return undefined;
  // find `=` outside quotes
  let inQ: string | undefined;
  for (let i = 0; i < t.length; i++) {
    const c = t[i]!;
    if (inQ) {
      if (c === "\\" && inQ === '"') i++;
      else if (c === inQ) inQ = undefined;
    } else if (c === '"' || c === "'") inQ = c;
    else if (c === "=") return keySegments(t.slice(0, i));
    else if (c === "#") return keySegments(t.slice(0, i));
  }
  return keySegments(t);
}

/** Lines an entry spans: a value with unclosed brackets continues on the next lines. */
function entryEnd(lines: string[], start: number): number {
  let depth = 0;
  for (let i = start; i < lines.length; i++) {
    let inQ: string | undefined;
    const l = lines[i]!;
    for (let j = 0; j < l.length; j++) {
      const c = l[j]!;
      if (inQ) {
        if (c === "\\" && inQ === '"') j++;
        else if (c === inQ) inQ = undefined;
      } else if (c === '"' || c === "'") inQ = c;
      else if (c === "#") break;
      else if (c === "[" || c === "{") depth++;
      else if (c === "]" || c === "}") depth--;
    }
    if (depth <= 0) return i;
  }
  return lines.length - 1;
}

/** The range [start, end) of a table's body, from after its header to the next header. */
function tableBody(lines: string[], hs: Header[], h: Header): [number, number] {
  const next = hs.find((x) => x.line > h.line);
  return [h.line + 1, next ? next.line : lines.length];
}

function findEntry(lines: string[], table: string[], key: string): { start: number; end: number } | undefined {
  const hs = headers(lines);
  // `[table.key]` sub-table form
  const sub = hs.find((h) => !h.array && sameKey(h.path, [...table, key]));
  if (sub) {
    let [, end] = tableBody(lines, hs, sub);
    // sub-tables of the entry (`[table.key.features]`) go with it
    for (const h of hs) if (h.line >= end && h.path.length > table.length + 1 && sameKey(h.path.slice(0, table.length + 1), [...table, key])) end = tableBody(lines, hs, h)[1];
    return { start: sub.line, end };
  }
  const candidates: [number, number][] = [];
  const h = hs.find((x) => !x.array && sameKey(x.path, table));
  if (h) candidates.push(tableBody(lines, hs, h));
  // dotted keys from a parent table: `[package] … ` no; only `table.key = …` at top level
  const top: [number, number] = [0, hs.length ? hs[0]!.line : lines.length];
  candidates.push(top);
  for (const [s, e] of candidates) {
    const prefix = candidates.length && s === top[0] && e === top[1] ? table : [];
    for (let i = s; i < e; i++) {
      const k = entryKey(lines[i]!);
      // dialect lines (`std.json`) and dotted keys name one dependency
      if (k && (sameKey(k, [...prefix, key]) || k.slice(prefix.length).join(".") === key && sameKey(k.slice(0, prefix.length), prefix))) return { start: i, end: entryEnd(lines, i) + 1 };
    }
  }
  return undefined;
}

const eolOf = (text: string) => (text.includes("\r\n") ? "\r\n" : "\n");

/** Sets `key = value` in `[table]`: replaces the entry in place, appends it to the table, or adds the table. */
export function setTomlEntry(text: string, table: string[], key: string, value: string | undefined): string {
  const eol = eolOf(text);
  const lines = text.split(/\r?\n/);
  // `undefined` writes a bare key line: Ori's dialect for bundled `std.*` modules
  const entry = value === undefined ? key : `${tomlKey(key)} = ${value}`;
  const found = findEntry(lines, table, key);
  if (found) {
    lines.splice(found.start, found.end - found.start, entry);
    // a replaced `[table.key]` block needs its table header
    if (!headers(lines).some((h) => sameKey(h.path, table)) && table.length) {
      lines.splice(found.start, 0, `[${table.map(tomlKey).join(".")}]`);
    }
    return lines.join(eol);
  }
  const hs = headers(lines);
  const h = hs.find((x) => !x.array && sameKey(x.path, table));
  if (h) {
    let [, end] = tableBody(lines, hs, h);
    while (end > h.line + 1 && lines[end - 1]!.trim() === "") end--; // after the last entry, before blank lines
    lines.splice(end, 0, entry);
    return lines.join(eol);
  }
  while (lines.length && lines[lines.length - 1] === "") lines.pop();
  if (lines.length) lines.push("");
  lines.push(`[${table.map(tomlKey).join(".")}]`, entry, "");
  return lines.join(eol);
}

/** Removes the entry; returns undefined when it is not there. Leaves an emptied table header in place. */
export function removeTomlEntry(text: string, table: string[], key: string): string | undefined {
  const eol = eolOf(text);
  const lines = text.split(/\r?\n/);
  const found = findEntry(lines, table, key);
  if (!found) return undefined;
  lines.splice(found.start, found.end - found.start);
  return lines.join(eol);
}

/** Whether the table has the key. */
export function hasTomlEntry(text: string, table: string[], key: string): boolean {
  return findEntry(text.split(/\r?\n/), table, key) !== undefined;
}

/** An inline value: a plain string for a bare requirement, else an inline table. */
export function tomlInline(fields: [string, string | boolean | string[] | undefined][]): string {
  const parts = fields
    .filter(([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0) && v !== false)
    .map(([k, v]) => `${tomlKey(k)} = ${Array.isArray(v) ? `[${v.map((x) => JSON.stringify(x)).join(", ")}]` : typeof v === "boolean" ? String(v) : JSON.stringify(v)}`);
  return `{ ${parts.join(", ")} }`;
}
