// The registry client against real servers on 127.0.0.1: lazy, parallel
// metadata fetching, ETag revalidation, offline answers from the cache,
// file:// and directory registries, fallback across registries.
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { createRegistryClient, type RegistryEvent } from "../../../cli/registry/client.js";
import { CairnError } from "../../../bindings/errors.js";
import { archiveOf, makeRegistry, requestsFor, serveRegistry, serveScripted, serveStatic, tmp, type Running } from "./helpers.js";

const PACKAGES = {
  fmt: { "1.0.0": {}, "1.2.0": {} },
  greet: { "1.0.0": { deps: { fmt: "^1.0.0" } }, "1.1.0": { deps: { fmt: "^1.2.0" }, files: { "src/lib.cn": "hello\n", "README.md": "# greet\n" } } },
  colors: { "2.0.0": {} },
  unused: { "0.1.0": {} },
  "@scope/util": { "0.1.0": {} },
};

let dir: string;
let srv: Running;
beforeAll(async () => {
  dir = await makeRegistry(PACKAGES);
  srv = await serveRegistry(dir, { "tok-alice": "alice" });
});
afterAll(() => srv.close());

function client(cacheDir: string, extra: Partial<Parameters<typeof createRegistryClient>[0]> = {}) {
  const events: RegistryEvent[] = [];
  const c = createRegistryClient({ urls: [srv.url], cacheDir, retryDelayMs: 1, onEvent: (e) => events.push(e), ...extra });
  return { c, events };
}

describe("fetching metadata", () => {
  it("asks only for the packages requested, once each, and null for unknown ones", async () => {
    srv.log.length = 0;
    const { c } = client(tmp("cache"));
    const docs = await c.fetch(["greet", "@scope/util", "does-not-exist"]);
    expect(docs.map((d) => d?.name ?? null)).toEqual(["greet", "@scope/util", null]);
    expect(Object.keys(docs[0]!.versions)).toEqual(["1.0.0", "1.1.0"]);
    await c.fetch(["greet"]);
    expect([...srv.log].sort()).toEqual(["GET /packages/@scope/util.json 200", "GET /packages/does-not-exist.json 404", "GET /packages/greet.json 200"]);
  });

  it("fetches several packages in parallel", async () => {
    let inFlight = 0;
    let peak = 0;
    const slow = await serveScripted((req, res) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      const name = req.url!.replace(/^\/packages\/|\.json$/g, "");
      setTimeout(() => {
        inFlight--;
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ name, versions: {} }));
      }, 250);
    });
    try {
      const c = createRegistryClient({ urls: [slow.url], cacheDir: tmp("cache"), concurrency: 4 });
      await c.fetch(["a", "b", "c", "d", "e", "f", "g", "h"]);
      expect(peak).toBe(4);
    } finally {
      await slow.close();
    }
  });

  it("revalidates cached metadata with If-None-Match and uses the cached copy on 304", async () => {
    const cacheDir = tmp("cache");
    await client(cacheDir).c.fetch(["fmt"]);
    srv.log.length = 0;
    const second = client(cacheDir);
    const [doc] = await second.c.fetch(["fmt"]);
    expect(doc?.name).toBe("fmt");
    expect(srv.log).toEqual(["GET /packages/fmt.json 304"]);
    expect(second.events).toContainEqual(expect.objectContaining({ type: "metadata", name: "fmt", status: "revalidated" }));
  });

  it("falls back to If-Modified-Since when a static server sends only Last-Modified", async () => {
    const stamp = "Sun, 22 Nov 2026 05:00:00 GMT";
    const plain = await serveScripted((req, res) => {
      if (req.headers["if-modified-since"] === stamp) return void res.writeHead(304).end();
      res.writeHead(200, { "last-modified": stamp, "content-type": "application/json" }).end(JSON.stringify({ name: "lm", versions: {} }));
    });
    try {
      const cacheDir = tmp("cache");
      await createRegistryClient({ urls: [plain.url], cacheDir }).fetch(["lm"]);
      const events: RegistryEvent[] = [];
      const [doc] = await createRegistryClient({ urls: [plain.url], cacheDir, onEvent: (e) => events.push(e) }).fetch(["lm"]);
      expect(doc?.name).toBe("lm");
      expect(events).toContainEqual(expect.objectContaining({ name: "lm", status: "revalidated" }));
    } finally {
      await plain.close();
    }
  });

  it("picks up a new version after a publish (the ETag no longer matches)", async () => {
    const cacheDir = tmp("cache");
    const alice = client(cacheDir, { token: "tok-alice" }).c;
    await alice.publish({ name: "fresh", version: "1.0.0", bytes: archiveOf({ "a.txt": "1.0\n" }) });
    await client(cacheDir).c.fetch(["fresh"]);
    await alice.publish({ name: "fresh", version: "1.1.0", bytes: archiveOf({ "a.txt": "1.1\n" }) });
    srv.log.length = 0;
    const { c, events } = client(cacheDir);
    const [doc] = await c.fetch(["fresh"]);
    expect(Object.keys(doc!.versions).sort()).toEqual(["1.0.0", "1.1.0"]);
    expect(srv.log).toEqual(["GET /packages/fresh.json 200"]);
    expect(events).toContainEqual(expect.objectContaining({ name: "fresh", status: "fetched" }));
  });

  it("downloads an archive once, verifies it, and extracts it into the cache", async () => {
    const cacheDir = tmp("cache");
    const { c, events } = client(cacheDir);
    const tree = await c.ensureTree("greet", "1.1.0");
    expect(readdirSync(tree).sort()).toEqual(["README.md", "src"]);
    srv.log.length = 0;
    await client(cacheDir).c.ensureTree("greet", "1.1.0");
    expect(requestsFor(srv.log, "/files/")).toBe(0);
    expect(events.filter((e) => e.type === "download")).toHaveLength(1);
  });
});

