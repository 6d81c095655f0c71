// `cairn serve` over HTTP on 127.0.0.1: static reads (types, ETag/304, hidden
// files), and the publish API (auth, owners, immutability, validation, caps).
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { checksumOf } from "../../../cli/archive/checksum.js";
import { archiveOf, makeRegistry, serveRegistry, type Running } from "./helpers.js";
import { tgz } from "../../security/tar-fixtures.js";

let dir: string;
let srv: Running;
const ALICE = "alice-token-0123456789";
const BOB = "bob-token-0123456789";

beforeAll(async () => {
  dir = await makeRegistry({ fmt: { "1.0.0": {}, "1.2.0": {} }, "@scope/util": { "0.1.0": {} } });
  srv = await serveRegistry(dir, { [ALICE]: "alice", [BOB]: "bob" });
});
afterAll(() => srv.close());

const url = (p: string) => new URL(p, srv.url).toString();
function put(path: string, body?: Uint8Array, token?: string, meta?: unknown) {
  const headers: Record<string, string> = { "content-type": "application/gzip" };
  if (token) headers.authorization = `Bearer ${token}`;
  if (meta) headers["cairn-metadata"] = Buffer.from(JSON.stringify(meta)).toString("base64url");
  return fetch(url(path), { method: "PUT", headers, body: body as BodyInit | undefined });
}
const errorCode = async (r: Response) => ((await r.json()) as { error: { code: string } }).error.code;
const doc = (name: string) => JSON.parse(readFileSync(join(dir, "packages", `${name}.json`), "utf8"));

