// `cairn serve`: an HTTP server (node:http) over a registry directory.
//   GET/HEAD <any file>                        static reads, ETag + 304, content types
//   PUT      /api/v1/packages/<name>/<version>  publish (body: the .tar.gz;
//                                              header Cairn-Metadata: base64url JSON)
//   PUT      /api/v1/packages/<name>/<version>/yank     (DELETE …/yank too)
//   PUT      /api/v1/packages/<name>/<version>/unyank
// Writes need `Authorization: Bearer <token>`. Errors are JSON
// `{"error":{"code","message"}}` with 400/401/403/404/409/413. Paths whose
// segments start with `.` (tokens, owners, temp files) are never served.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { open, stat } from "node:fs/promises";
import { createReadStream } from "node:fs";
import { createHash } from "node:crypto";
import { join, extname } from "node:path";
import { CairnError, type ErrorCode } from "../../bindings/errors.js";
import type { ArchiveLimits } from "../archive/limits.js";
import { RegistryStore } from "./store.js";
import { TokenStore, bearerToken } from "./tokens.js";

export interface ServerOptions {
  dir: string;
  tokens: TokenStore;
  /** Largest publish body accepted (bytes). */
  maxArchiveSize?: number;
  limits?: Partial<ArchiveLimits>;
  /** Called once per request after it is answered (for logs). */
  onRequest?: (info: { method: string; url: string; status: number; user?: string }) => void;
  /** HTML pages (cli/registry/web/routes.ts): answers `/`, `/packages/<name>.html`; false leaves the path to the static files. */
  pages?: (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<boolean>;
  /** Called for each archive (`files/…`) sent in full, for download counts (cli/registry/downloads.ts). */
  onDownload?: (rel: string) => void;
}

export const DEFAULT_MAX_UPLOAD = 32 * 1024 * 1024;

const CONTENT_TYPES: Record<string, string> = {
  ".json": "application/json; charset=utf-8",
  ".gz": "application/gzip",
  ".tgz": "application/gzip",
  ".html": "text/html; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".md": "text/markdown; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".wasm": "application/wasm",
  ".svg": "image/svg+xml",
};

const STATUS_OF: Partial<Record<ErrorCode, number>> = {
  E_UNAUTHORIZED: 401,
  E_FORBIDDEN: 403,
  E_UNKNOWN_PACKAGE: 404,
  E_VERSION_EXISTS: 409,
  E_PAYLOAD_TOO_LARGE: 413,
  E_IO: 500,
  E_INTERNAL: 500,
  E_REGISTRY_DATA: 500,
};

class HttpFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown, extra: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(text), "cache-control": "no-store", ...extra });
  res.end(text);
}

function sendError(res: ServerResponse, status: number, code: string, message: string): void {
  const extra: Record<string, string> = status === 401 ? { "www-authenticate": 'Bearer realm="cairn", error="invalid_token"' } : {};
  if (!res.headersSent) sendJson(res, status, { error: { code, message } }, extra);
  else res.destroy();
}

interface FileInfo {
  key: string;
  etag: string;
  lastModified: string;
  size: number;
  body?: Buffer;
}

const SMALL = 1024 * 1024;
const MAX_HELD = 64 * 1024 * 1024;

