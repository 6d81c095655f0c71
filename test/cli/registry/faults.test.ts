// Fault injection: a scripted server answers 500, stalls, closes mid-body or
// serves a tampered archive. The client retries what is transient, fails with
// a coded error where it must, and leaves the cache and the project untouched.
import { describe, it, expect, afterEach } from "vitest";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import type { IncomingMessage, ServerResponse } from "node:http";
import { createRegistryClient, type RegistryEvent } from "../../../cli/registry/client.js";
import { checksumOf } from "../../../cli/archive/checksum.js";
import { CairnError } from "../../../bindings/errors.js";
import { archiveOf, serveScripted, tmp, type Running } from "./helpers.js";

const ARCHIVE = archiveOf({ "src/lib.cn": "real\n" });
const DOC = JSON.stringify({ name: "pkg", versions: { "1.0.0": { checksum: checksumOf(ARCHIVE), url: "files/pkg/pkg-1.0.0.tar.gz" } } });

let srv: Running | undefined;
afterEach(async () => {
  await srv?.close();
  srv = undefined;
});

function setup(handler: (req: IncomingMessage, res: ServerResponse, n: number) => void, opts: { timeoutMs?: number; retries?: number } = {}) {
  return serveScripted(handler).then((s) => {
    srv = s;
    const cacheDir = tmp("cache");
    const events: RegistryEvent[] = [];
    const client = createRegistryClient({ urls: [s.url], cacheDir, retryDelayMs: 1, timeoutMs: opts.timeoutMs ?? 2000, retries: opts.retries ?? 3, onEvent: (e) => events.push(e) });
    return { client, cacheDir, events, log: s.log };
  });
}

const ok = (res: ServerResponse, body: string | Buffer) => res.writeHead(200, { "content-length": Buffer.byteLength(body) }).end(body);
const cacheIsEmpty = (cacheDir: string) => !existsSync(join(cacheDir, "archives")) && !existsSync(join(cacheDir, "trees")) && !existsSync(join(cacheDir, "index"));

async function failure(p: Promise<unknown>): Promise<CairnError> {
  const e = await p.then(() => undefined, (err) => err);
  expect(e).toBeInstanceOf(CairnError);
  return e as CairnError;
}

describe("transient failures are retried with backoff", () => {
  it("500, 503 then 200: succeeds on the third attempt and reports the retries", async () => {
    const { client, events, log } = await setup((_req, res, n) => (n <= 2 ? res.writeHead(n === 1 ? 500 : 503).end() : ok(res, DOC)));
    expect((await client.fetch(["pkg"]))[0]?.name).toBe("pkg");
    expect(log).toHaveLength(3);
    expect(events.filter((e) => e.type === "retry").map((e) => (e as { reason: string }).reason)).toEqual(["HTTP 500", "HTTP 503"]);
  });

  it("a connection closed in the middle of the body is retried", async () => {
    const { client, log } = await setup((_req, res, n) => {
      if (n === 1) {
        res.writeHead(200, { "content-length": 5000 });
        res.write(DOC.slice(0, 20));
        setTimeout(() => res.socket?.destroy(), 10);
      } else ok(res, DOC);
    });
    expect((await client.fetch(["pkg"]))[0]?.name).toBe("pkg");
    expect(log).toHaveLength(2);
  });

  it("a stalled response times out and is retried", async () => {
    const { client, log } = await setup((_req, res, n) => {
      if (n === 1) return; // never answers
      ok(res, DOC);
    }, { timeoutMs: 1000 });
    expect((await client.fetch(["pkg"]))[0]?.name).toBe("pkg");
    expect(log).toHaveLength(2);
  });
});