describe("offline", () => {
  it("answers from the cache alone and names the package that is missing", async () => {
    const cacheDir = tmp("cache");
    await client(cacheDir).c.ensureTree("fmt", "1.2.0");
    srv.log.length = 0;
    const off = client(cacheDir, { offline: true }).c;
    expect((await off.fetch(["fmt"]))[0]?.name).toBe("fmt");
    expect(existsSync(await off.ensureTree("fmt", "1.2.0"))).toBe(true);
    expect(srv.log).toEqual([]);
    const err = await off.fetch(["fmt", "colors"]).catch((e) => e);
    expect(err).toBeInstanceOf(CairnError);
    expect(err.code).toBe("E_OFFLINE_MISSING");
    expect(err.message).toContain("`colors`");
    const archiveErr = await off.downloadArchive("fmt", "1.0.0").catch((e) => e);
    expect(archiveErr.code).toBe("E_OFFLINE_MISSING");
    expect(archiveErr.message).toContain("fmt");
    expect(srv.log).toEqual([]);
  });
});

describe("offline, cached versions only", () => {
  it("offers only versions whose archives are cached, so a solve never picks one it cannot install", async () => {
    const cacheDir = tmp("cache");
    await client(cacheDir).c.downloadArchive("fmt", "1.0.0");
    const off = client(cacheDir, { offline: true, cachedVersionsOnly: true }).c;
    expect(Object.keys((await off.fetch(["fmt"]))[0]!.versions)).toEqual(["1.0.0"]);
    const all = client(cacheDir, { offline: true }).c;
    expect(Object.keys((await all.fetch(["fmt"]))[0]!.versions).sort()).toEqual(["1.0.0", "1.2.0"]);
  });
});

describe("registries that are just files", () => {
  it("reads a directory and a file:// URL directly", async () => {
    for (const url of [dir, pathToFileURL(dir).toString()]) {
      const c = createRegistryClient({ urls: [url], cacheDir: tmp("cache") });
      const [g, none] = await c.fetch(["greet", "nope"]);
      expect(g?.name).toBe("greet");
      expect(none).toBeNull();
      expect(readdirSync(await c.ensureTree("greet", "1.0.0"))).toEqual(["src"]);
    }
  });

  it("works read-only through a static file server that knows nothing about cairn", async () => {
    const plain = await serveStatic(dir);
    try {
      const c = createRegistryClient({ urls: [plain.url], cacheDir: tmp("cache") });
      expect((await c.fetch(["@scope/util"]))[0]?.name).toBe("@scope/util");
      expect(readdirSync(await c.ensureTree("@scope/util", "0.1.0"))).toEqual(["src"]);
      expect((await c.search("greet")).map((p) => p.name)).toEqual(["greet"]);
    } finally {
      await plain.close();
    }
  });

  it("falls through to the next registry when the first does not have a package", async () => {
    const other = await makeRegistry({ extra: { "1.0.0": {} } });
    const c = createRegistryClient({ urls: [srv.url, other], cacheDir: tmp("cache") });
    const [fmt, extra] = await c.fetch(["fmt", "extra"]);
    expect(fmt?.name).toBe("fmt");
    expect(extra?.name).toBe("extra");
    expect(existsSync(await c.ensureTree("extra", "1.0.0"))).toBe(true);
  });
});

describe("search and names", () => {
  it("searches names and descriptions, exact matches first", async () => {
    const { c } = client(tmp("cache"));
    const hits = await c.search("fmt");
    expect(hits[0]?.name).toBe("fmt");
  });

  it("refuses invalid package names before any request", async () => {
    srv.log.length = 0;
    const { c } = client(tmp("cache"));
    for (const bad of ["../etc/passwd", "UPPER", "a/b/c", ""]) {
      await expect(c.fetch([bad])).rejects.toMatchObject({ code: "E_INVALID_NAME" });
    }
    expect(srv.log).toEqual([]);
  });
});
