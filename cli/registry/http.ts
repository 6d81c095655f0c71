// HTTP for the registry client: one request with a timeout covering headers
// and body, retried with exponential backoff on transient failures (network
// errors, timeouts, 408/429/5xx). URLs are shown with any `user:pass@`
// removed, and tokens travel only in the Authorization header, so neither
// ever reaches a message or an event.
import { CairnError, CATALOGUE, type ErrorCode } from "../../bindings/errors.js";

export interface HttpOptions {
  /** Largest body accepted; a bigger one is refused while streaming (not retried). */
  maxBytes?: number;
  retries: number;
  retryDelayMs: number;
  timeoutMs: number;
  onRetry?: (info: { url: string; attempt: number; delayMs: number; reason: string }) => void;
  fetchImpl?: typeof fetch;
}

export interface HttpResponse {
  status: number;
  headers: Headers;
  body: Buffer;
  /** How many attempts it took (more than one after retries). */
  attempts?: number;
}

/** `https://user:secret@host/x?token=…` → `https://host/x` (credentials and query dropped). */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    u.username = "";
    u.password = "";
    if (u.search) u.search = "";
    return u.toString();
  } catch {
    return url.replace(/\/\/[^/@]*@/, "//");
  }
}

const TRANSIENT = new Set([408, 429, 500, 502, 503, 504]);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function reasonOf(e: unknown): string {
  const err = e as Error & { cause?: { code?: string; message?: string } };
  if (err?.name === "TimeoutError" || err?.name === "AbortError") return "timed out";
  const code = err?.cause?.code;
  return code ? `${code}${err.cause?.message ? ` (${err.cause.message})` : ""}` : (err?.message ?? String(e));
}

/** The `{"error":{"code","message"}}` of a registry's error body, if it has one. */
function errorBody(body: Buffer): { code?: string; message?: string } {
  try {
    const doc = JSON.parse(body.toString("utf8"));
    if (doc && typeof doc.error === "object") return { code: String(doc.error.code ?? ""), message: String(doc.error.message ?? "") };
  } catch {
    /* not JSON: fall through */
  }
  return {};
}

/** A CairnError for a final non-2xx answer, keeping the server's own code when it is one of ours. */
export function httpError(method: string, url: string, res: HttpResponse): CairnError {
  const shown = redactUrl(url);
  const { code, message } = errorBody(res.body);
  const byStatus: Record<number, ErrorCode> = { 401: "E_UNAUTHORIZED", 403: "E_FORBIDDEN", 409: "E_VERSION_EXISTS", 413: "E_PAYLOAD_TOO_LARGE" };
  let cairnCode: ErrorCode = byStatus[res.status] ?? "E_HTTP";
  if (code && code in CATALOGUE && res.status >= 400 && res.status < 500) cairnCode = code as ErrorCode;
  const detail = message ? `: ${message}` : "";
  const tries = (res.attempts ?? 1) > 1 ? ` (after ${res.attempts} attempts)` : "";
  return new CairnError(cairnCode, `${method} ${shown} answered ${res.status}${tries}${detail}`, { details: { status: res.status, url: shown } });
}

/** The body, refused as soon as it passes `max` bytes (declared or actual) instead of filling memory. */
async function readCapped(res: Response, max: number, url: string): Promise<Buffer> {
  const tooLarge = () => new CairnError("E_PAYLOAD_TOO_LARGE", `${redactUrl(url)} sent more than ${max} bytes`, { hint: "the registry is misbehaving, or the limit is too low for this package" });
  if (Number(res.headers.get("content-length") ?? 0) > max) {
    await res.body?.cancel().catch(() => undefined);
    throw tooLarge();
  }
  if (!res.body) return Buffer.alloc(0);
  const chunks: Uint8Array[] = [];
  let n = 0;
  const reader = res.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    n += value.length;
    if (n > max) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/** Moves `user:pass@` out of a URL into a Basic Authorization header (fetch refuses such URLs). */
function splitCredentials(url: string, headers: Record<string, string>): { url: string; headers: Record<string, string> } {
  const u = new URL(url);
  if (!u.username && !u.password) return { url, headers };
  const basic = Buffer.from(`${decodeURIComponent(u.username)}:${decodeURIComponent(u.password)}`).toString("base64");
  u.username = "";
  u.password = "";
  return { url: u.toString(), headers: { authorization: `Basic ${basic}`, ...headers } };
}

const scrub = (text: string) => text.replace(/\/\/[^/\s@]*@/g, "//");

export async function request(method: string, rawUrl: string, init: { headers?: Record<string, string>; body?: Uint8Array }, opts: HttpOptions): Promise<HttpResponse> {
  const doFetch = opts.fetchImpl ?? fetch;
  const { url, headers } = splitCredentials(rawUrl, init.headers ?? {});
  const attempts = Math.max(1, opts.retries + 1);
  let lastReason = "";
  let lastResponse: HttpResponse | undefined;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    lastResponse = undefined;
    try {
      const res = await doFetch(url, {
        method,
        headers,
        body: init.body,
        redirect: "follow",
        signal: AbortSignal.timeout(opts.timeoutMs),
      } as RequestInit);
      const body = await readCapped(res, opts.maxBytes ?? Infinity, url);
      const out = { status: res.status, headers: res.headers, body, attempts: attempt };
      if (!TRANSIENT.has(res.status)) return out;
      lastResponse = out;
      lastReason = `HTTP ${res.status}`;
    } catch (e) {
      if (e instanceof CairnError) throw e;
      lastReason = scrub(reasonOf(e));
    }
    if (attempt < attempts) {
      const retryAfter = Number(lastResponse?.headers.get("retry-after"));
      const base = opts.retryDelayMs * 2 ** (attempt - 1);
      const delayMs = Number.isFinite(retryAfter) && retryAfter > 0 ? Math.min(retryAfter * 1000, 30_000) : Math.round(base * (1 + Math.random() * 0.25));
      opts.onRetry?.({ url: redactUrl(url), attempt, delayMs, reason: lastReason });
      await sleep(delayMs);
    }
  }
  if (lastResponse) return lastResponse;
  throw new CairnError("E_NETWORK", `${method} ${redactUrl(url)} failed after ${attempts} attempt${attempts === 1 ? "" : "s"}: ${lastReason}`);
}
