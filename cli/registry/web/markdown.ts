// A small Markdown renderer for package readmes that is inert by
// construction: the source is escaped first, then a fixed set of constructs
// (headings, paragraphs, lists, block quotes, fenced and indented code, rules,
// emphasis, inline code, links) is turned into tags this file writes itself.
// Raw HTML in a readme is shown as text, links only go to http(s) or
// relative URLs (rel="nofollow noopener"), and images are shown as links so a
// readme cannot make the reader's browser fetch anything.
import { esc, safeHref } from "./escape.js";

const MAX_README = 256 * 1024;

/** Inline constructs over already-split text; escapes everything it does not turn into a tag. */
export function inline(text: string): string {
  let out = "";
  let i = 0;
  while (i < text.length) {
    const rest = text.slice(i);
    let m: RegExpExecArray | null;
    if ((m = /^(`+)([^`][\s\S]*?)\1(?!`)/.exec(rest))) {
      out += `<code>${esc(m[2]!.trim())}</code>`;
    } else if ((m = /^!?\[([^\]\n]{0,500})\]\(([^()\s]{0,2000})(?:\s+"[^"\n]{0,200}")?\)/.exec(rest))) {
      const href = safeHref(m[2]!);
      const label = inline(m[1]!);
      out += href ? `<a href="${esc(href)}" rel="nofollow noopener noreferrer">${label}</a>` : label;
    } else if ((m = /^(\*\*|__)(?=\S)([\s\S]*?\S)\1/.exec(rest))) {
      out += `<strong>${inline(m[2]!)}</strong>`;
    } else if ((m = /^(\*|_)(?=\S)([^*_\n]*?\S)\1/.exec(rest))) {
      out += `<em>${inline(m[2]!)}</em>`;
    } else if ((m = /^https?:\/\/[^\s<>()"']{1,2000}/.exec(rest))) {
      const href = safeHref(m[0]);
      out += href ? `<a href="${esc(href)}" rel="nofollow noopener noreferrer">${esc(m[0])}</a>` : esc(m[0]);
    } else {
      // Plain text up to the next character that may start a construct.
      const n = rest.slice(1).search(/[`!\[*_h]/);
      const chunk = n < 0 ? rest : rest.slice(0, n + 1);
      out += esc(chunk);
      i += chunk.length;
      continue;
    }
    i += m[0].length;
  }
  return out;
}

/** Readme source → HTML fragment. */
export function renderMarkdown(source: string): string {
  const lines = source.slice(0, MAX_README).replace(/\r\n?/g, "\n").split("\n");
  const out: string[] = [];
  let i = 0;
  const isBlank = (l: string) => l.trim() === "";
  while (i < lines.length) {
    const line = lines[i]!;
    let m: RegExpExecArray | null;
    if (isBlank(line)) {
      i++;
    } else if ((m = /^ {0,3}(`{3,}|~{3,})\s*([\w+-]*)/.exec(line))) {
      const fence = m[1]!;
      const body: string[] = [];
      i++;
      while (i < lines.length && !lines[i]!.trimStart().startsWith(fence)) body.push(lines[i++]!);
      i++;
      const lang = m[2] ? ` class="language-${esc(m[2])}"` : "";
      out.push(`<pre><code${lang}>${esc(body.join("\n"))}</code></pre>`);
    } else if (/^( {4}|\t)/.test(line)) {
      const body: string[] = [];
      while (i < lines.length && (/^( {4}|\t)/.test(lines[i]!) || isBlank(lines[i]!))) body.push(lines[i++]!.replace(/^( {4}|\t)/, ""));
      out.push(`<pre><code>${esc(body.join("\n").replace(/\n+$/, ""))}</code></pre>`);
    } else if ((m = /^ {0,3}(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line))) {
      // Readme headings sit below the page's own h1/h2.
      const level = Math.min(6, m[1]!.length + 2);
      out.push(`<h${level}>${inline(m[2]!)}</h${level}>`);
      i++;
    } else if (/^ {0,3}([-*_])(\s*\1){2,}\s*$/.test(line)) {
      out.push("<hr>");
      i++;
    } else if (/^ {0,3}>/.test(line)) {
      const body: string[] = [];
      while (i < lines.length && /^ {0,3}>/.test(lines[i]!)) body.push(lines[i++]!.replace(/^ {0,3}> ?/, ""));
      out.push(`<blockquote>${renderMarkdown(body.join("\n"))}</blockquote>`);
    } else if ((m = /^ {0,3}([-*+]|\d{1,9}[.)])\s+/.exec(line))) {
      const ordered = /\d/.test(m[1]!);
      const items: string[] = [];
      while (i < lines.length) {
        const item = /^ {0,3}([-*+]|\d{1,9}[.)])\s+(.*)$/.exec(lines[i]!);
        if (item) {
          items.push(item[2]!);
          i++;
        } else if (!isBlank(lines[i]!) && /^\s+\S/.test(lines[i]!) && items.length) {
          items[items.length - 1] += ` ${lines[i++]!.trim()}`;
        } else break;
      }
      const tag = ordered ? "ol" : "ul";
      out.push(`<${tag}>${items.map((t) => `<li>${inline(t)}</li>`).join("")}</${tag}>`);
    } else {
      const para: string[] = [];
      while (i < lines.length && !isBlank(lines[i]!) && !/^ {0,3}(#{1,6}\s|>|```|~~~|[-*+]\s|\d{1,9}[.)]\s)/.test(lines[i]!)) para.push(lines[i++]!.trim());
      if (para.length === 0) para.push(lines[i++]!.trim());
      out.push(`<p>${inline(para.join("\n"))}</p>`);
    }
  }
  return out.join("\n");
}
