// The two kinds of registry page: the package list (with search) and one
// page per package. Pure functions from registry documents to HTML strings;
// where the data comes from (disk, a live server, download counts) is the
// caller's business (routes.ts, static-export.ts).
import semver from "semver";
import { esc } from "./escape.js";
import { page } from "./layout.js";
import { renderMarkdown } from "./markdown.js";
import { urlPath } from "../names.js";
import type { RegistryPackage, SearchEntry } from "../types.js";

/** Relative path from a package page back to the registry root. */
export function rootFrom(name: string): string {
  return "../".repeat(name.split("/").length);
}

/** `packages/<name>.html`, relative to the registry root (URL-encoded). */
export function packagePagePath(name: string): string {
  return `packages/${urlPath(name)}.html`;
}

function haystack(p: SearchEntry): string {
  return [p.name, p.description ?? "", ...(Array.isArray(p.keywords) ? p.keywords : [])].join("\n").toLowerCase();
}

/** Packages matching `query` in name, description or keywords, exact and prefix name matches first (as `cairn search`). */
export function searchEntries(entries: SearchEntry[], query: string): SearchEntry[] {
  const q = query.trim().toLowerCase();
  if (q === "") return entries;
  const rank = (p: SearchEntry) => (p.name === q ? 0 : p.name.startsWith(q) ? 1 : p.name.includes(q) ? 2 : 3);
  return entries.filter((p) => haystack(p).includes(q)).sort((a, b) => rank(a) - rank(b) || (a.name < b.name ? -1 : 1));
}

export interface IndexOptions {
  query?: string;
  /** Static hosting: list everything and let the page filter itself by `?q=`. */
  staticSearch?: boolean;
}

export function renderIndex(all: SearchEntry[], opts: IndexOptions = {}): string {
  const query = opts.staticSearch ? "" : (opts.query ?? "").trim();
  const shown = searchEntries(all, query);
  const items = shown
    .map((p) => {
      const kws = (Array.isArray(p.keywords) ? p.keywords : []).map((k) => `<a class="kw" href="index.html?q=${encodeURIComponent(String(k))}">${esc(k)}</a>`).join("");
      return `<li data-search="${esc(haystack(p))}"><a class="name" href="${packagePagePath(p.name)}">${esc(p.name)}</a>${p.latest ? ` <span class="muted">${esc(p.latest)}</span>` : ""}` +
        `${p.description ? `<div>${esc(p.description)}</div>` : ""}${kws ? `<div>${kws}</div>` : ""}</li>`;
    })
    .join("\n");
  const count = query
    ? `${shown.length} of ${all.length} packages match “${esc(query)}”`
    : `${all.length} package${all.length === 1 ? "" : "s"}`;
  const body = `<h1>Packages</h1>
<p class="muted" id="count" aria-live="polite">${count}</p>
${shown.length ? `<ul class="packages">\n${items}\n</ul>` : `<p>No package matches. Try a shorter word, or <a href="index.html">list every package</a>.</p>`}`;
  return page({ title: query ? `“${query}” · cairn registry` : "cairn registry", root: "", query, body, script: opts.staticSearch });
}

export interface PackagePageData {
  pkg: RegistryPackage;
  /** Completed downloads of one version (0 when unknown). */
  downloads(version: string): number;
  /** The readme of the latest version, as Markdown source. */
  readme?: string;
}

function depList(deps: Record<string, string> | undefined, root: string): string {
  const entries = Object.entries(deps ?? {});
  if (!entries.length) return `<span class="muted">none</span>`;
  return entries.map(([n, r]) => `<a href="${root}${packagePagePath(n)}">${esc(n)}</a> <code>${esc(r)}</code>`).join(", ");
}

export function renderPackage(d: PackagePageData): string {
  const { pkg } = d;
  const root = rootFrom(pkg.name);
  const versions = Object.keys(pkg.versions).filter((v) => semver.valid(v)).sort(semver.rcompare);
  const latest = pkg.latest && pkg.versions[pkg.latest] ? pkg.latest : versions.find((v) => !pkg.versions[v]!.yanked) ?? versions[0];
  const total = versions.reduce((n, v) => n + d.downloads(v), 0);
  const keywords = (Array.isArray(pkg.keywords) ? pkg.keywords : []).map((k) => `<a class="kw" href="${root}index.html?q=${encodeURIComponent(String(k))}">${esc(k)}</a>`).join("");
  const rows = versions
    .map((v) => {
      const e = pkg.versions[v]!;
      const published = typeof e.published === "string" ? e.published.slice(0, 10) : "";
      // data-label: on narrow screens each row becomes a card whose cells name themselves (layout.ts).
      return `<tr class="version${e.yanked ? " is-yanked" : ""}" data-version="${esc(v)}"><td><code>${esc(v)}</code>${e.yanked ? ` <span class="yanked">yanked</span>` : ""}</td>` +
        `<td class="date" data-label="Published">${esc(published)}</td><td class="downloads" data-label="Downloads">${d.downloads(v)}</td><td data-label="Dependencies">${depList(e.dependencies, root)}</td>` +
        `<td class="sum" data-label="Checksum"><code>${esc(e.checksum)}</code></td></tr>`;
    })
    .join("\n");
  const latestEntry = latest ? pkg.versions[latest] : undefined;
  const body = `<p class="muted"><a href="${root}index.html">Packages</a> /</p>
<h1>${esc(pkg.name)}${latest ? ` <span class="muted">${esc(latest)}</span>` : ""}</h1>
${pkg.description ? `<p class="description">${esc(pkg.description)}</p>` : ""}
${keywords ? `<p>${keywords}</p>` : ""}
<dl class="facts">
<dt>License</dt><dd>${pkg.license ? esc(pkg.license) : `<span class="muted">not stated</span>`}</dd>
<dt>Downloads</dt><dd id="total-downloads">${total}</dd>
${latestEntry ? `<dt>Dependencies</dt><dd>${depList(latestEntry.dependencies, root)}</dd>` : ""}
</dl>
${latest ? `<pre><code>cairn add ${esc(pkg.name)}@^${esc(latest)}</code></pre>` : ""}
<h2>Versions</h2>
<div class="table"><table>
<thead><tr><th>Version</th><th>Published</th><th>Downloads</th><th>Dependencies</th><th>Checksum</th></tr></thead>
<tbody>
${rows}
</tbody></table></div>
<h2>Readme</h2>
${d.readme ? `<article class="readme">\n${renderMarkdown(d.readme)}\n</article>` : `<p class="muted">This package has no readme.</p>`}`;
  return page({ title: `${pkg.name} · cairn registry`, root, body });
}

export function renderNotFound(root: string, what: string): string {
  return page({ title: "Not found · cairn registry", root, body: `<h1>Not found</h1>\n<p>${esc(what)}</p>\n<p><a href="${root}index.html">All packages</a></p>` });
}
