// Readme rendering is inert: whatever a readme holds, the HTML that comes out
// uses only the tags and attributes the renderer writes itself, and links go
// only to http(s) or relative URLs.
import { describe, it, expect } from "vitest";
import fc from "fast-check";
import { renderMarkdown, inline } from "../../../cli/registry/web/markdown.js";
import { esc, safeHref } from "../../../cli/registry/web/escape.js";

const ALLOWED_TAGS = new Set(["p", "h3", "h4", "h5", "h6", "ul", "ol", "li", "pre", "code", "em", "strong", "a", "blockquote", "hr"]);
const ALLOWED_ATTRS = new Set(["href", "rel", "class"]);

/** Every tag in `html` with its attribute names; fails on anything that is not a plain tag. */
function tagsOf(html: string): { tag: string; attrs: string[]; href?: string }[] {
  const out: { tag: string; attrs: string[]; href?: string }[] = [];
  for (const m of html.matchAll(/<\/?([a-zA-Z0-9]+)((?:\s+[a-z-]+="[^"<>]*")*)\s*>/g)) {
    const attrs = [...m[2]!.matchAll(/([a-z-]+)="([^"]*)"/g)];
    out.push({ tag: m[1]!, attrs: attrs.map((a) => a[1]!), href: attrs.find((a) => a[1] === "href")?.[2] });
  }
  // After removing the tags we recognised, no `<` may remain: everything else was escaped.
  expect(html.replace(/<\/?([a-zA-Z0-9]+)((?:\s+[a-z-]+="[^"<>]*")*)\s*>/g, "")).not.toContain("<");
  return out;
}

function assertInert(html: string): void {
  for (const t of tagsOf(html)) {
    expect(ALLOWED_TAGS.has(t.tag), `tag <${t.tag}>`).toBe(true);
    for (const a of t.attrs) expect(ALLOWED_ATTRS.has(a), `attribute ${a}`).toBe(true);
    if (t.href !== undefined) expect(t.href).toMatch(/^(https?:\/\/|[^:]*$)/i);
  }
}

describe("renderMarkdown", () => {
  it("renders the common constructs", () => {
    const html = renderMarkdown("# Title\n\nSome *em* and **strong** and `code`.\n\n- one\n- two\n\n```js\nlet a = 1 < 2;\n```\n\n[docs](https://example.org/docs)");
    expect(html).toContain("<h3>Title</h3>");
    expect(html).toContain("<em>em</em>");
    expect(html).toContain("<strong>strong</strong>");
    expect(html).toContain("<code>code</code>");
    expect(html).toContain("<ul><li>one</li><li>two</li></ul>");
    expect(html).toContain('<pre><code class="language-js">let a = 1 &lt; 2;</code></pre>');
    expect(html).toContain('<a href="https://example.org/docs" rel="nofollow noopener noreferrer">docs</a>');
  });

  it.each([
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](java\tscript:alert(1))",
    "[click](data:text/html,<script>alert(1)</script>)",
    "[click](&#106;avascript:alert(1))",
    '![x](https://evil.example/x.png" onerror="alert(1))',
    '[a](https://x.example/"onmouseover="alert(1))',
    "<a href='javascript:alert(1)'>x</a>",
    "```\n</code></pre><script>alert(1)</script>\n```",
    "> <iframe src=//evil.example></iframe>",
    "# <svg onload=alert(1)>",
  ])("renders %j inert", (src) => {
    const html = renderMarkdown(src);
    assertInert(html);
    expect(html).not.toMatch(/<(script|img|iframe|svg)/i);
  });

  it("never emits a tag or attribute outside the allowlist, whatever the input", () => {
    const pieces = fc.constantFrom("<", ">", "\"", "'", "&", "[", "]", "(", ")", "`", "*", "_", "#", "-", " ", "\n", "javascript:", "https://a.b/", "<script>", "onerror=", "![", "> ", "```", "x");
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 60 }), (parts) => {
        assertInert(renderMarkdown(parts.join("")));
      }),
      { numRuns: 400 },
    );
  });

  it("keeps text as text", () => {
    expect(inline("a < b && c > d")).toBe("a &lt; b &amp;&amp; c &gt; d");
  });
});

describe("escaping", () => {
  it("escapes the five HTML-significant characters", () => {
    expect(esc(`<a href="x" title='y'>&`)).toBe("&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;");
  });

  it("lets only http(s) and relative links through", () => {
    expect(safeHref("https://example.org/a?b=c")).toBe("https://example.org/a?b=c");
    expect(safeHref("docs/guide.md")).toBe("docs/guide.md");
    for (const bad of ["javascript:alert(1)", " javascript:x", "vbscript:x", "data:text/html,x", "//evil.example/", "java\nscript:x", "&#106;avascript:x", "file:///etc/passwd"]) {
      expect(safeHref(bad), bad).toBeUndefined();
    }
  });
});
