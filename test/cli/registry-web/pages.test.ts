// The registry's web pages through a live server (createRegistryServer with
// the page routes and download counting, as `cairn serve` wires them) and as
// a static export: list and search, package pages with versions, checksums
// and yanked marks, escaped metadata, download counts that grow with
// downloads and survive a restart.
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Server } from "node:http";
import { createRegistryServer } from "../../../cli/registry/server.js";
import { TokenStore } from "../../../cli/registry/tokens.js";
import { DownloadCounter, DOWNLOADS_FILE } from "../../../cli/registry/downloads.js";
import { registryPages } from "../../../cli/registry/web/routes.js";
import { exportSite } from "../../../cli/registry/web/static-export.js";
import { createRegistryClient } from "../../../cli/registry/client.js";
import { EVIL_DESCRIPTION, webRegistry } from "./fixture.js";

const dir = mkdtempSync(join(tmpdir(), "cairn-web-"));
let server: Server;
let url: string;
let downloads: DownloadCounter;

async function start(): Promise<void> {
  downloads = new DownloadCounter(dir, 20);
  ({ server } = createRegistryServer({ dir, tokens: new TokenStore(), pages: registryPages(dir, downloads), onDownload: (rel) => downloads.record(rel) }));
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  url = `http://127.0.0.1:${(server.address() as { port: number }).port}/`;
}

async function stop(): Promise<void> {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
  await downloads.flush();
}

const get = async (path: string) => {
  const res = await fetch(new URL(path, url));
  return { status: res.status, type: res.headers.get("content-type"), csp: res.headers.get("content-security-policy"), text: await res.text() };
};

/** The downloads cell of one version's row. */
function downloadsOf(html: string, version: string): number {
  const row = new RegExp(`data-version="${version.replace(/\./g, "\\.")}"[\\s\\S]*?<td class="downloads"[^>]*>(\\d+)</td>`).exec(html);
  if (!row) throw new Error(`no row for ${version}`);
  return Number(row[1]);
}

beforeAll(async () => {
  await webRegistry(dir);
  await start();
});

afterAll(async () => {
  await stop();
  rmSync(dir, { recursive: true, force: true });
});

