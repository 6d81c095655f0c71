// The Cavefile subset of Zirric that the package manager reads: `mod`,
// `import [alias =] path [{ names }]`, attributes `@a.B(args)`, and `data`
// declarations with fields. Everything else is skipped by bracket balance;
// nothing is executed. No recursion: nesting depth costs nothing but a counter.
import { Diagnostics, type Position } from "./diagnostics.js";

export interface Token {
  t: "ident" | "string" | "number" | "punct";
  v: string;
  pos: Position;
  /** A newline separates this token from the previous one. */
  nl: boolean;
}

export interface Attr {
  /** `cave.Git` → ["cave", "Git"] */
  name: string[];
  /** String arguments; null for any other expression; undefined when written without parentheses. */
  args: (string | string[] | null)[] | undefined;
  pos: Position;
}

export interface Field {
  name: string;
  attrs: Attr[];
  pos: Position;
}

export interface Decl {
  keyword: string;
  name: string | null;
  attrs: Attr[];
  fields: Field[] | null;
  pos: Position;
}

export interface Cavefile {
  mod: { name: string; attrs: Attr[]; pos: Position } | null;
  /** alias → module path, and directly imported names → module path */
  imports: Map<string, string>;
  names: Map<string, string>;
  decls: Decl[];
}

const isIdentStart = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
const isDigit = (c: number) => c >= 48 && c <= 57;

export function lexZirric(text: string, diag: Diagnostics): Token[] {
  const out: Token[] = [];
  let i = 0;
  let line = 1;
  let lineStart = 0;
  let nl = true;
  const pos = (at = i): Position => ({ line, column: at - lineStart + 1 });
  while (i < text.length) {
    const c = text[i]!;
    if (c === "\n") {
      line++;
      lineStart = ++i;
      nl = true;
      continue;
    }
    if (c === " " || c === "\t" || c === "\r" || c === ";") {
      i++;
      continue;
    }
    if (c === "/" && text[i + 1] === "/") {
      while (i < text.length && text[i] !== "\n") i++;
      continue;
    }
    if (c === "/" && text[i + 1] === "*") {
      const start = pos();
      const end = text.indexOf("*/", i + 2);
      if (end < 0) diag.fail("E_SYNTAX", "unterminated /* comment", "", { pos: start });
      for (; i < end + 2; i++) if (text[i] === "\n") {
        line++;
        lineStart = i + 1;
        nl = true;
      }
      continue;
    }
    const start = pos();
    if (c === '"') {
      let j = i + 1;
      let v = "";
      for (;;) {
        const d = text[j];
        if (d === undefined || d === "\n") diag.fail("E_SYNTAX", "unterminated string", "", { pos: start });
        if (d === '"') break;
        if (d === "\\") {
          const e = text[j + 1];
          v += e === "n" ? "\n" : e === "t" ? "\t" : e === undefined ? "" : e;
          j += 2;
        } else {
          v += d;
          j++;
        }
      }
      out.push({ t: "string", v, pos: start, nl });
      i = j + 1;
    } else if (isIdentStart(text.charCodeAt(i))) {
      let j = i + 1;
      while (j < text.length && (isIdentStart(text.charCodeAt(j)) || isDigit(text.charCodeAt(j)))) j++;
      out.push({ t: "ident", v: text.slice(i, j), pos: start, nl });
      i = j;
    } else if (isDigit(text.charCodeAt(i))) {
      let j = i + 1;
      while (j < text.length && (isIdentStart(text.charCodeAt(j)) || isDigit(text.charCodeAt(j)) || text.charCodeAt(j) === 46)) j++;
      out.push({ t: "number", v: text.slice(i, j), pos: start, nl });
      i = j;
    } else {
      out.push({ t: "punct", v: c, pos: start, nl });
      i++;
    }
    nl = false;
  }
  return out;
}