describe("persistent failures end in a clear, coded error with nothing cached", () => {
  it("500 every time: E_HTTP after retries+1 attempts", async () => {
    const { client, cacheDir, log } = await setup((_req, res) => res.writeHead(500).end());
    const e = await failure(client.fetch(["pkg"]));
    expect(e.code).toBe("E_HTTP");
    expect(e.message).toContain("answered 500 (after 4 attempts)");
    expect(log).toHaveLength(4);
    expect(cacheIsEmpty(cacheDir)).toBe(true);
  });

  it("a body that stalls forever: E_NETWORK (timed out)", async () => {
    const { client, cacheDir } = await setup((_req, res) => {
      res.writeHead(200, { "content-length": 5000 });
      res.write("{");
    }, { timeoutMs: 200, retries: 1 });
    const e = await failure(client.fetch(["pkg"]));
    expect(e.code).toBe("E_NETWORK");
    expect(e.message).toContain("timed out");
    expect(cacheIsEmpty(cacheDir)).toBe(true);
  });

  it("nobody listening: E_NETWORK", async () => {
    const s = await serveScripted(() => undefined);
    const url = s.url;
    await s.close();
    const client = createRegistryClient({ urls: [url], cacheDir: tmp("cache"), retryDelayMs: 1, retries: 1 });
    const e = await failure(client.fetch(["pkg"]));
    expect(e.code).toBe("E_NETWORK");
    expect(e.message).toContain("ECONNREFUSED");
  });

  it("client errors are not retried: 404 is 'no such package', 403 is an error", async () => {
    const { client, log } = await setup((req, res) => res.writeHead(req.url!.includes("secret") ? 403 : 404).end());
    expect(await client.fetch(["pkg"])).toEqual([null]);
    expect(log).toHaveLength(1);
    expect((await failure(client.fetch(["secret"]))).code).toBe("E_FORBIDDEN");
    expect(log).toHaveLength(2);
  });

  it("malformed metadata is E_REGISTRY_DATA, naming the file", async () => {
    const { client, cacheDir } = await setup((_req, res) => ok(res, '{"name":"pkg","versions":{"1.0.0":{"checksum":"md5:abc"}}}'));
    const e = await failure(client.fetch(["pkg"]));
    expect(e.code).toBe("E_REGISTRY_DATA");
    expect(e.where()).toContain("packages/pkg.json");
    expect(e.where()).toContain("versions.1.0.0.checksum");
    expect(cacheIsEmpty(cacheDir)).toBe(true);
  });
});

describe("oversized answers", () => {
  it("refuses an archive bigger than the cap while streaming it, without retrying or caching", async () => {
    const big = Buffer.alloc(4096, 1);
    const doc = JSON.stringify({ name: "pkg", versions: { "1.0.0": { checksum: checksumOf(big), url: "files/big.tar.gz" } } });
    srv = await serveScripted((req, res) => {
      if (req.url!.startsWith("/packages/")) return ok(res, doc);
      res.writeHead(200); // no content-length: only counting can catch it
      res.end(big);
    });
    const cacheDir = tmp("cache");
    const client = createRegistryClient({ urls: [srv.url], cacheDir, retryDelayMs: 1, limits: { maxArchiveSize: 1000 } });
    const e = await failure(client.downloadArchive("pkg", "1.0.0"));
    expect(e.code).toBe("E_PAYLOAD_TOO_LARGE");
    expect(srv.log.filter((l) => l.includes("/files/"))).toHaveLength(1);
    expect(existsSync(join(cacheDir, "archives"))).toBe(false);
  });
});

describe("a tampered archive", () => {
  it("is refused with E_CHECKSUM_MISMATCH naming both hashes; nothing is cached or extracted", async () => {
    const evil = archiveOf({ "src/lib.cn": "evil\n" });
    const { client, cacheDir } = await setup((req, res) => ok(res, req.url!.startsWith("/packages/") ? DOC : evil));
    const project = tmp("project");
    const e = await failure(client.ensureTree("pkg", "1.0.0"));
    expect(e.code).toBe("E_CHECKSUM_MISMATCH");
    expect(e.message).toContain(`expected: ${checksumOf(ARCHIVE)}`);
    expect(e.message).toContain(`actual:   ${checksumOf(evil)}`);
    expect(existsSync(join(cacheDir, "archives"))).toBe(false);
    expect(existsSync(join(cacheDir, "trees"))).toBe(false);
    expect(readdirSync(project)).toEqual([]);
  });

  it("a lock file's checksum that disagrees with the registry is a mismatch too", async () => {
    const { client, log } = await setup((req, res) => ok(res, req.url!.startsWith("/packages/") ? DOC : ARCHIVE));
    const e = await failure(client.downloadArchive("pkg", "1.0.0", { checksum: `sha256:${"ab".repeat(32)}` }));
    expect(e.code).toBe("E_CHECKSUM_MISMATCH");
    expect(log.filter((l) => l.includes("/files/"))).toEqual([]);
  });
});
