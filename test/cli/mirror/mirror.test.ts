// `cairn mirror`: a 500-package registry copied over HTTP and verified byte
// for byte; an incremental rerun after one publish transfers only what
// changed; corrupt archives are refused before anything points at them; a run
// killed midway resumes to a correct copy.
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import { spawn } from "node:child_process";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createRegistryServer } from "../../../cli/registry/server.js";
import { RegistryStore } from "../../../cli/registry/store.js";
import { TokenStore } from "../../../cli/registry/tokens.js";
import { openSource } from "../../../cli/mirror/source.js";
import { mirrorRegistry } from "../../../cli/mirror/mirror.js";
import { CairnError } from "../../../bindings/errors.js";
import { bundleCli } from "../registry/cli-bundle.js";
import { archiveOf, bigRegistry, listFiles, treeDiff } from "./fixture.js";

const root = mkdtempSync(join(tmpdir(), "cairn-mirror-"));
const src = join(root, "source");
let server: Server;
let url: string;
const served: string[] = [];

function listen(s: Server): Promise<string> {
  return new Promise((r) => s.listen(0, "127.0.0.1", () => r(`http://127.0.0.1:${(s.address() as { port: number }).port}/`)));
}

beforeAll(async () => {
  await bigRegistry(src, 500);
  ({ server } = createRegistryServer({ dir: src, tokens: new TokenStore(), onRequest: (r) => served.push(`${r.status} ${r.url}`) }));
  url = await listen(server);
}, 120_000);

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
  rmSync(root, { recursive: true, force: true });
});

describe("cairn mirror", () => {
  const dest = join(root, "mirror");

  it("copies a 500-package registry over HTTP, byte for byte", async () => {
    const stats = await mirrorRegistry({ source: openSource(url, root, { retries: 0 }), dest });
    expect(stats.packages).toBe(500);
    expect(stats.archivesFetched).toBe(550);
    expect(treeDiff(src, dest)).toEqual([]);
    expect(listFiles(dest).length).toBe(2 + 500 + 550);
  });

  it("transfers only the changed files after one new publish", async () => {
    const store = new RegistryStore(src);
    await store.publish("zz-new", "1.0.0", archiveOf({ "src/lib.cn": "// new\n" }), { description: "fresh" }, null);
    served.length = 0;
    const stats = await mirrorRegistry({ source: openSource(url, root, { retries: 0 }), dest });
    expect(stats.transferred.sort()).toEqual(["files/zz-new/zz-new-1.0.0.tar.gz", "packages/zz-new.json", "search.json"]);
    expect(stats.changedPackages).toBe(1);
    // Unchanged documents were revalidated (304, no body), archives not requested at all.
    expect(served.filter((l) => l.startsWith("200 ")).length).toBe(3);
    expect(served.filter((l) => l.includes("/files/")).length).toBe(1);
    expect(treeDiff(src, dest)).toEqual([]);
  });

  it("follows a yank (a changed document) without copying any archive again", async () => {
    await new RegistryStore(src).setYanked("pkg-001", "1.1.0", true, null);
    const stats = await mirrorRegistry({ source: openSource(url, root, { retries: 0 }), dest });
    expect(stats.archivesFetched).toBe(0);
    expect(stats.transferred).toContain("packages/pkg-001.json");
    expect(JSON.parse(readFileSync(join(dest, "packages/pkg-001.json"), "utf8")).versions["1.1.0"].yanked).toBe(true);
    expect(treeDiff(src, dest)).toEqual([]);
  });

  it("refuses an archive that does not match its checksum, and writes no document pointing at it", async () => {
    const bad = join(root, "bad-source");
    cpSync(src, bad, { recursive: true });
    const archive = join(bad, "files/pkg-007/pkg-007-1.0.0.tar.gz");
    writeFileSync(archive, Buffer.concat([readFileSync(archive), Buffer.from("tampered")]));
    const out = join(root, "bad-mirror");
    const err = await mirrorRegistry({ source: openSource(bad, root), dest: out, concurrency: 1 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CairnError);
    expect((err as CairnError).code).toBe("E_CHECKSUM_MISMATCH");
    expect((err as CairnError).message).toContain("pkg-007 1.0.0");
    expect(existsSync(archive.replace(bad, out))).toBe(false);
    expect(existsSync(join(out, "packages/pkg-007.json"))).toBe(false);
    expect(existsSync(join(out, "search.json"))).toBe(false);
  });

  it("a directory source copies the same tree, and a rerun reads nothing unchanged", async () => {
    const out = join(root, "dir-mirror");
    await mirrorRegistry({ source: openSource(src, root), dest: out });
    expect(treeDiff(src, out)).toEqual([]);
    const again = await mirrorRegistry({ source: openSource(`file://${src}`, root), dest: out });
    expect(again.transferred).toEqual([]);
  });

  it("a run killed midway, started again, ends with a correct copy", async () => {
    // A slow static server makes "midway" reliable: ~1,000 requests at 4 ms each.
    const slow = createServer(async (req, res) => {
      await new Promise((r) => setTimeout(r, 4));
      try {
        const body = await readFile(join(src, decodeURIComponent(new URL(req.url!, "http://x").pathname)));
        res.writeHead(200, { "content-length": body.length }).end(body);
      } catch {
        res.writeHead(404).end();
      }
    });
    const slowUrl = await listen(slow);
    try {
      const cli = await bundleCli();
      const out = join(root, "killed");
      const child = spawn(process.execPath, [cli, "mirror", slowUrl, out], { stdio: "ignore" });
      const archives = () => (existsSync(join(out, "files")) ? readdirSync(join(out, "files")).length : 0);
      while (archives() < 120 && child.exitCode === null) await new Promise((r) => setTimeout(r, 10));
      child.kill("SIGKILL");
      await new Promise((r) => child.once("exit", r));
      // Killed before the end: the package list (written last) is not there yet.
      expect(existsSync(join(out, "search.json"))).toBe(false);
      const stats = await mirrorRegistry({ source: openSource(slowUrl, root, { retries: 0 }), dest: out });
      expect(stats.archivesPresent).toBeGreaterThan(100);
      expect(stats.archivesFetched).toBeLessThan(551 - 100);
      expect(treeDiff(src, out)).toEqual([]);
      // No temp file survives the resumed run.
      expect(listFiles(out).length).toBe(listFiles(src).length);
    } finally {
      slow.closeAllConnections();
      await new Promise((r) => slow.close(r));
    }
  });
});
