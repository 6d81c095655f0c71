// A small static file server for dist/web: used by `npm start` and by the
// browser tests. GET/HEAD only, no directory listings, no path escapes.
import { createServer, request as httpRequest } from "node:http";
import { createReadStream, statSync } from "node:fs";
import { extname, join, normalize, sep } from "node:path";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".wasm": "application/wasm",
  ".png": "image/png",
};

/**
 * Forwards GET/HEAD under `prefix` to another HTTP server (a registry), so the
 * page can use it from its own origin: browsers refuse cross-origin reads
 * unless the registry sends Access-Control-Allow-Origin (`cairn serve` does).
 */
function forward(req, res, target, rest, onProxy) {
  const url = new URL(rest, target);
  onProxy?.(url.pathname);
  const up = httpRequest(url, { method: req.method, headers: { accept: req.headers.accept ?? "*/*", ...(req.headers["if-none-match"] ? { "if-none-match": req.headers["if-none-match"] } : {}) } }, (r) => {
    const keep = ["content-type", "content-length", "etag", "cache-control"];
    res.writeHead(r.statusCode ?? 502, Object.fromEntries(keep.filter((k) => r.headers[k] !== undefined).map((k) => [k, r.headers[k]])));
    r.pipe(res);
  });
  up.on("error", () => res.writeHead(502, { "content-type": "text/plain" }).end("registry unreachable\n"));
  up.end();
}

/**
 * Serve `dir` on http://host:port (port 0 = any free port). With `proxy`
 * ({prefix: "/registry/", target: "http://127.0.0.1:8080/"}), paths under the
 * prefix go to that server instead.
 * @param {{dir: string, host?: string, port?: number, proxy?: {prefix: string, target: string}, onProxy?: (path: string) => void}} opts
 * @returns {Promise<{url: string, port: number, close: () => Promise<void>}>}
 */
export function serveStatic({ dir, host = "127.0.0.1", port = 0, proxy, onProxy }) {
  const rootDir = normalize(dir);
  const server = createServer((req, res) => {
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405, { allow: "GET, HEAD" }).end();
      return;
    }
    const raw = (req.url ?? "/").split("?")[0];
    if (proxy && raw.startsWith(proxy.prefix)) {
      forward(req, res, proxy.target, raw.slice(proxy.prefix.length), onProxy);
      return;
    }
    let path;
    try {
      path = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    if (path.endsWith("/")) path += "index.html";
    const file = normalize(join(rootDir, path));
    if (file !== rootDir && !file.startsWith(rootDir + sep)) {
      res.writeHead(403).end();
      return;
    }
    let st;
    try {
      st = statSync(file);
    } catch {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found\n");
      return;
    }
    if (!st.isFile()) {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found\n");
      return;
    }
    // no-cache: the service worker, not the HTTP cache, provides offline use,
    // and a rebuilt page must be picked up on reload.
    res.writeHead(200, {
      "content-type": TYPES[extname(file)] ?? "application/octet-stream",
      "content-length": st.size,
      "cache-control": "no-cache",
    });
    if (req.method === "HEAD") res.end();
    else createReadStream(file).pipe(res);
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      const addr = server.address();
      const p = typeof addr === "object" && addr ? addr.port : port;
      resolve({
        url: `http://${host}:${p}/`,
        port: p,
        close: () => new Promise((r) => { server.closeAllConnections?.(); server.close(() => r()); }),
      });
    });
  });
}
