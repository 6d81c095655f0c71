// Hostile registry *metadata* (rows 5, 15, 16 and 18 of the matrix): paths
// chosen by the server, malformed checksums, prototype-polluting keys, names
// that would escape the cache or the registry directory.
import { describe, it, expect, afterEach } from "vitest";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { createRegistryClient } from "../../cli/registry/client.js";
import { checksumOf } from "../../cli/archive/checksum.js";
import { RegistryStore } from "../../cli/registry/store.js";
import { archiveOf, serveScripted, tmp, type Running } from "../cli/registry/helpers.js";

let srv: Running | undefined;
afterEach(async () => {
  await srv?.close();
  srv = undefined;
});

async function registryServing(doc: unknown, archive = archiveOf({ "a.txt": "a" })) {
  srv = await serveScripted((req, res) => {
    const body = req.url!.startsWith("/packages/") ? JSON.stringify(doc) : archive;
    res.writeHead(200, { "content-disposition": 'attachment; filename="../../../etc/cron.d/evil"' }).end(body);
  });
  const cacheDir = tmp("cache");
  return { client: createRegistryClient({ urls: [srv.url], cacheDir, retries: 0 }), cacheDir };
}

describe("hostile registry metadata", () => {
  it("refuses an archive url that climbs out of the registry", async () => {
    const archive = archiveOf({ "a.txt": "a" });
    const { client } = await registryServing({ name: "p", versions: { "1.0.0": { checksum: checksumOf(archive), url: "../../../etc/passwd" } } }, archive);
    await expect(client.downloadArchive("p", "1.0.0")).rejects.toMatchObject({ code: "E_REGISTRY_DATA" });
  });

  it("names cached files by checksum, never by anything the server sends (Content-Disposition, url)", async () => {
    const archive = archiveOf({ "a.txt": "a" });
    const { client, cacheDir } = await registryServing({ name: "p", versions: { "1.0.0": { checksum: checksumOf(archive), url: "files/whatever/..evil..tar.gz" } } }, archive);
    const { path } = await client.downloadArchive("p", "1.0.0");
    expect(path).toBe(join(cacheDir, "archives", "sha256", checksumOf(archive).slice(7, 9), `${checksumOf(archive).slice(7)}.tar.gz`));
    expect(existsSync(join(cacheDir, "etc"))).toBe(false);
  });

  it("refuses malformed checksums and documents for another package", async () => {
    for (const doc of [
      { name: "p", versions: { "1.0.0": { checksum: "sha1:abcd" } } },
      { name: "p", versions: { "1.0.0": { checksum: `sha256:${"A".repeat(64)}` } } },
      { name: "p", versions: { "1.0.0": {} } },
      { name: "other", versions: {} },
      { name: "p", versions: [] },
      { name: "p", versions: { "not-a-version": { checksum: `sha256:${"a".repeat(64)}` } } },
    ]) {
      const { client } = await registryServing(doc);
      await expect(client.fetch(["p"]), JSON.stringify(doc)).rejects.toMatchObject({ code: "E_REGISTRY_DATA" });
      await srv!.close();
      srv = undefined;
    }
  });

  it("refuses a document nested deep enough to overflow a recursive parser, as data, not a crash", async () => {
    const deep = `{"name":"p","versions":${"[".repeat(200_000)}${"]".repeat(200_000)}}`;
    srv = await serveScripted((_req, res) => res.writeHead(200).end(deep));
    await expect(createRegistryClient({ urls: [srv.url], cacheDir: tmp("cache") }).fetch(["p"])).rejects.toMatchObject({ code: "E_REGISTRY_DATA" });
  });

  it("does not let a `__proto__` key pollute objects", async () => {
    const archive = archiveOf({ "a.txt": "a" });
    const text = `{"name":"p","versions":{"1.0.0":{"checksum":"${checksumOf(archive)}","dependencies":{"__proto__":{"polluted":"yes"}}}}}`;
    srv = await serveScripted((_req, res) => res.writeHead(200).end(text));
    const [doc] = await createRegistryClient({ urls: [srv.url], cacheDir: tmp("cache") }).fetch(["p"]);
    expect(doc?.name).toBe("p");
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("refuses to publish names and dependency names that would become unsafe paths", async () => {
    const dir = tmp("registry");
    const store = new RegistryStore(dir);
    await store.init();
    const bytes = archiveOf({ "a.txt": "a" });
    for (const name of ["../escape", "@scope/../x", "a/b", "@/x", "nul", "Name"]) {
      await expect(store.publish(name, "1.0.0", bytes, {}, "alice"), name).rejects.toMatchObject({ code: "E_INVALID_NAME" });
    }
    await expect(store.publish("ok", "1.0.0", bytes, { dependencies: { "../x": "^1" } }, "alice")).rejects.toMatchObject({ code: "E_INVALID_TYPE" });
    expect(readdirSync(dir).sort()).toEqual(["config.json", "search.json"]);
  });
});
