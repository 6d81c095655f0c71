// kill -9 of `cairn serve` in the middle of publishing: whatever instant the
// process dies, the directory stays a readable registry — every index entry
// points at a complete archive with the right checksum — and publishing
// resumes after a restart.
import { describe, it, expect, beforeAll } from "vitest";
import { readFileSync, readdirSync, existsSync } from "node:fs";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { checksumOf } from "../../../cli/archive/checksum.js";
import { createRegistryClient } from "../../../cli/registry/client.js";
import { archiveOf, makeRegistry, tmp } from "./helpers.js";
import { bundleCli, startServe } from "./cli-bundle.js";

let cli: string;
beforeAll(async () => {
  cli = await bundleCli();
});

function checkRegistry(dir: string): number {
  JSON.parse(readFileSync(join(dir, "config.json"), "utf8"));
  const search = JSON.parse(readFileSync(join(dir, "search.json"), "utf8")) as { packages: unknown[] };
  expect(Array.isArray(search.packages)).toBe(true);
  let versions = 0;
  for (const f of readdirSync(join(dir, "packages")).filter((f) => f.endsWith(".json"))) {
    const doc = JSON.parse(readFileSync(join(dir, "packages", f), "utf8")) as { versions: Record<string, { checksum: string; url: string }> };
    for (const v of Object.values(doc.versions)) {
      const archive = join(dir, v.url);
      expect(existsSync(archive), v.url).toBe(true);
      expect(checksumOf(readFileSync(archive)), v.url).toBe(v.checksum);
      versions++;
    }
  }
  return versions;
}

const TOKEN = "crash-token-123";

describe("kill -9 during publish", () => {
  it("leaves a registry that static readers and the client can use, and publishing resumes", async () => {
    const dir = await makeRegistry({ base: { "1.0.0": {} } });
    // Large, incompressible archives keep the server busy writing when it dies.
    const payloads = Array.from({ length: 6 }, (_, i) => archiveOf({ "blob.bin": randomBytes(3 * 1024 * 1024).toString("latin1"), "i.txt": String(i) }));
    let landed = 0;
    for (let round = 0; round < 4; round++) {
      const { url, child } = await startServe(cli, dir, { CAIRN_REGISTRY_TOKENS: `alice:${TOKEN}` });
      const put = (i: number) =>
        fetch(new URL(`api/v1/packages/big/${round}.${i}.0`, url), { method: "PUT", headers: { authorization: `Bearer ${TOKEN}` }, body: payloads[i] as BodyInit }).then(
          (r) => r.status,
          () => "killed",
        );
      // Some publishes land first; then the server dies while the next ones are in flight.
      for (let i = 0; i <= round % 2; i++) {
        expect(await put(i)).toBe(201);
        landed++;
      }
      const inFlight = [put(4), put(5)];
      await new Promise((r) => setTimeout(r, [5, 30, 80, 200][round]!));
      child.kill("SIGKILL");
      await once(child, "exit");
      for (const status of await Promise.all(inFlight)) if (status === 201) landed++;
      expect(checkRegistry(dir)).toBeGreaterThanOrEqual(1 + landed);
    }
    // After a restart: the client reads everything that landed, and new publishes work.
    const { url, child } = await startServe(cli, dir, { CAIRN_REGISTRY_TOKENS: `alice:${TOKEN}` });
    try {
      const client = createRegistryClient({ urls: [url], cacheDir: tmp("cache"), token: TOKEN });
      const published = await client.publish({ name: "big", version: "9.0.0", bytes: archiveOf({ "a.txt": "after\n" }) }).catch((e) => e);
      // The first round may have died before `big` existed (then alice creates it) or after (then she owns it).
      expect(published.version ?? published.code).toBe("9.0.0");
      const [big] = await client.fetch(["big"]);
      expect(Object.keys(big!.versions)).toContain("9.0.0");
      for (const v of Object.keys(big!.versions)) expect(await client.downloadArchive("big", v)).toBeTruthy();
      const total = checkRegistry(dir);
      expect(total).toBeGreaterThanOrEqual(1 + landed + 1);
      expect(total).toBeLessThanOrEqual(1 + landed + 1 + 8);
      // The restarted server swept the temp files the killed ones left.
      const temps = (d: string): string[] => readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? temps(join(d, e.name)) : /\.tmp-/.test(e.name) ? [e.name] : []));
      expect(temps(join(dir, "files")).concat(temps(join(dir, "packages")))).toEqual([]);
      // A version whose publish was cut short can be published again (or already landed: 409).
      const retry = await client.publish({ name: "big", version: "0.4.0", bytes: payloads[4]! }).then(() => "ok", (e) => e.code);
      expect(["ok", "E_VERSION_EXISTS"]).toContain(retry);
      checkRegistry(dir);
    } finally {
      child.kill("SIGKILL");
    }
  });
});
