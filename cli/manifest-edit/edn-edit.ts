// Surgical edits of Epsilon's package.edn: set or remove one entry of a map
// found under a top-level key ("dependencies", "dev-dependencies"), leaving
// the rest of the text (comments, alignment, key spelling) untouched.

interface Form {
  start: number;
  end: number; // exclusive
  text: string;
}

/** The forms directly inside the collection that opens at `open` (text[open] is `{`, `[` or `(`), and its closing index. */
function childForms(text: string, open: number): { forms: Form[]; close: number } {
  const forms: Form[] = [];
  let i = open + 1;
  for (;;) {
    while (i < text.length) {
      const c = text[i]!;
      if (c === ";") while (i < text.length && text[i] !== "\n") i++;
      else if (/[\s,]/.test(c)) i++;
      else break;
    }
    if (i >= text.length) return { forms, close: text.length };
    const c = text[i]!;
    if (c === "}" || c === "]" || c === ")") return { forms, close: i };
    const start = i;
    if (c === "{" || c === "[" || c === "(") i = childForms(text, i).close + 1;
    else if (c === '"') {
      i++;
      while (i < text.length && text[i] !== '"') i += text[i] === "\\" ? 2 : 1;
      i++;
    } else while (i < text.length && !/[\s,;{}\[\]()"]/.test(text[i]!)) i++;
    forms.push({ start, end: i, text: text.slice(start, i) });
  }
}

const keyName = (t: string) => (t.startsWith('"') ? t.slice(1, -1) : t.startsWith(":") ? t.slice(1) : t);

function topMap(text: string): { forms: Form[]; close: number } | undefined {
  const open = text.search(/[{(]/);
  if (open < 0) return undefined;
  return childForms(text, open);
}

/** The map under `key` (any of its spellings), as [openIndex, forms, close]. */
function sectionMap(text: string, keys: string[]): { open: number; forms: Form[]; close: number } | undefined {
  const top = topMap(text);
  if (!top) return undefined;
  for (let k = 0; k + 1 < top.forms.length; k += 2) {
    if (keys.includes(keyName(top.forms[k]!.text)) && top.forms[k + 1]!.text.startsWith("{")) {
      const open = top.forms[k + 1]!.start;
      return { open, ...childForms(text, open) };
    }
  }
  return undefined;
}

export function setEdnEntry(text: string, sectionKeys: string[], name: string, value: string): string {
  const sec = sectionMap(text, sectionKeys);
  const pair = `${JSON.stringify(name)} ${value}`;
  if (!sec) {
    // add the section before the top-level map closes
    const top = topMap(text);
    if (!top) return `{${JSON.stringify(sectionKeys[0])} {${pair}}}\n`;
    const last = top.forms[top.forms.length - 1];
    const indent = last ? " ".repeat(Math.max(0, last.start - text.lastIndexOf("\n", last.start) - 1)) : " ";
    const keyForm = top.forms.length ? top.forms[top.forms.length - 2]!.text : '"';
    const keyText = keyForm.startsWith(":") ? `:${sectionKeys[0]}` : JSON.stringify(sectionKeys[0]);
    return `${text.slice(0, top.close)}\n${indent}${keyText} {${pair}}${text.slice(top.close)}`;
  }
  for (let k = 0; k + 1 < sec.forms.length; k += 2) {
    if (keyName(sec.forms[k]!.text) === name) {
      const v = sec.forms[k + 1]!;
      return text.slice(0, v.start) + value + text.slice(v.end);
    }
  }
  if (sec.forms.length === 0) return `${text.slice(0, sec.open + 1)}${pair}${text.slice(sec.close)}`;
  const lastVal = sec.forms[sec.forms.length - 1]!;
  const firstKey = sec.forms[0]!;
  const lineStart = text.lastIndexOf("\n", firstKey.start) + 1;
  const sameLine = !text.slice(sec.open, lastVal.end).includes("\n");
  const sep = sameLine ? " " : `\n${" ".repeat(firstKey.start - lineStart)}`;
  return `${text.slice(0, lastVal.end)}${sep}${pair}${text.slice(lastVal.end)}`;
}

export function removeEdnEntry(text: string, sectionKeys: string[], name: string): string | undefined {
  const sec = sectionMap(text, sectionKeys);
  if (!sec) return undefined;
  for (let k = 0; k + 1 < sec.forms.length; k += 2) {
    if (keyName(sec.forms[k]!.text) !== name) continue;
    let start = sec.forms[k]!.start;
    let end = sec.forms[k + 1]!.end;
    // take the whitespace before the pair with it (or after it, for the first pair)
    if (k > 0) start = sec.forms[k - 1]!.end;
    else if (k + 2 < sec.forms.length) end = sec.forms[k + 2]!.start;
    return text.slice(0, start) + text.slice(end);
  }
  return undefined;
}

export function ednEntries(text: string, sectionKeys: string[]): string[] {
  const sec = sectionMap(text, sectionKeys);
  if (!sec) return [];
  const out: string[] = [];
  for (let k = 0; k < sec.forms.length; k += 2) out.push(keyName(sec.forms[k]!.text));
  return out;
}
