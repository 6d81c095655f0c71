// The subset of `fetch` the registry client uses (cli/registry/http.ts:
// status, headers.get, a body reader that can be cancelled, redirects, an
// abort signal), over node:http and node:https. Node's global fetch loads
// undici on first use, about 30 ms of a whole `cairn install` on the
// reference machine (BENCHMARKS.md, "Install"); this loads only the built-in
// HTTP module the registry URL needs. Connections are kept alive (Node's
// global agents), so the requests of one install share a few sockets.
import type { IncomingMessage } from "node:http";

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const MAX_REDIRECTS = 5;

interface FetchInit {
  method?: string;
  headers?: Record<string, string>;
  body?: Uint8Array;
  redirect?: string;
  signal?: AbortSignal;
}

/** What cli/registry/http.ts reads of a Response. */
export interface MinimalResponse {
  status: number;
  headers: { get(name: string): string | null };
  body: { getReader(): { read(): Promise<{ done: boolean; value?: Uint8Array }>; cancel(): Promise<void> }; cancel(): Promise<void> };
}

function headerGetter(res: IncomingMessage): MinimalResponse["headers"] {
  return {
    get(name) {
      const v = res.headers[name.toLowerCase()];
      return v === undefined ? null : Array.isArray(v) ? v.join(", ") : String(v);
    },
  };
}

function bodyOf(res: IncomingMessage): MinimalResponse["body"] {
  const it = res[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const cancel = async () => void res.destroy();
  return {
    getReader: () => ({
      read: async () => {
        const r = await it.next();
        return r.done ? { done: true } : { done: false, value: r.value };
      },
      cancel,
    }),
    cancel,
  };
}

function once(url: URL, init: FetchInit): Promise<IncomingMessage> {
  // loaded on first use: an http registry never pays for TLS
  const mod = process.getBuiltinModule(url.protocol === "https:" ? "node:https" : "node:http") as typeof import("node:http");
  return new Promise((resolve, reject) => {
    const req = mod.request(url, { method: init.method ?? "GET", headers: init.headers, signal: init.signal }, resolve);
    req.on("error", reject);
    req.end(init.body);
  });
}

/** `fetch(url, init)` for the registry client (its `fetchImpl` option). */
export async function nodeHttpFetch(input: string | URL, init: FetchInit = {}): Promise<MinimalResponse> {
  let url = new URL(input);
  let method = init.method ?? "GET";
  let body = init.body;
  let headers = init.headers;
  for (let hop = 0; ; hop++) {
    if (url.protocol !== "http:" && url.protocol !== "https:") throw new TypeError(`unsupported URL scheme ${url.protocol}`);
    const res = await once(url, { ...init, method, body, headers });
    const location = res.headers.location;
    if (init.redirect !== "manual" && REDIRECTS.has(res.statusCode ?? 0) && location) {
      res.resume();
      if (hop >= MAX_REDIRECTS) throw new TypeError(`more than ${MAX_REDIRECTS} redirects`);
      const next = new URL(location, url);
      // as fetch: credentials never follow a redirect to another origin
      if (next.origin !== url.origin && headers) headers = Object.fromEntries(Object.entries(headers).filter(([k]) => k.toLowerCase() !== "authorization"));
      url = next;
      // as fetch: 303 (and 301/302 after a POST) turn into a GET without a body
      if (res.statusCode === 303 || ((res.statusCode === 301 || res.statusCode === 302) && method === "POST")) {
        method = "GET";
        body = undefined;
      }
      continue;
    }
    return { status: res.statusCode ?? 0, headers: headerGetter(res), body: bodyOf(res) };
  }
}
