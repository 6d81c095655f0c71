// The registry's web interface in headless Debian Chromium, served by a real
// `cairn serve` child process: search finds a package, its page lists
// versions and checksums, download counts grow after `cairn install`, hostile
// metadata renders inert, the pages work without JavaScript and on a phone,
// and the static export (`cairn site`) searches on a plain static host.
// Screenshots go to test-artifacts/registry-web/.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { spawn, type ChildProcess } from "node:child_process";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { launch, ROOT } from "./harness.js";
import { bundleCli, startServe } from "../cli/registry/cli-bundle.js";
import { EVIL_DESCRIPTION, webRegistry } from "../cli/registry-web/fixture.js";

const ARTIFACTS = join(ROOT, "test-artifacts/registry-web");
const base = mkdtempSync(join(tmpdir(), "cairn-web-browser-"));
const registry = join(base, "registry");
let cli: string;
let serveChild: ChildProcess;
let url: string;
let browser: Browser;

function run(args: string[], cwd: string, env: Record<string, string>): Promise<{ code: number | null; stderr: string; stdout: string }> {
  const child = spawn(process.execPath, [cli, ...args], { cwd, env: { ...process.env, NO_COLOR: "1", ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (d) => (stdout += d));
  child.stderr!.on("data", (d) => (stderr += d));
  return new Promise((r) => child.once("exit", (code) => r({ code, stdout, stderr })));
}

async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

async function openPage(path: string, opts: { width?: number; height?: number; javaScript?: boolean; at?: string } = {}): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: opts.width ?? 1200, height: opts.height ?? 800 }, javaScriptEnabled: opts.javaScript ?? true });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(new URL(path, opts.at ?? url).toString());
  return { page, errors };
}

const downloadsCell = (page: Page, version: string) => page.textContent(`tr[data-version="${version}"] td.downloads`).then(Number);

beforeAll(async () => {
  await webRegistry(registry);
  cli = await bundleCli();
  ({ url, child: serveChild } = await startServe(cli, registry));
  browser = await launch();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  serveChild?.kill("SIGTERM");
  rmSync(base, { recursive: true, force: true });
});

describe("registry web interface (Chromium)", () => {
  test("search finds a package and its page lists versions and checksums", async () => {
    const { page, errors } = await openPage("/");
    expect(await page.locator("ul.packages li").count()).toBe(3);
    await shot(page, "index");
    await page.fill("#q", "format");
    await Promise.all([page.waitForURL(/q=format/), page.press("#q", "Enter")]);
    const names = await page.$$eval("ul.packages li a.name", (as) => as.map((a) => a.textContent));
    expect(names).toEqual(["fmt"]);
    await shot(page, "search-format");
    await Promise.all([page.waitForURL(/packages\/fmt\.html$/), page.click("text=fmt")]);
    const doc = JSON.parse(readFileSync(join(registry, "packages/fmt.json"), "utf8"));
    for (const [v, entry] of Object.entries<{ checksum: string }>(doc.versions)) {
      expect(await page.textContent(`tr[data-version="${v}"] td.sum`)).toBe(entry.checksum);
    }
    expect(await page.isVisible('tr[data-version="1.3.0"] .yanked')).toBe(true);
    expect(await page.textContent("article.readme")).toContain("Formats things, faster.");
    await shot(page, "package-fmt");
    expect(errors).toEqual([]);
  });

  test("download counts increase after installs", async () => {
    const { page } = await openPage("/packages/fmt.html");
    const before = await downloadsCell(page, "1.2.0");
    for (const n of [1, 2]) {
      const app = join(base, `app-${n}`);
      mkdirSync(app);
      writeFileSync(join(app, "cairn.toml"), `[package]\nname = "web-app"\nversion = "0.1.0"\n\n[dependencies]\nfmt = "^1.0.0"\n`);
      const r = await run(["install", "--registry", url], app, { CAIRN_HOME: join(base, `home-${n}`) });
      expect(r.code, r.stderr).toBe(0);
    }
    await page.reload();
    expect(await downloadsCell(page, "1.2.0")).toBe(before + 2);
    expect(await downloadsCell(page, "1.0.0")).toBe(0);
    await shot(page, "package-fmt-after-installs");
  });

  test("HTML injection in descriptions, licenses and readmes renders inert", async () => {
    const { page, errors } = await openPage("/packages/evil-pkg.html");
    expect(await page.evaluate(() => (window as unknown as { __pwned?: string }).__pwned)).toBeUndefined();
    expect(await page.locator("main script, main img, main iframe, main svg").count()).toBe(0);
    expect(await page.textContent("p.description")).toBe(EVIL_DESCRIPTION);
    expect(await page.locator("article.readme a").count()).toBe(0);
    await page.click("article.readme >> text=click me"); // a label without a target: nothing runs
    expect(await page.evaluate(() => (window as unknown as { __pwned?: string }).__pwned)).toBeUndefined();
    await shot(page, "package-evil");
    const index = await openPage("/?q=evil");
    expect(await index.page.evaluate(() => (window as unknown as { __pwned?: string }).__pwned)).toBeUndefined();
    expect(await index.page.textContent("ul.packages li")).toContain(EVIL_DESCRIPTION);
    expect([...errors, ...index.errors]).toEqual([]);
  });

  test("works without JavaScript and fits a phone screen", async () => {
    const { page } = await openPage("/?q=greet", { width: 390, height: 844, javaScript: false });
    expect(await page.$$eval("ul.packages li a.name", (as) => as.map((a) => a.textContent))).toEqual(["@acme/greet"]);
    await Promise.all([page.waitForURL(/greet\.html$/), page.click("text=@acme/greet")]);
    expect(await page.textContent("h1")).toContain("@acme/greet");
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await shot(page, "phone-package-greet");
  });

  test("the static export searches and links on a plain static host", async () => {
    const r = await run(["site", registry], base, {});
    expect(r.code, r.stderr).toBe(0);
    const plain: Server = createServer(async (req, res) => {
      const path = decodeURIComponent(new URL(req.url!, "http://x").pathname);
      try {
        const body = await readFile(join(registry, path.endsWith("/") ? `${path}index.html` : path));
        res.writeHead(200, { "content-type": path.endsWith(".json") ? "application/json" : "text/html; charset=utf-8" }).end(body);
      } catch {
        res.writeHead(404).end();
      }
    });
    await new Promise<void>((ok) => plain.listen(0, "127.0.0.1", ok));
    const at = `http://127.0.0.1:${(plain.address() as { port: number }).port}/`;
    try {
      const { page, errors } = await openPage("index.html?q=greetings", { at });
      await page.waitForFunction(() => document.getElementById("count")?.textContent?.includes("match"));
      const visible = await page.$$eval("ul.packages li", (lis) => (lis as HTMLElement[]).filter((li) => !li.hidden).map((li) => li.querySelector("a.name")!.textContent));
      expect(visible).toEqual(["@acme/greet"]);
      await shot(page, "static-search");
      await Promise.all([page.waitForURL(/greet\.html$/), page.click("text=@acme/greet")]);
      await Promise.all([page.waitForURL(/fmt\.html$/), page.click("dd >> text=fmt")]);
      expect(await page.locator("tr[data-version]").count()).toBe(3);
      expect(errors).toEqual([]);
    } finally {
      plain.closeAllConnections();
      await new Promise((ok) => plain.close(ok));
    }
  });
});