export function createRegistryServer(opts: ServerOptions): { server: Server; store: RegistryStore } {
  const store = new RegistryStore(opts.dir, opts.limits);
  const maxUpload = opts.maxArchiveSize ?? DEFAULT_MAX_UPLOAD;
  // ETags are content hashes, remembered per (inode, size, mtime): a rename
  // (every write here) changes the inode, so a stale tag is never served.
  const infos = new Map<string, FileInfo>();
  let heldBytes = 0;

  async function fileInfo(abs: string): Promise<FileInfo | undefined> {
    let st;
    try {
      st = await stat(abs);
    } catch {
      return undefined;
    }
    if (!st.isFile()) return undefined;
    const key = `${st.ino}:${st.size}:${st.mtimeMs}`;
    const lastModified = st.mtime.toUTCString();
    const known = infos.get(abs);
    if (known && known.key === key) return known;
    const h = createHash("sha256");
    let body: Buffer | undefined;
    const fh = await open(abs, "r");
    try {
      if (st.size <= SMALL) {
        body = await fh.readFile();
        h.update(body);
      } else {
        for await (const chunk of fh.createReadStream({ autoClose: false, start: 0 })) h.update(chunk as Buffer);
      }
    } finally {
      await fh.close();
    }
    if (infos.size > 10_000 || heldBytes > MAX_HELD) {
      infos.clear();
      heldBytes = 0;
    }
    // Small bodies are kept to serve without a read, within a memory budget.
    const keep = body !== undefined && heldBytes + body.length <= MAX_HELD;
    if (keep) heldBytes += body!.length;
    const info: FileInfo = { key, lastModified, etag: `"${h.digest("base64url").slice(0, 27)}"`, size: body ? body.length : st.size, body: keep ? body : undefined };
    infos.set(abs, info);
    return info;
  }

  async function serveStatic(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> {
    let segments: string[];
    try {
      segments = pathname.split("/").filter((s) => s !== "").map(decodeURIComponent);
    } catch {
      throw new HttpFailure(400, "E_INVALID_PATH", "the request path is not valid percent-encoding");
    }
    if (segments.some((s) => s.startsWith(".") || s.includes("/") || s.includes("\\") || s.includes("\0"))) {
      throw new HttpFailure(404, "E_NOT_FOUND", "not found");
    }
    const rel = segments.join("/");
    const abs = join(opts.dir, rel);
    const info = rel === "" ? undefined : await fileInfo(abs);
    if (!info) throw new HttpFailure(404, "E_NOT_FOUND", `\`/${rel}\` is not in this registry`);
    const immutable = rel.startsWith("files/");
    const headers: Record<string, string | number> = {
      etag: info.etag,
      "content-type": CONTENT_TYPES[extname(rel)] ?? "application/octet-stream",
      "cache-control": immutable ? "public, max-age=31536000, immutable" : "no-cache",
      "x-content-type-options": "nosniff",
      // Static reads are public data, so any page (the playground on another
      // origin) may resolve against this registry; writes stay same-origin.
      "access-control-allow-origin": "*",
      "access-control-expose-headers": "etag",
    };
    headers["last-modified"] = info.lastModified;
    const inm = req.headers["if-none-match"];
    const ims = req.headers["if-modified-since"];
    // If-None-Match wins when present (RFC 9110 §13.1.3); dates have one-second resolution.
    const notModified = inm
      ? inm.split(",").map((t) => t.trim().replace(/^W\//, "")).some((t) => t === info.etag || t === "*")
      : ims !== undefined && Date.parse(ims) >= Date.parse(info.lastModified);
    if (notModified) {
      res.writeHead(304, headers);
      res.end();
      return;
    }
    headers["content-length"] = info.size;
    res.writeHead(200, headers);
    if (immutable && req.method === "GET") res.once("finish", () => opts.onDownload?.(rel)); // counted once the whole body went out
    if (req.method === "HEAD") res.end();
    else if (info.body) res.end(info.body);
    else createReadStream(abs).on("error", () => res.destroy()).pipe(res);
  }

  function readBody(req: IncomingMessage): Promise<Buffer> {
    const declared = Number(req.headers["content-length"] ?? NaN);
    if (declared > maxUpload) return Promise.reject(new HttpFailure(413, "E_PAYLOAD_TOO_LARGE", `the archive is ${declared} bytes; this registry accepts at most ${maxUpload}`));
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      let n = 0;
      req.on("data", (c: Buffer) => {
        n += c.length;
        if (n > maxUpload) {
          reject(new HttpFailure(413, "E_PAYLOAD_TOO_LARGE", `the archive is larger than ${maxUpload} bytes`));
          req.pause();
          return;
        }
        chunks.push(c);
      });
      req.on("end", () => resolve(Buffer.concat(chunks)));
      req.on("error", reject);
    });
  }

  function authenticate(req: IncomingMessage): string {
    const token = bearerToken(req.headers.authorization);
    const user = token === undefined ? undefined : opts.tokens.userFor(token);
    if (user === undefined) {
      throw new HttpFailure(401, "E_UNAUTHORIZED", token === undefined ? "publishing needs `Authorization: Bearer <token>`" : "the token is not valid for this registry");
    }
    return user;
  }

  async function serveApi(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<string | undefined> {
    const prefix = "/api/v1/packages/";
    if (!pathname.startsWith(prefix)) throw new HttpFailure(404, "E_NOT_FOUND", "unknown API endpoint");
    let segs: string[];
    try {
      segs = pathname.slice(prefix.length).split("/").filter((s) => s !== "").map(decodeURIComponent);
    } catch {
      throw new HttpFailure(400, "E_INVALID_PATH", "the request path is not valid percent-encoding");
    }
    let action: "publish" | "yank" | "unyank" = "publish";
    if (segs.length > 0 && (segs[segs.length - 1] === "yank" || segs[segs.length - 1] === "unyank")) action = segs.pop() as "yank" | "unyank";
    if (segs.length < 2) throw new HttpFailure(404, "E_NOT_FOUND", "expected /api/v1/packages/<name>/<version>[/yank|/unyank]");
    const version = segs.pop()!;
    const name = segs.join("/");
    const method = req.method ?? "GET";
    const allowed = action === "yank" ? ["PUT", "DELETE"] : ["PUT"];
    if (!allowed.includes(method)) {
      res.setHeader("allow", allowed.join(", "));
      throw new HttpFailure(405, "E_METHOD_NOT_ALLOWED", `use ${allowed.join(" or ")} here`);
    }
    const user = authenticate(req);
    if (action === "publish") {
      let meta: unknown;
      const header = req.headers["cairn-metadata"];
      if (typeof header === "string" && header !== "") {
        try {
          meta = JSON.parse(Buffer.from(header, "base64url").toString("utf8"));
        } catch {
          throw new HttpFailure(400, "E_SYNTAX", "the Cairn-Metadata header is not base64url-encoded JSON");
        }
      }
      const body = await readBody(req);
      const result = await store.publish(name, version, body, meta, user);
      sendJson(res, 201, { ok: true, ...result });
    } else {
      const result = await store.setYanked(name, version, action === "yank", user);
      sendJson(res, 200, { ok: true, ...result });
    }
    return user;
  }

  const server = createServer({ maxHeaderSize: 64 * 1024 }, (req, res) => {
    let user: string | undefined;
    const done = () => opts.onRequest?.({ method: req.method ?? "", url: req.url ?? "", status: res.statusCode, user });
    res.on("finish", done);
    const url = new URL(req.url ?? "/", "http://registry.invalid");
    const isApi = url.pathname.startsWith("/api/");
    const work = isApi
      ? serveApi(req, res, url.pathname).then((u) => void (user = u))
      : req.method === "GET" || req.method === "HEAD"
        ? (opts.pages ? opts.pages(req, res, url) : Promise.resolve(false)).then((done) => (done ? undefined : serveStatic(req, res, url.pathname)))
        : Promise.reject(new HttpFailure(405, "E_METHOD_NOT_ALLOWED", "this path is read-only"));
    work.catch((e: unknown) => {
      if (e instanceof HttpFailure) sendError(res, e.status, e.code, e.message);
      else if (e instanceof CairnError) sendError(res, STATUS_OF[e.code] ?? 400, e.code, e.message);
      else sendError(res, 500, "E_INTERNAL", "internal server error");
      // An upload refused before it was read: drop the rest of it.
      if (!req.complete) req.resume();
    });
  });
  server.keepAliveTimeout = 10_000;
  return { server, store };
}
