// TOML for the readers: smol-toml for the grammar, positions for syntax errors,
// a locator for field errors, and (for Ori) the dialect rewrite.
import { parse, TomlError } from "smol-toml";
import { Diagnostics, MAX_DEPTH } from "./diagnostics.js";
import { buildLocator, scanTomlLines, type LineEntry } from "./toml-lines.js";

export type TomlTable = Record<string, unknown>;

/** A bare dialect line such as `std.json`: a dependency written without a value. */
export class BareLine {
  constructor(
    readonly line: number,
    readonly column: number,
  ) {}
}

/** A plain table/object (smol-toml builds them with a null prototype); not an array, date or bare line. */
export const isTable = (v: unknown): v is TomlTable => {
  if (typeof v !== "object" || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === null || proto === Object.prototype;
};

/** The Ori dialect: quote `@scope/name` segments, lift bare lines out of dependency tables. */
/** Per rewritten line: where the key starts, and how much longer the quoted key is than the original. */
type Shift = { start: number; newEnd: number; delta: number };

function rewriteDialect(lines: string[], entries: LineEntry[]): { text: string; bare: LineEntry[]; shifts: Map<number, Shift> } {
  const out = lines.slice();
  const bare: LineEntry[] = [];
  const shifts = new Map<number, Shift>();
  for (const e of entries) {
    const header = e.kind === "bare" ? e.path.slice(0, e.path.length - e.segments.length) : [];
    if (e.kind === "bare" && header.length > 0 && /dependencies$/.test(header[header.length - 1]!)) {
      bare.push(e);
      out[e.line - 1] = "";
      continue;
    }
    if (e.kind === "bare" || !e.segments.some((g) => g.needsQuote)) continue;
    // Only keys made of plain printable characters are quoted; anything else is left for the parser to reject.
    if (e.segments.some((g) => g.needsQuote && /["\\\x00-\x1f\x7f]/.test(g.text))) continue;
    const s = out[e.line - 1]!;
    const key = e.segments.map((g) => (g.quoted || g.needsQuote ? JSON.stringify(g.text) : g.text)).join(".");
    out[e.line - 1] = s.slice(0, e.start) + key + s.slice(e.end);
    shifts.set(e.line, { start: e.start, newEnd: e.start + key.length, delta: key.length - (e.end - e.start) });
  }
  return { text: out.join("\n"), bare, shifts };
}

function syntaxMessage(e: TomlError): string {
  const first = e.message.replace(/^Invalid TOML document:\s*/, "").split("\n")[0] ?? "invalid TOML";
  return first.trim() || "invalid TOML";
}

export function parseToml(text: string, diag: Diagnostics, opts: { dialect?: boolean } = {}): TomlTable {
  const scan = scanTomlLines(text);
  diag.locate = buildLocator(scan.entries);
  let source = text;
  let bare: LineEntry[] = [];
  let shifts = new Map<number, Shift>();
  if (opts.dialect) ({ text: source, bare, shifts } = rewriteDialect(scan.lines, scan.entries));
  let data: TomlTable;
  try {
    data = parse(source, { maxDepth: MAX_DEPTH }) as TomlTable;
  } catch (e) {
    if (e instanceof TomlError) {
      // Map the column back to the text as written when the dialect rewrite quoted a key on that line.
      const sh = shifts.get(e.line);
      let column = e.column;
      if (sh && column - 1 >= sh.newEnd) column -= sh.delta;
      else if (sh && column - 1 > sh.start) column = sh.start + 1;
      diag.fail("E_SYNTAX", syntaxMessage(e), "", { pos: { line: e.line, column } });
    }
    diag.fail("E_SYNTAX", `cannot parse TOML: ${(e as Error)?.message ?? String(e)}`, "", { pos: { line: 1, column: 1 } });
  }
  for (const b of bare) {
    const headerLen = b.path.length - b.segments.length;
    let t: unknown = data;
    for (const seg of b.path.slice(0, headerLen)) t = isTable(t) ? t[seg] : undefined;
    if (!isTable(t)) diag.fail("E_SYNTAX", `a bare dependency line must be inside a [dependencies] table`, "", { pos: b });
    const name = b.segments.map((g) => g.text).join(".");
    if (Object.prototype.hasOwnProperty.call(t, name)) diag.fail("E_SYNTAX", `\`${name}\` is listed twice`, "", { pos: b });
    Object.defineProperty(t, name, { value: new BareLine(b.line, b.column), enumerable: true, writable: true, configurable: true });
  }
  return data;
}