const OPEN: Record<string, string> = { "(": ")", "[": "]", "{": "}" };
const DECL_KEYWORDS = new Set(["mod", "import", "data", "func", "let", "extern", "enum", "annotation", "attr", "module", "type", "alias"]);

export function parseCavefile(text: string, diag: Diagnostics): Cavefile {
  const toks = lexZirric(text, diag);
  let p = 0;
  const end = toks.length;
  const peek = (k = 0): Token | undefined => toks[p + k];
  const lastPos = (): Position => toks[Math.min(p, end - 1)]?.pos ?? { line: 1, column: 1 };
  const fail = (msg: string, at: Position = lastPos()): never => diag.fail("E_SYNTAX", msg, "", { pos: at });
  const isP = (t: Token | undefined, v: string) => t !== undefined && t.t === "punct" && t.v === v;

  const ident = (what: string): Token => {
    const t = peek();
    if (!t || t.t !== "ident") fail(`expected ${what}`, t?.pos);
    p++;
    return t!;
  };
  const dotted = (what: string): string => {
    let s = ident(what).v;
    while (isP(peek(), ".") && peek(1)?.t === "ident") {
      p++;
      s += `.${ident(what).v}`;
    }
    return s;
  };

  /** Skips one balanced group starting at an opening bracket. */
  const skipGroup = (): void => {
    const open = peek()!;
    const closers: string[] = [OPEN[open.v]!];
    p++;
    while (closers.length) {
      const t = peek();
      if (!t) fail(`\`${open.v}\` is never closed`, open.pos);
      p++;
      if (t!.t !== "punct") continue;
      if (OPEN[t!.v]) closers.push(OPEN[t!.v]!);
      else if (t!.v === ")" || t!.v === "]" || t!.v === "}") {
        const want = closers.pop();
        if (t!.v !== want) fail(`expected \`${want}\`, found \`${t!.v}\``, t!.pos);
      }
    }
  };

  const attr = (): Attr => {
    const at = peek()!.pos;
    p++; // @
    const name = [ident("an attribute name after `@`").v];
    while (isP(peek(), ".")) {
      p++;
      name.push(ident("an attribute name").v);
    }
    if (!isP(peek(), "(")) return { name, args: undefined, pos: at };
    p++;
    const args: (string | string[] | null)[] = [];
    for (;;) {
      const t = peek();
      if (!t) fail("unterminated attribute arguments", at);
      if (isP(t, ")")) {
        p++;
        break;
      }
      if (t!.t === "string" && (isP(peek(1), ",") || isP(peek(1), ")"))) {
        args.push(t!.v);
        p++;
      } else if (isP(t, "[")) {
        // An array of strings, or any other expression.
        const start = p;
        const list: string[] = [];
        let ok = true;
        p++;
        while (!isP(peek(), "]")) {
          const x = peek();
          if (!x) fail("`[` is never closed", t!.pos);
          if (x!.t === "string") list.push(x!.v);
          else if (!isP(x, ",")) ok = false;
          if (OPEN[x!.v] && x!.t === "punct") {
            ok = false;
            break;
          }
          p++;
        }
        if (ok) p++;
        else {
          p = start;
          skipGroup();
        }
        args.push(ok ? list : null);
      } else {
        // Any other expression (e.g. `@tasks.Call(fn(o: T) {…})`): skip to the next top-level `,` or `)`.
        args.push(null);
        while (peek() && !isP(peek(), ",") && !isP(peek(), ")")) {
          if (peek()!.t === "punct" && OPEN[peek()!.v]) skipGroup();
          else if (isP(peek(), "]") || isP(peek(), "}")) fail(`unexpected \`${peek()!.v}\``, peek()!.pos);
          else p++;
        }
      }
      if (isP(peek(), ",")) p++;
    }
    return { name, args, pos: at };
  };

  const fields = (open: Token): Field[] => {
    p++; // {
    const out: Field[] = [];
    let attrs: Attr[] = [];
    for (;;) {
      const t = peek();
      if (!t) fail("`{` is never closed", open.pos);
      if (isP(t, "}")) {
        if (attrs.length) fail("attributes must be followed by a field", attrs[attrs.length - 1]!.pos);
        p++;
        return out;
      }
      if (isP(t, ",")) {
        p++;
        continue;
      }
      if (isP(t, "@")) {
        attrs.push(attr());
        continue;
      }
      if (t!.t !== "ident") fail(`expected a field name, found \`${t!.v}\``, t!.pos);
      const name = dotted("a field name");
      out.push({ name, attrs, pos: t!.pos });
      attrs = [];
      // The rest of the field's line is its type (`name: Type`, `name Type[]`): skip it.
      while (peek() && !peek()!.nl && !isP(peek(), "}") && !isP(peek(), "@") && !isP(peek(), ",")) {
        if (peek()!.t === "punct" && OPEN[peek()!.v]) skipGroup();
        else if (isP(peek(), ")") || isP(peek(), "]")) fail(`unexpected \`${peek()!.v}\``, peek()!.pos);
        else p++;
      }
    }
  };

  const file: Cavefile = { mod: null, imports: new Map(), names: new Map(), decls: [] };
  let attrs: Attr[] = [];
  while (p < end) {
    const t = peek()!;
    if (isP(t, "@")) {
      attrs.push(attr());
      continue;
    }
    if (t.t === "ident" && t.v === "mod" && !isP(peek(1), "=")) {
      p++;
      if (file.mod) fail("a Cavefile has one `mod` declaration", t.pos);
      file.mod = { name: dotted("a module name after `mod`"), attrs, pos: t.pos };
      attrs = [];
      continue;
    }
    if (t.t === "ident" && t.v === "import") {
      p++;
      let alias: string | undefined;
      if (peek()?.t === "ident" && isP(peek(1), "=")) {
        alias = ident("an alias").v;
        p++;
      }
      const path = dotted("a module path after `import`");
      file.imports.set(alias ?? path.split(".").pop()!, path);
      if (isP(peek(), "{") && !peek()!.nl) {
        const open = peek()!;
        p++;
        while (!isP(peek(), "}")) {
          const x = peek();
          if (!x) fail("`{` is never closed", open.pos);
          if (x!.t === "ident") file.names.set(x!.v, path);
          else if (!isP(x, ",")) fail(`expected a name, found \`${x!.v}\``, x!.pos);
          p++;
        }
        p++;
      }
      attrs = [];
      continue;
    }
    if (t.t === "ident" && t.v === "data") {
      p++;
      const name = ident("a name after `data`").v;
      let fs: Field[] | null = null;
      if (isP(peek(), "{")) fs = fields(peek()!);
      file.decls.push({ keyword: "data", name, attrs, fields: fs, pos: t.pos });
      attrs = [];
      continue;
    }
    if (t.t === "punct" && (t.v === ")" || t.v === "]" || t.v === "}")) fail(`unexpected \`${t.v}\``, t.pos);
    // Any other declaration or statement: skip to the next line that starts a declaration.
    const keyword = t.t === "ident" ? t.v : "";
    const name = peek(1)?.t === "ident" && !peek(1)!.nl ? peek(1)!.v : null;
    p++;
    while (p < end) {
      const x = peek()!;
      if (x.nl && (isP(x, "@") || (x.t === "ident" && DECL_KEYWORDS.has(x.v)))) break;
      if (x.t === "punct" && OPEN[x.v]) skipGroup();
      else if (x.t === "punct" && (x.v === ")" || x.v === "]" || x.v === "}")) fail(`unexpected \`${x.v}\``, x.pos);
      else p++;
    }
    file.decls.push({ keyword, name, attrs, fields: null, pos: t.pos });
    attrs = [];
  }
  if (attrs.length) fail("attributes at the end of the file annotate nothing", attrs[attrs.length - 1]!.pos);
  return file;
}