describe("registry web pages", () => {
  it("lists every package at / as HTML with a restrictive CSP", async () => {
    const r = await get("/");
    expect(r.status).toBe(200);
    expect(r.type).toContain("text/html");
    expect(r.csp).toContain("default-src 'none'");
    for (const n of ["fmt", "@acme/greet", "evil-pkg"]) expect(r.text).toContain(`>${n}</a>`);
    expect(r.text).toContain('href="packages/@acme/greet.html"');
    expect(r.text).toContain("3 packages");
    expect(r.text).not.toContain("<script>"); // the server searches itself; no script on served pages
  });

  it("searches on the server by name, description and keyword", async () => {
    const byKeyword = await get("/?q=format");
    expect(byKeyword.text).toContain(">fmt</a>");
    expect(byKeyword.text).not.toContain(">@acme/greet</a>");
    expect(byKeyword.text).toContain("1 of 3 packages match");
    const byDescription = await get("/index.html?q=greetings");
    expect(byDescription.text).toContain(">@acme/greet</a>");
    const none = await get("/?q=zzz-nothing");
    expect(none.text).toContain("No package matches");
  });

  it("shows a package's versions, dates, checksums, yanked marks, license, dependencies and readme", async () => {
    const doc = JSON.parse(readFileSync(join(dir, "packages/fmt.json"), "utf8"));
    const r = await get("/packages/fmt.html");
    expect(r.status).toBe(200);
    for (const v of ["1.0.0", "1.2.0", "1.3.0"]) {
      expect(r.text).toContain(`data-version="${v}"`);
      expect(r.text).toContain(doc.versions[v].checksum);
      expect(r.text).toContain(doc.versions[v].published.slice(0, 10));
    }
    expect(r.text).toMatch(/data-version="1\.3\.0"><td><code>1\.3\.0<\/code> <span class="yanked">yanked<\/span>/);
    expect(r.text).not.toMatch(/data-version="1\.2\.0"><td><code>1\.2\.0<\/code> <span class="yanked">/);
    expect(r.text).toContain("<dd>MIT</dd>");
    expect(r.text).toContain("Formats <strong>things</strong>, faster."); // the latest non-yanked version's readme
    const scoped = await get("/packages/@acme/greet.html");
    expect(scoped.text).toContain('<a href="../../packages/fmt.html">fmt</a> <code>^1.0.0</code>');
  });

  it("escapes hostile metadata and readmes", async () => {
    const r = await get("/packages/evil-pkg.html");
    expect(r.status).toBe(200);
    expect(r.text).not.toMatch(/<(script|img|iframe|svg)\b/i);
    expect(r.text).toContain("&lt;script&gt;window.__pwned = &quot;description&quot;&lt;/script&gt;");
    expect(r.text).not.toMatch(/(href|src)\s*=\s*["']?\s*javascript:/i);
    expect(r.text).toContain("<p>click me</p>"); // an unsafe link keeps its label and loses its target
    const index = await get("/");
    expect(index.text).not.toContain(EVIL_DESCRIPTION);
    expect(index.text).toContain("&lt;b&gt;bold&lt;/b&gt;");
  });

  it("answers unknown packages with a 404 page and leaves JSON and archives to the static files", async () => {
    const missing = await get("/packages/nope.html");
    expect(missing.status).toBe(404);
    expect(missing.text).toContain("No package called");
    const json = await get("/packages/fmt.json");
    expect(json.type).toContain("application/json");
    expect(JSON.parse(json.text).name).toBe("fmt");
  });

  it("counts archive downloads per version, shows them, and keeps them across a restart", async () => {
    const before = downloadsOf((await get("/packages/fmt.html")).text, "1.2.0");
    const client = createRegistryClient({ urls: [url], cacheDir: mkdtempSync(join(tmpdir(), "cairn-web-cache-")) });
    await client.downloadArchive("fmt", "1.2.0");
    const fresh = createRegistryClient({ urls: [url], cacheDir: mkdtempSync(join(tmpdir(), "cairn-web-cache-")) });
    await fresh.downloadArchive("fmt", "1.2.0");
    await fresh.downloadArchive("fmt", "1.0.0");
    const page = (await get("/packages/fmt.html")).text;
    expect(downloadsOf(page, "1.2.0")).toBe(before + 2);
    expect(downloadsOf(page, "1.0.0")).toBe(1);
    expect(downloadsOf(page, "1.3.0")).toBe(0);
    // HEAD and revalidations are not downloads.
    await fetch(new URL("files/fmt/fmt-1.2.0.tar.gz", url), { method: "HEAD" });
    expect(downloadsOf((await get("/packages/fmt.html")).text, "1.2.0")).toBe(before + 2);
    await stop();
    const persisted = JSON.parse(readFileSync(join(dir, DOWNLOADS_FILE), "utf8"));
    expect(persisted.downloads["files/fmt/fmt-1.2.0.tar.gz"]).toBe(before + 2);
    expect(readdirSync(join(dir, ".cairn")).filter((f) => f.includes(".tmp-"))).toEqual([]);
    await start();
    expect(downloadsOf((await get("/packages/fmt.html")).text, "1.2.0")).toBe(before + 2);
    // The counts file is never served.
    expect((await get(`/${DOWNLOADS_FILE}`)).status).toBe(404);
  });

  it("writes the same pages as static files next to the index", async () => {
    await downloads.flush();
    const written = await exportSite(dir);
    expect(written).toEqual(expect.arrayContaining(["index.html", "packages/fmt.html", "packages/@acme/greet.html", "packages/evil-pkg.html"]));
    for (const rel of ["packages/fmt.html", "packages/@acme/greet.html", "packages/evil-pkg.html"]) {
      expect(readFileSync(join(dir, rel), "utf8")).toBe((await get(`/${rel}`)).text);
    }
    const index = readFileSync(join(dir, "index.html"), "utf8");
    expect(index).toContain('href="packages/fmt.html"');
    expect(index).toContain("<script>"); // the static index filters itself by ?q=
    expect(existsSync(join(dir, "search.json"))).toBe(true);
  });
});
