// Shared set-up for the browser tests: builds the playground into a temp
// directory (so the tests see the current source, whatever dist/ holds),
// serves it on 127.0.0.1 (port 0), and drives Debian's Chromium through
// playwright-core. Screenshots go to test-artifacts/playground/.
import { mkdirSync, mkdtempSync, rmSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { spawn, type ChildProcess } from "node:child_process";
import { chromium, type Browser, type Page } from "playwright-core";
// @ts-expect-error: plain ESM modules without type declarations
import { buildPlayground } from "../../web-playground/build.mjs";
// @ts-expect-error: plain ESM modules without type declarations
import { serveStatic } from "../../web-playground/serve.mjs";

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "../..");
export const ARTIFACTS = join(ROOT, "test-artifacts/playground");
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export interface Served {
  url: string;
  close(): Promise<void>;
}

export async function buildToTemp(): Promise<{ dir: string; cleanup(): void }> {
  if (!existsSync(join(ROOT, "build/cairn.wasm"))) throw new Error("build/cairn.wasm is missing: run `node scripts/build.mjs core` (npm test does it)");
  const base = mkdtempSync(join(tmpdir(), "cairn-playground-"));
  const dir = join(base, "web");
  await buildPlayground({ root: ROOT, minify: true, outDir: dir });
  return { dir, cleanup: () => rmSync(base, { recursive: true, force: true }) };
}

export function serve(dir: string, proxy?: { prefix: string; target: string }, onProxy?: (path: string) => void): Promise<Served> {
  return serveStatic({ dir, ...(proxy ? { proxy, onProxy } : {}) });
}

export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic"],
  });
}

/** A fresh page with page errors collected (a test fails if any appear). */
export async function openPage(browser: Browser, url: string): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(url);
  await page.waitForSelector("body[data-ready=true]", { timeout: 30_000 });
  return { page, errors };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`) });
}

/** Number of solves the page has finished (it counts them on <body>). */
export async function solves(page: Page): Promise<number> {
  return Number((await page.getAttribute("body", "data-solves")) ?? "0");
}

/** Runs `act` and waits until the page has finished one more solve. */
export async function afterSolve(page: Page, act: () => Promise<unknown>, timeout = 60_000): Promise<string> {
  const before = await solves(page);
  await act();
  await page.waitForFunction((n) => Number(document.body.dataset.solves ?? "0") > n, before, { timeout });
  return (await page.textContent("#status")) ?? "";
}

/** The drawn graph's nodes as labels ("name version"), root marked by its ⌂. */
export async function graphLabels(page: Page): Promise<string[]> {
  return page.$$eval("#graph g.node text", (ts) => ts.map((t) => t.textContent ?? ""));
}

/** `cairn serve DIR` on a free port; resolves with its URL. */
export async function cairnServe(dir: string): Promise<{ url: string; stop(): void }> {
  const cli = join(ROOT, "dist/cli.mjs");
  if (!existsSync(cli)) throw new Error("dist/cli.mjs is missing: run `npm run build` (npm test does it)");
  const child: ChildProcess = spawn(process.execPath, [cli, "serve", dir, "--port", "0", "--host", "127.0.0.1"], { stdio: ["ignore", "pipe", "pipe"] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = "";
    let err = "";
    const timer = setTimeout(() => reject(new Error(`cairn serve printed no URL: ${err}`)), 20_000);
    child.stdout!.on("data", (d) => {
      out += d;
      const m = /https?:\/\/\S+/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[0]);
      }
    });
    child.stderr!.on("data", (d) => (err += d));
    child.on("exit", (code) => reject(new Error(`cairn serve exited with ${code}: ${err}`)));
  });
  return { url, stop: () => void child.kill("SIGTERM") };
}
