// The global cache: layout, the lock, list/clean/verify, and recovery from an
// interrupted extraction.
import { describe, it, expect } from "vitest";
import { existsSync, mkdirSync, writeFileSync, readFileSync, rmSync, appendFileSync } from "node:fs";
import { join } from "node:path";
import { spawnSync, spawn } from "node:child_process";
import { once } from "node:events";
import { Cache, defaultCacheDir } from "../../../cli/cache/cache.js";
import { withFileLock } from "../../../cli/cache/lock.js";
import { checksumOf } from "../../../cli/archive/checksum.js";
import { treeDigest } from "../../../cli/sources/tree-digest.js";
import { archiveOf, tmp } from "../registry/helpers.js";

const bytes = archiveOf({ "src/lib.cn": "lib\n", "README.md": "# r\n" });
const sum = checksumOf(bytes);

describe("where the cache lives", () => {
  it("follows CAIRN_HOME, then XDG_CACHE_HOME, then ~/.cache", () => {
    expect(defaultCacheDir({ CAIRN_HOME: "/c", XDG_CACHE_HOME: "/x" })).toBe("/c");
    expect(defaultCacheDir({ XDG_CACHE_HOME: "/x" })).toBe("/x/cairn");
    expect(defaultCacheDir({})).toMatch(/\.cache\/cairn$/);
  });
});

describe("archives and trees", () => {
  it("stores archives by checksum and extracts each once, with its marker beside (not inside) the tree", () => {
    const c = new Cache(tmp("cache"));
    c.putArchive(bytes, sum, { name: "p", version: "1.0.0" });
    expect(c.archiveFile(sum)).toContain(join("archives", "sha256", sum.slice(7, 9), `${sum.slice(7)}.tar.gz`));
    const dir = c.ensureTree(bytes, sum, { name: "p", version: "1.0.0" });
    expect(readFileSync(join(dir, "src/lib.cn"), "utf8")).toBe("lib\n");
    expect(existsSync(`${dir}.json`)).toBe(true);
    expect(existsSync(join(dir, ".cairn-ok"))).toBe(false);
    expect(c.ensureTree(bytes, sum, { name: "p", version: "1.0.0" })).toBe(dir);
  });

  it("refuses to cache bytes under a checksum they do not have", () => {
    const c = new Cache(tmp("cache"));
    expect(() => c.putArchive(bytes, `sha256:${"0".repeat(64)}`, { name: "p", version: "1" })).toThrow(expect.objectContaining({ code: "E_CHECKSUM_MISMATCH" }));
    expect(existsSync(join(c.root, "archives"))).toBe(false);
  });

  it("treats a tree without its marker (an interrupted run) as absent and extracts it again", () => {
    const c = new Cache(tmp("cache"));
    mkdirSync(c.treeDir(sum), { recursive: true });
    writeFileSync(join(c.treeDir(sum), "half-written"), "");
    expect(c.tree(sum)).toBeUndefined();
    const dir = c.ensureTree(bytes, sum, { name: "p", version: "1.0.0" });
    expect(existsSync(join(dir, "half-written"))).toBe(false);
    expect(existsSync(join(dir, "README.md"))).toBe(true);
  });

  it("keeps the tree1 manifest of the checked archive in the marker, which a tree changed later does not alter", () => {
    const c = new Cache(tmp("cache"));
    const dir = c.ensureTree(bytes, sum, { name: "p", version: "1.0.0" });
    const got = c.treeContents(sum)!;
    expect(got.tree).toBe(treeDigest(dir));
    expect(got.files.split("\n").filter(Boolean).map((l) => l.slice(67)).sort()).toEqual(["README.md", "src/lib.cn"]);
    writeFileSync(join(dir, "src/lib.cn"), "changed\n");
    expect(c.treeContents(sum)).toEqual(got);
    // a marker written before manifests were kept: no contents, the installer hashes its copy
    writeFileSync(`${dir}.json`, JSON.stringify({ name: "p", version: "1.0.0", checksum: sum, tree: got.tree }));
    expect(c.treeContents(sum)).toBeUndefined();
    expect(c.treeContents(`sha256:${"1".repeat(64)}`)).toBeUndefined();
  });

  it("drops a damaged cached archive instead of returning it", () => {
    const c = new Cache(tmp("cache"));
    const file = c.putArchive(bytes, sum, { name: "p", version: "1.0.0" });
    appendFileSync(file, "x");
    expect(c.readArchive(sum)).toBeUndefined();
    expect(existsSync(file)).toBe(false);
  });
});

