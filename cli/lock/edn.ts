// The slice of EDN that epsilon-lock.edn uses: maps, vectors, lists, strings,
// integers, keywords (read as their name without the colon), nil/true/false,
// `;` comments and commas as whitespace. Enough to read back what cairn writes
// and what Epsilon's own design shows; anything else is a syntax error.
import { CairnError } from "../../bindings/errors.js";

export type Edn = string | number | boolean | null | Edn[] | { [k: string]: Edn };

export function parseEdn(text: string, file: string): Edn {
  let i = 0;
  const where = () => {
    const before = text.slice(0, i);
    const line = before.split("\n").length;
    return { file, line, column: i - before.lastIndexOf("\n") };
  };
  const fail = (m: string): never => {
    throw new CairnError("E_SYNTAX", m, { location: where() });
  };
  const skip = () => {
    for (;;) {
      const c = text[i];
      if (c === ";") while (i < text.length && text[i] !== "\n") i++;
      else if (c === " " || c === "\n" || c === "\t" || c === "\r" || c === ",") i++;
      else return;
    }
  };
  const value = (depth: number): Edn => {
    if (depth > 64) fail("nested too deeply");
    skip();
    const c = text[i];
    if (c === undefined) return fail("unexpected end of file");
    if (c === "{" || c === "[" || c === "(") {
      const close = c === "{" ? "}" : c === "[" ? "]" : ")";
      i++;
      const items: Edn[] = [];
      for (;;) {
        skip();
        if (text[i] === close) {
          i++;
          break;
        }
        if (i >= text.length) fail(`missing \`${close}\``);
        items.push(value(depth + 1));
      }
      if (c !== "{") return items;
      if (items.length % 2) fail("a map needs an even number of forms");
      const m: { [k: string]: Edn } = Object.create(null);
      for (let k = 0; k < items.length; k += 2) m[String(items[k])] = items[k + 1]!;
      return m;
    }
    if (c === '"') {
      let s = "";
      i++;
      for (;;) {
        const d = text[i++];
        if (d === undefined) fail("unterminated string");
        if (d === '"') return s;
        if (d === "\\") {
          const e = text[i++];
          s += e === "n" ? "\n" : e === "t" ? "\t" : e === "r" ? "\r" : (e ?? "");
        } else s += d;
      }
    }
    const m = /^[^\s,;{}\[\]()"]+/.exec(text.slice(i));
    if (!m) return fail(`unexpected \`${c}\``);
    i += m[0].length;
    const tok = m[0];
    if (tok === "nil") return null;
    if (tok === "true" || tok === "false") return tok === "true";
    if (/^-?\d+$/.test(tok)) return Number(tok);
    if (tok.startsWith(":")) return tok.slice(1);
    return tok;
  };
  const v = value(0);
  skip();
  if (i < text.length) fail("unexpected text after the top-level form");
  return v;
}

export const ednString = (s: string) => JSON.stringify(s);
