// A reader for EDN (package.edn, epsilon-lock.edn) and Lisp property lists
// (module.sexp, plist-style package.edn). Data only: nothing is evaluated.
// Every node keeps its line and column; nesting is capped; one pass, linear time.
import { Diagnostics, MAX_DEPTH, type Position } from "./diagnostics.js";

export type EdnNode =
  | { t: "map"; entries: [EdnNode, EdnNode][]; pos: Position }
  | { t: "vector" | "list" | "set"; items: EdnNode[]; pos: Position }
  | { t: "string" | "keyword" | "symbol" | "char"; v: string; pos: Position }
  | { t: "number"; v: number; raw: string; pos: Position }
  | { t: "bool"; v: boolean; pos: Position }
  | { t: "nil"; pos: Position }
  | { t: "tagged"; tag: string; value: EdnNode; pos: Position };

const DELIM = new Set([..."()[]{}\";"]);
const PLAIN = /[^"\\\n]*/y;
const isWs = (c: string) => c === " " || c === "\t" || c === "\n" || c === "\r" || c === "," || c === "\f";

export function readEdn(text: string, diag: Diagnostics, opts: { lisp?: boolean } = {}): EdnNode {
  let i = 0;
  let line = 1;
  let lineStart = 0;
  const pos = (): Position => ({ line, column: i - lineStart + 1 });
  const fail = (msg: string, at: Position = pos()): never => diag.fail("E_SYNTAX", msg, "", { pos: at });
  const advance = (n = 1) => {
    for (let k = 0; k < n; k++) {
      if (text.charCodeAt(i) === 10) {
        line++;
        lineStart = i + 1;
      }
      i++;
    }
  };

  const skip = () => {
    for (;;) {
      const c = text[i];
      if (c === undefined) return;
      if (isWs(c)) advance();
      else if (c === ";") while (i < text.length && text[i] !== "\n") i++;
      else if (opts.lisp && c === "#" && text[i + 1] === "|") {
        // Common Lisp block comment, nestable.
        const start = pos();
        let depth = 0;
        do {
          if (text.startsWith("#|", i)) {
            depth++;
            advance(2);
          } else if (text.startsWith("|#", i)) {
            depth--;
            advance(2);
          } else if (i >= text.length) fail("unterminated #| comment", start);
          else advance();
        } while (depth > 0);
      } else return;
    }
  };

  const token = (): string => {
    const s = i;
    while (i < text.length && !isWs(text[i]!) && !DELIM.has(text[i]!)) i++;
    return text.slice(s, i);
  };

  const str = (start: Position): string => {
    advance(); // opening quote
    let out = "";
    for (;;) {
      const c = text[i];
      if (c === undefined) fail("unterminated string", start);
      if (c === '"') {
        advance();
        return out;
      }
      if (c === "\\") {
        const e = text[i + 1];
        advance(2);
        if (e === "n") out += "\n";
        else if (e === "t") out += "\t";
        else if (e === "r") out += "\r";
        else if (e === '"' || e === "\\") out += e;
        else if (e === "u" && !opts.lisp) {
          const hex = text.slice(i, i + 4);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail("bad \\u escape in string");
          out += String.fromCharCode(parseInt(hex, 16));
          advance(4);
        } else if (opts.lisp && e !== undefined) out += e; // CL: backslash escapes any character
        else fail(`unknown escape \\${e ?? ""} in string`);
      } else {
        // Take the run of ordinary characters up to the next quote, backslash or newline at once.
        PLAIN.lastIndex = i;
        PLAIN.test(text);
        const end = Math.max(PLAIN.lastIndex, i + 1);
        if (c === "\n") advance();
        else {
          out += text.slice(i, end);
          i = end;
        }
        if (c === "\n") out += "\n";
      }
    }
  };

  const atom = (start: Position): EdnNode => {
    const tok = token();
    if (tok === "") fail(`unexpected character \`${text[i]}\``, start);
    if (tok === "nil" || (opts.lisp && tok.toLowerCase() === "nil")) return { t: "nil", pos: start };
    if (tok === "true" || (opts.lisp && tok.toLowerCase() === "t")) return { t: "bool", v: true, pos: start };
    if (tok === "false") return { t: "bool", v: false, pos: start };
    if (tok.startsWith(":")) {
      if (tok.length === 1) fail("empty keyword", start);
      return { t: "keyword", v: opts.lisp ? tok.slice(1).toLowerCase() : tok.slice(1), pos: start };
    }
    if (/^[+-]?\d/.test(tok)) {
      const n = Number(tok.replace(/[NM]$/, ""));
      if (!Number.isFinite(n) && !/^[+-]?\d+\/\d+$/.test(tok)) fail(`invalid number \`${tok}\``, start);
      return { t: "number", v: n, raw: tok, pos: start };
    }
    return { t: "symbol", v: tok, pos: start };
  };

  // Explicit stack: containers being built, so depth never touches the JS stack.
  type Frame = { kind: "map" | "vector" | "list" | "set"; close: string; items: EdnNode[]; pos: Position; tag?: string[] };
  const stack: Frame[] = [];
  const pendingTags: { tag: string; pos: Position; depth: number; discard: boolean }[] = [];
  let result: EdnNode | undefined;

  const emit = (node: EdnNode) => {
    // Apply reader prefixes (#tag, #_) that wait at this depth, innermost first.
    while (pendingTags.length && pendingTags[pendingTags.length - 1]!.depth === stack.length) {
      const p = pendingTags.pop()!;
      if (p.discard) return;
      node = { t: "tagged", tag: p.tag, value: node, pos: p.pos };
    }
    if (stack.length === 0) {
      if (result !== undefined) fail("more than one top-level form", node.pos);
      result = node;
    } else stack[stack.length - 1]!.items.push(node);
  };

  for (;;) {
    skip();
    if (i >= text.length) break;
    const c = text[i]!;
    const start = pos();
    if (c === "(" || c === "[" || c === "{") {
      if (stack.length >= MAX_DEPTH) fail(`nested more than ${MAX_DEPTH} levels deep`, start);
      stack.push({ kind: c === "(" ? "list" : c === "[" ? "vector" : "map", close: c === "(" ? ")" : c === "[" ? "]" : "}", items: [], pos: start });
      advance();
    } else if (c === ")" || c === "]" || c === "}") {
      const top = stack.pop();
      if (!top || top.close !== c) return fail(top ? `expected \`${top.close}\` to close the form at ${top.pos.line}:${top.pos.column}, found \`${c}\`` : `unmatched \`${c}\``, start);
      advance();
      if (pendingTags.length && pendingTags[pendingTags.length - 1]!.depth === stack.length + 1) fail("a reader tag is not followed by a form", start);
      if (top.kind === "map") {
        if (top.items.length % 2) fail("a map needs an even number of forms (key value …)", top.pos);
        const entries: [EdnNode, EdnNode][] = [];
        for (let k = 0; k < top.items.length; k += 2) entries.push([top.items[k]!, top.items[k + 1]!]);
        emit({ t: "map", entries, pos: top.pos });
      } else emit({ t: top.kind, items: top.items, pos: top.pos });
    } else if (c === '"') emit({ t: "string", v: str(start), pos: start });
    else if (c === "\\") {
      advance();
      const tok = text[i] !== undefined && (isWs(text[i]!) || DELIM.has(text[i]!)) ? text[i++]! : token();
      if (tok === "") fail("empty character literal", start);
      emit({ t: "char", v: tok, pos: start });
    } else if (c === "#") {
      const n = text[i + 1];
      if (n === "{") {
        if (stack.length >= MAX_DEPTH) fail(`nested more than ${MAX_DEPTH} levels deep`, start);
        stack.push({ kind: "set", close: "}", items: [], pos: start });
        advance(2);
      } else if (n === "_") {
        if (pendingTags.length >= MAX_DEPTH) fail("too many reader prefixes", start);
        pendingTags.push({ tag: "_", pos: start, depth: stack.length, discard: true });
        advance(2);
      } else {
        advance();
        const tag = token();
        if (!/^[A-Za-z]/.test(tag)) fail(`unsupported reader macro \`#${tag || (text[i] ?? "")}\``, start);
        if (pendingTags.length >= MAX_DEPTH) fail("too many reader prefixes", start);
        pendingTags.push({ tag, pos: start, depth: stack.length, discard: false });
      }
    } else if (opts.lisp && (c === "'" || c === "`")) advance(); // quoted data reads the same
    else emit(atom(start));
  }
  if (stack.length) fail(`\`${stack[stack.length - 1]!.kind === "list" ? "(" : stack[stack.length - 1]!.kind === "vector" ? "[" : "{"}\` is never closed`, stack[stack.length - 1]!.pos);
  if (pendingTags.length) fail("a reader tag is not followed by a form", pendingTags[0]!.pos);
  if (result === undefined) return fail("the file holds no form", { line: 1, column: 1 });
  return result;
}

/** Plain JSON-like data for reporting: keywords become their names, sets and lists arrays. */
export function toPlain(n: EdnNode): unknown {
  switch (n.t) {
    case "map":
      return Object.fromEntries(n.entries.map(([k, v]) => [keyName(k), toPlain(v)]));
    case "vector":
    case "list":
    case "set":
      return n.items.map(toPlain);
    case "number":
      return n.v;
    case "bool":
      return n.v;
    case "nil":
      return null;
    case "tagged":
      return toPlain(n.value);
    default:
      return n.v;
  }
}

/** A map key as the field name: strings and keywords alike (`"name"` ≡ `:name`). */
export function keyName(k: EdnNode): string {
  if (k.t === "string" || k.t === "keyword" || k.t === "symbol" || k.t === "char") return k.v;
  if (k.t === "number" || k.t === "bool") return String(k.v);
  if (k.t === "nil") return "nil";
  return `<${k.t}>`;
}