describe("list, verify, clean", () => {
  it("lists entries, finds tampering in archives and trees, and cleans", async () => {
    const c = new Cache(tmp("cache"));
    c.putArchive(bytes, sum, { name: "p", version: "1.0.0" });
    const dir = c.ensureTree(bytes, sum, { name: "p", version: "1.0.0" });
    c.writeMetadata("reg-1", "@s/p", { url: "http://r/", body: "{}" });
    const list = c.list();
    expect(list.map((e) => `${e.kind} ${e.name} ${e.version ?? ""}`.trim())).toEqual(["archive p 1.0.0", "tree p 1.0.0", "metadata @s/p"]);
    expect(c.verify()).toEqual([]);

    writeFileSync(join(dir, "src/lib.cn"), "edited\n");
    appendFileSync(c.archiveFile(sum), "!");
    const problems = c.verify();
    expect(problems.map((p) => p.path).sort()).toEqual([c.archiveFile(sum), dir].sort());

    await c.clean({ trees: true });
    expect(existsSync(dir)).toBe(false);
    expect(existsSync(c.archiveFile(sum))).toBe(true);
    await c.clean();
    expect(c.list()).toEqual([]);
  });
});

describe("the lock", () => {
  it("serializes holders and tells the waiter who holds it", async () => {
    const lock = join(tmp("lock"), "lock");
    const order: string[] = [];
    let waitedFor: number | undefined;
    let releaseFirst!: () => void;
    const first = withFileLock(lock, () => {
      order.push("first-in");
      return new Promise<void>((r) => (releaseFirst = () => {
        order.push("first-out");
        r();
      }));
    });
    await new Promise((r) => setTimeout(r, 20));
    const second = withFileLock(lock, () => void order.push("second"), { onWait: (pid) => (waitedFor = pid) });
    await new Promise((r) => setTimeout(r, 50));
    releaseFirst();
    await Promise.all([first, second]);
    expect(order).toEqual(["first-in", "first-out", "second"]);
    expect(waitedFor).toBe(process.pid);
    expect(existsSync(lock)).toBe(false);
  });

  it("times out with E_CACHE_LOCKED while a live process holds it", async () => {
    const lock = join(tmp("lock"), "lock");
    writeFileSync(lock, `${process.pid}\n`);
    await expect(withFileLock(lock, () => 1, { timeoutMs: 100 })).rejects.toMatchObject({ code: "E_CACHE_LOCKED" });
    rmSync(lock);
  });

  it("takes over a lock whose process is gone", async () => {
    const lock = join(tmp("lock"), "lock");
    const dead = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"]).stdout.toString();
    writeFileSync(lock, `${dead}\n`);
    expect(await withFileLock(lock, () => "ran", { timeoutMs: 1000 })).toBe("ran");
  });

  it("shared users and the exclusive holder wait for each other", async () => {
    const c = new Cache(tmp("cache"));
    // Another live process registered as a cache user.
    const other = spawn(process.execPath, ["-e", "setTimeout(() => {}, 20000)"]);
    try {
      mkdirSync(c.usersDir, { recursive: true });
      writeFileSync(join(c.usersDir, String(other.pid)), "");
      let told: number | undefined;
      await expect(c.clean({}, { timeoutMs: 200, onWait: (pid) => (told = pid) })).rejects.toMatchObject({ code: "E_CACHE_LOCKED" });
      expect(told).toBe(other.pid);
      rmSync(join(c.usersDir, String(other.pid)));

      // Now the other process holds the exclusive lock: entering waits until it is released.
      writeFileSync(c.lockFile, `${other.pid}\n`);
      let waitedFor: number | undefined;
      let entered = false;
      const entering = c.enter({ timeoutMs: 5000, onWait: (pid) => (waitedFor = pid) }).then(() => (entered = true));
      await new Promise((r) => setTimeout(r, 150));
      expect(entered).toBe(false);
      expect(waitedFor).toBe(other.pid);
      rmSync(c.lockFile);
      await entering;
      expect(existsSync(join(c.usersDir, String(process.pid)))).toBe(true);
    } finally {
      other.kill("SIGKILL");
      await once(other, "exit");
    }
    // A registration whose process died no longer blocks anyone.
    writeFileSync(join(c.usersDir, String(other.pid)), "");
    await c.clean({}, { timeoutMs: 1000 });
  });
});