describe("static reads", () => {
  it("serves package documents as JSON with an ETag, and 304 when it matches", async () => {
    const r = await fetch(url("packages/fmt.json"));
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(r.headers.get("cache-control")).toBe("no-cache");
    const etag = r.headers.get("etag")!;
    expect(etag).toMatch(/^".+"$/);
    expect(((await r.json()) as { name: string }).name).toBe("fmt");
    // Readable cross-origin, so the playground on another origin can resolve against it.
    expect(r.headers.get("access-control-allow-origin")).toBe("*");
    const again = await fetch(url("packages/fmt.json"), { headers: { "if-none-match": etag } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
    const other = await fetch(url("packages/fmt.json"), { headers: { "if-none-match": '"something-else"' } });
    expect(other.status).toBe(200);
    const lastModified = r.headers.get("last-modified")!;
    expect((await fetch(url("packages/fmt.json"), { headers: { "if-modified-since": lastModified } })).status).toBe(304);
    expect((await fetch(url("packages/fmt.json"), { headers: { "if-modified-since": "Thu, 01 Jan 1970 00:00:00 GMT" } })).status).toBe(200);
  });

  it("serves scoped names under their @scope directory, and archives as immutable gzip", async () => {
    const meta = (await (await fetch(url("packages/@scope/util.json"))).json()) as { versions: Record<string, { url: string; checksum: string }> };
    const v = meta.versions["0.1.0"]!;
    expect(v.url).toBe("files/@scope/util/util-0.1.0.tar.gz");
    const a = await fetch(url(v.url));
    expect(a.headers.get("content-type")).toBe("application/gzip");
    expect(a.headers.get("cache-control")).toContain("immutable");
    expect(checksumOf(Buffer.from(await a.arrayBuffer()))).toBe(v.checksum);
  });

  it("answers HEAD without a body", async () => {
    const r = await fetch(url("config.json"), { method: "HEAD" });
    expect(r.status).toBe(200);
    expect(Number(r.headers.get("content-length"))).toBeGreaterThan(0);
  });

  it("never serves hidden files (owners, temp files) or anything outside the directory", async () => {
    for (const p of [".cairn/owners/fmt.json", "packages/%2e%2e/%2e%2e/etc/passwd", "%2e%2e%2fconfig.json", "packages", "missing.json"]) {
      expect((await fetch(url(p))).status, p).toBe(404);
    }
    expect(await errorCode(await fetch(url("missing.json")))).toBe("E_NOT_FOUND");
    const post = await fetch(url("config.json"), { method: "POST" });
    expect(post.status).toBe(405);
    expect(await errorCode(post)).toBe("E_METHOD_NOT_ALLOWED");
  });
});

describe("publish, yank, unyank", () => {
  const body = archiveOf({ "src/lib.cn": "new\n" });

  it("refuses a publish without a token, or with an unknown one (401, nothing written)", async () => {
    const r = await put("api/v1/packages/newpkg/1.0.0", body);
    expect(r.status).toBe(401);
    expect(r.headers.get("www-authenticate")).toMatch(/^Bearer/);
    expect(await errorCode(r)).toBe("E_UNAUTHORIZED");
    expect((await put("api/v1/packages/newpkg/1.0.0", body, "wrong-token")).status).toBe(401);
    expect(existsSync(join(dir, "packages/newpkg.json"))).toBe(false);
    expect(existsSync(join(dir, "files/newpkg"))).toBe(false);
  });

  it("publishes with a token: archive, index entry with its checksum, search entry; the publisher owns it", async () => {
    const r = await put("api/v1/packages/newpkg/1.0.0", body, ALICE, { description: "a new one", dependencies: { fmt: "^1.0.0" } });
    expect(r.status).toBe(201);
    const out = (await r.json()) as { checksum: string };
    expect(out.checksum).toBe(checksumOf(body));
    const d = doc("newpkg");
    expect(d.versions["1.0.0"].checksum).toBe(checksumOf(body));
    expect(d.versions["1.0.0"].dependencies).toEqual({ fmt: "^1.0.0" });
    expect(d.latest).toBe("1.0.0");
    const served = Buffer.from(await (await fetch(url(d.versions["1.0.0"].url))).arrayBuffer());
    expect(served.equals(body)).toBe(true);
    const search = JSON.parse(readFileSync(join(dir, "search.json"), "utf8")) as { packages: { name: string; description: string }[] };
    expect(search.packages.find((p) => p.name === "newpkg")?.description).toBe("a new one");
  });

  it("answers 403 to a valid token that does not own the package", async () => {
    const r = await put("api/v1/packages/newpkg/1.1.0", body, BOB);
    expect(r.status).toBe(403);
    expect(await errorCode(r)).toBe("E_FORBIDDEN");
    expect(doc("newpkg").versions["1.1.0"]).toBeUndefined();
  });

  it("keeps versions immutable: republishing (even with other bytes or build metadata) is 409", async () => {
    const before = readFileSync(join(dir, "files/newpkg/newpkg-1.0.0.tar.gz"));
    const r = await put("api/v1/packages/newpkg/1.0.0", archiveOf({ "src/lib.cn": "changed\n" }), ALICE);
    expect(r.status).toBe(409);
    expect(await errorCode(r)).toBe("E_VERSION_EXISTS");
    expect((await put("api/v1/packages/newpkg/1.0.0+build.7", body, ALICE)).status).toBe(409);
    expect(readFileSync(join(dir, "files/newpkg/newpkg-1.0.0.tar.gz")).equals(before)).toBe(true);
  });

  it("validates names, versions, metadata and the archive itself (400 with the specific code)", async () => {
    const cases: [string, Uint8Array, unknown, string][] = [
      ["api/v1/packages/Bad_Name!/1.0.0", body, undefined, "E_INVALID_NAME"],
      ["api/v1/packages/con/1.0.0", body, undefined, "E_INVALID_NAME"],
      ["api/v1/packages/a..b/1.0.0", body, undefined, "E_INVALID_NAME"],
      ["api/v1/packages/okname/v1.0.0", body, undefined, "E_INVALID_VERSION"],
      ["api/v1/packages/okname/1.0", body, undefined, "E_INVALID_VERSION"],
      ["api/v1/packages/okname/1.0.0", body, { dependencies: { fmt: "not a range!" } }, "E_INVALID_VERSION_REQ"],
      ["api/v1/packages/okname/1.0.0", body, { surprise: true }, "E_UNKNOWN_FIELD"],
      ["api/v1/packages/okname/1.0.0", tgz([{ name: "link", type: "2", linkname: "/etc/passwd" }]), undefined, "E_ARCHIVE_SYMLINK"],
      ["api/v1/packages/okname/1.0.0", tgz([{ name: "../x", data: "x" }]), undefined, "E_ARCHIVE_PATH_TRAVERSAL"],
      ["api/v1/packages/okname/1.0.0", Buffer.from("garbage"), undefined, "E_ARCHIVE_CORRUPT"],
    ];
    for (const [path, b, meta, code] of cases) {
      const r = await put(path, b, ALICE, meta);
      expect(r.status, path).toBe(400);
      expect(await errorCode(r), path).toBe(code);
    }
    expect(existsSync(join(dir, "packages/okname.json"))).toBe(false);
    expect(existsSync(join(dir, "files/okname"))).toBe(false);
  });

  it("caps the upload size (413)", async () => {
    const big = archiveOf({ "big.bin": "x".repeat(10) });
    const huge = Buffer.concat([big, Buffer.alloc(33 * 1024 * 1024)]);
    const r = await put("api/v1/packages/hugepkg/1.0.0", huge, ALICE);
    expect(r.status).toBe(413);
    expect(existsSync(join(dir, "packages/hugepkg.json"))).toBe(false);
  });

  it("yanks and unyanks (owner only); the ETag changes so clients revalidate", async () => {
    const etag = (await fetch(url("packages/newpkg.json"))).headers.get("etag");
    expect((await put("api/v1/packages/newpkg/1.0.0/yank", undefined, BOB)).status).toBe(403);
    expect((await put("api/v1/packages/newpkg/1.0.0/yank", undefined)).status).toBe(401);
    expect((await put("api/v1/packages/newpkg/1.0.0/yank", undefined, ALICE)).status).toBe(200);
    expect(doc("newpkg").versions["1.0.0"].yanked).toBe(true);
    expect(doc("newpkg").latest).toBeUndefined();
    const after = await fetch(url("packages/newpkg.json"), { headers: { "if-none-match": etag! } });
    expect(after.status).toBe(200);
    expect((await put("api/v1/packages/newpkg/1.0.0/unyank", undefined, ALICE)).status).toBe(200);
    expect(doc("newpkg").versions["1.0.0"].yanked).toBeUndefined();
    expect((await put("api/v1/packages/newpkg/9.9.9/yank", undefined, ALICE)).status).toBe(404);
    expect((await fetch(url("api/v1/packages/newpkg/1.0.0/yank"), { method: "DELETE", headers: { authorization: `Bearer ${ALICE}` } })).status).toBe(200);
  });

  it("lands concurrent publishes of different versions, all of them", async () => {
    const versions = Array.from({ length: 12 }, (_, i) => `2.${i}.0`);
    const results = await Promise.all(versions.map((v) => put(`api/v1/packages/racer/${v}`, archiveOf({ "v.txt": v }), ALICE)));
    expect(results.map((r) => r.status)).toEqual(versions.map(() => 201));
    expect(Object.keys(doc("racer").versions).sort()).toEqual([...versions].sort());
    expect(doc("racer").latest).toBe("2.11.0");
    expect(readdirSync(join(dir, "files/racer")).filter((f) => !f.startsWith(".")).length).toBe(12);
    // No temp files left behind anywhere.
    const leftovers = readdirSync(join(dir, "packages")).filter((f) => f.includes(".tmp-"));
    expect(leftovers).toEqual([]);
  });
});
