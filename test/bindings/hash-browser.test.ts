// The hash engine in real headless Chromium (the browser path: no
// node:crypto, SIMD by feature detection, async compile), from a fresh
// browser bundle of the library's main entry.
import { describe, it, expect } from "vitest";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { build } from "esbuild";
import { chromium } from "playwright-core";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

const PAGE = `<!doctype html><script type="module">
import { hashEngine, treeHash, toHex, wasmSimdSupported } from "/cairn.mjs";
const enc = new TextEncoder();
const e = await hashEngine("wasm"), a = await hashEngine("auto"), s = await hashEngine("wasm", { simd: false });
const data = Array.from({ length: 40 }, (_, n) => new Uint8Array(n * 997).map((_, i) => i * 7 + n));
const want = await Promise.all(data.map(async (b) => toHex(new Uint8Array(await crypto.subtle.digest("SHA-256", b)))));
const h = e.createSha256(); for (const b of data) h.update(b);
const all = new Uint8Array(data.reduce((t, b) => t + b.length, 0)); let at = 0; for (const b of data) { all.set(b, at); at += b.length; }
let nativeError = ""; try { await hashEngine("native"); } catch (x) { nativeError = x.message; }
window.__result = {
  simd: wasmSimdSupported(), wasm: e.description, autoKind: a.description, scalar: s.description,
  single: data.every((b, i) => toHex(e.sha256(b)) === want[i]),
  many: e.sha256Many(data).every((d, i) => toHex(d) === want[i]),
  scalarMany: s.sha256Many(data).every((d, i) => toHex(d) === want[i]),
  autoMany: a.sha256Many(data).every((d, i) => toHex(d) === want[i]),
  stream: toHex(h.digest()) === toHex(new Uint8Array(await crypto.subtle.digest("SHA-256", all))),
  tree: treeHash([{ path: "link", kind: "symlink", target: "a.txt" }, { path: "bin/run", kind: "exec", bytes: enc.encode("#!/bin/sh\\necho hi\\n") },
    { path: "empty", kind: "file", bytes: new Uint8Array(0) }, { path: "a.txt", kind: "file", bytes: enc.encode("hello\\n") }]).digest,
  nativeError,
};
</script>`;

describe("hash engine in Chromium", () => {
  it("hashes like WebCrypto with the SIMD and scalar modules, and gives the tree1 vector", async () => {
    const bundle = await build({ entryPoints: ["bindings/index.ts"], bundle: true, format: "esm", platform: "browser", target: "es2022", loader: { ".wasm": "binary" }, write: false, logLevel: "silent" });
    const js = bundle.outputFiles[0].contents;
    const server = http.createServer((req, res) => {
      if (req.url === "/cairn.mjs") res.writeHead(200, { "content-type": "text/javascript" }).end(js);
      else res.writeHead(200, { "content-type": "text/html" }).end(PAGE);
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
    try {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on("pageerror", (e) => errors.push(e.message));
      await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
      await page.waitForFunction(() => (window as unknown as { __result?: unknown }).__result, null, { timeout: 30_000 });
      const r = await page.evaluate(() => (window as unknown as { __result: Record<string, unknown> }).__result);
      expect(errors).toEqual([]);
      expect(r).toMatchObject({
        simd: true, wasm: "wasm-simd", autoKind: "auto(wasm-simd)", scalar: "wasm-scalar",
        single: true, many: true, scalarMany: true, autoMany: true, stream: true,
        tree: "tree1-TVwxuOEYRaPF7cr+GnahbPFPo+c9HvRto2VxT8Qx2JY=",
      });
      expect(r.nativeError).toMatch(/needs node:crypto/);
    } finally {
      await browser.close();
      server.close();
    }
  }, 60_000);
});
