// The page frame shared by every registry page: one inline stylesheet (no
// external requests, readable on a phone), a Content-Security-Policy that
// forbids scripts except the one static-search script by hash, and relative
// links only, so the same HTML works from `cairn serve` and from any static
// host under any path prefix.
import { createHash } from "node:crypto";
import { esc } from "./escape.js";

/**
 * On static hosts the index filters its own list by `?q=` (progressive
 * enhancement: without JavaScript every package is listed). `cairn serve`
 * filters on the server instead and sends no script.
 */
export const STATIC_SEARCH_SCRIPT =
  '(function(){var q=new URLSearchParams(location.search).get("q");if(!q)return;q=q.trim().toLowerCase();' +
  'document.getElementById("q").value=q;var n=0,items=document.querySelectorAll("li[data-search]");' +
  'items.forEach(function(li){var hit=li.getAttribute("data-search").indexOf(q)>=0;li.hidden=!hit;if(hit)n++;});' +
  'document.getElementById("count").textContent=n+" of "+items.length+" packages match \\u201c"+q+"\\u201d";})();';

const SCRIPT_HASH = `sha256-${createHash("sha256").update(STATIC_SEARCH_SCRIPT).digest("base64")}`;

export const CSP = `default-src 'none'; style-src 'unsafe-inline'; script-src '${SCRIPT_HASH}'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'`;

const STYLE = `
:root{color-scheme:light dark;--fg:#1d232b;--muted:#5c6672;--bg:#fdfcf9;--card:#f3f1ec;--line:#dcd8cf;--accent:#2f6f5e;--warn:#9a3b1c}
@media (prefers-color-scheme:dark){:root{--fg:#e6e3dc;--muted:#a3a9b1;--bg:#16191d;--card:#1f2328;--line:#343a41;--accent:#7cc5ae;--warn:#f0926e}}
*{box-sizing:border-box}
body{margin:0;font:16px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg)}
header{border-bottom:1px solid var(--line);background:var(--card)}
.wrap{max-width:56rem;margin:0 auto;padding:0 1rem}
header .wrap{display:flex;flex-wrap:wrap;gap:.75rem;align-items:center;justify-content:space-between;padding:.75rem 1rem}
.brand{font-weight:700;color:var(--fg);text-decoration:none;font-size:1.1rem}
form.search{display:flex;gap:.5rem;flex:1 1 16rem;max-width:28rem}
form.search input{flex:1;min-width:0;padding:.5rem .65rem;font:inherit;border:1px solid var(--line);border-radius:.4rem;background:var(--bg);color:var(--fg)}
form.search button{padding:.5rem .9rem;font:inherit;border:0;border-radius:.4rem;background:var(--accent);color:var(--bg);cursor:pointer}
main{padding:1.25rem 0 3rem}
a{color:var(--accent)}
h1{font-size:1.6rem;margin:.2rem 0 .4rem;overflow-wrap:anywhere}
h2{font-size:1.15rem;margin:2rem 0 .6rem;border-bottom:1px solid var(--line);padding-bottom:.25rem}
.muted{color:var(--muted)}
ul.packages{list-style:none;padding:0;margin:0}
ul.packages li{padding:.7rem 0;border-bottom:1px solid var(--line)}
ul.packages .name{font-weight:600;overflow-wrap:anywhere}
.kw{display:inline-block;font-size:.8rem;padding:.05rem .45rem;margin:.15rem .25rem 0 0;border-radius:1rem;background:var(--card);border:1px solid var(--line);color:var(--muted);text-decoration:none}
.facts{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem;margin:1rem 0}
.facts dt{color:var(--muted)}.facts dd{margin:0;overflow-wrap:anywhere}
pre{background:var(--card);border:1px solid var(--line);border-radius:.4rem;padding:.7rem;overflow-x:auto;font-size:.9rem}
code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.9em}
.table{overflow-x:auto}
table{border-collapse:collapse;width:100%;font-size:.92rem}
th,td{text-align:left;padding:.4rem .5rem;border-bottom:1px solid var(--line);vertical-align:top}
td.sum code{word-break:break-all;font-size:.78rem}
td.date{white-space:nowrap}
@media (max-width:40rem){.table table,.table tbody,.table tr,.table td{display:block}.table thead{display:none}.table tr{padding:.5rem 0;border-bottom:1px solid var(--line)}.table td{border:0;padding:.1rem 0}.table td[data-label]::before{content:attr(data-label) ": ";color:var(--muted)}}
.yanked{color:var(--warn);font-weight:600}
tr.is-yanked td:first-child{text-decoration:line-through}
.readme{border:1px solid var(--line);border-radius:.5rem;padding:.25rem 1rem;overflow-wrap:anywhere}
.readme img{max-width:100%}
blockquote{margin:0;padding-left:1rem;border-left:3px solid var(--line);color:var(--muted)}
footer{color:var(--muted);font-size:.85rem;padding:1rem 0 2rem;border-top:1px solid var(--line)}
`;

export interface PageFrame {
  title: string;
  /** "" at the registry root, "../" (or "../../" for scoped names) on package pages. */
  root: string;
  query?: string;
  body: string;
  script?: boolean;
}

export function page(f: PageFrame): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${esc(CSP)}">
<meta name="referrer" content="no-referrer">
<title>${esc(f.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header><div class="wrap">
<a class="brand" href="${f.root}index.html">cairn registry</a>
<form class="search" action="${f.root}index.html" method="get" role="search">
<input id="q" type="search" name="q" value="${esc(f.query ?? "")}" placeholder="Search packages" aria-label="Search packages">
<button type="submit">Search</button>
</form>
</div></header>
<main><div class="wrap">
${f.body}
</div></main>
<footer><div class="wrap">Served from a static cairn registry: <a href="${f.root}search.json">search.json</a> · <a href="${f.root}config.json">config.json</a></div></footer>
${f.script ? `<script>${STATIC_SEARCH_SCRIPT}</script>\n` : ""}</body>
</html>
`;
}
