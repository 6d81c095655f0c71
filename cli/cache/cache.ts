// The global cache ($CAIRN_HOME, default $XDG_CACHE_HOME/cairn or
// ~/.cache/cairn; docs/CACHE.md):
//   index/<registry-id>/<name>.json      package metadata + its ETag
//   archives/sha256/<aa>/<hex>.tar.gz     archives, content-addressed
//   archives/sha256/<aa>/<hex>.json       what the archive is (name, version, source)
//   trees/sha256/<hex>/                   extracted archives (never written into)
//   trees/sha256/<hex>.json               completion marker with the tree1 hash and manifest
//   lock                                  exclusive lock: `cache clean` and other removals
//   users/<pid>                           processes adding entries (shared; see lock.ts)
// Every entry is written temp-then-rename, so readers take no lock; an entry
// is either complete or absent. Markers sit beside trees, never inside them.
import { existsSync, readFileSync, readdirSync, rmSync, statSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { homedir } from "node:os";
import { CairnError } from "../../bindings/errors.js";
import { checksumOf, parseChecksum } from "../archive/checksum.js";
import { extractArchive } from "../archive/extract.js";
import type { ArchiveLimits } from "../archive/limits.js";
import { writeFileAtomicSync } from "./atomic-write.js";
import { withFileLock, enterShared, type LockOptions } from "./lock.js";
import { treeHashOfDir, treeOfFiles } from "./tree-hash.js";

export interface ArchiveInfo {
  name: string;
  version: string;
  source?: string;
}

export interface CacheEntry {
  kind: "archive" | "tree" | "metadata";
  name: string;
  version?: string;
  checksum?: string;
  registry?: string;
  bytes: number;
  path: string;
}

export interface VerifyProblem {
  path: string;
  message: string;
}

/** $CAIRN_HOME, else $XDG_CACHE_HOME/cairn, else ~/.cache/cairn. */
export function defaultCacheDir(env: Record<string, string | undefined> = process.env): string {
  if (env.CAIRN_HOME) return env.CAIRN_HOME;
  return join(env.XDG_CACHE_HOME || join(homedir(), ".cache"), "cairn");
}

function readJsonOr<T>(path: string, fallback: T): T {
  try {
    return JSON.parse(readFileSync(path, "utf8")) as T;
  } catch {
    return fallback;
  }
}

function dirSize(p: string): number {
  let n = 0;
  for (const e of readdirSync(p, { withFileTypes: true })) n += e.isDirectory() ? dirSize(join(p, e.name)) : statSync(join(p, e.name)).size;
  return n;
}

export class Cache {
  constructor(readonly root: string) {}

  get lockFile(): string {
    return join(this.root, "lock");
  }

  get usersDir(): string {
    return join(this.root, "users");
  }

  /** Exclusive: waits for other users and holders, then runs `fn` alone (for removals). */
  withLock<T>(fn: () => Promise<T> | T, opts?: LockOptions): Promise<T> {
    return withFileLock(this.lockFile, fn, { ...opts, usersDir: this.usersDir });
  }

  private entered = false;

  /** Shared: marks this process as adding to the cache until it exits (waits out an exclusive holder). */
  async enter(opts?: LockOptions): Promise<void> {
    if (this.entered) return;
    await enterShared(this.usersDir, this.lockFile, opts);
    this.entered = true;
  }

  // ---- metadata ----------------------------------------------------------
  metadataFile(registryId: string, name: string): string {
    return join(this.root, "index", registryId, `${name}.json`);
  }

  readMetadata(registryId: string, name: string): { etag?: string; lastModified?: string; url: string; body: string } | undefined {
    const doc = readJsonOr<{ etag?: string; lastModified?: string; url: string; body: string } | undefined>(this.metadataFile(registryId, name), undefined);
    return doc && typeof doc.body === "string" ? doc : undefined;
  }

  writeMetadata(registryId: string, name: string, entry: { etag?: string; lastModified?: string; url: string; body: string }): void {
    writeFileAtomicSync(this.metadataFile(registryId, name), JSON.stringify({ ...entry, fetched: new Date().toISOString() }));
  }

  // ---- archives ----------------------------------------------------------
  archiveFile(checksum: string): string {
    const hex = parseChecksum(checksum);
    return join(this.root, "archives", "sha256", hex.slice(0, 2), `${hex}.tar.gz`);
  }

  /** The cached archive's bytes, re-verified; a damaged entry is dropped and reported as absent. */
  readArchive(checksum: string): Uint8Array | undefined {
    const file = this.archiveFile(checksum);
    if (!existsSync(file)) return undefined;
    const bytes = readFileSync(file);
    if (checksumOf(bytes) !== checksum) {
      rmSync(file, { force: true });
      return undefined;
    }
    return bytes;
  }

  hasArchive(checksum: string): boolean {
    return existsSync(this.archiveFile(checksum));
  }

  /** Stores verified bytes under their checksum (the caller has checked them). */
  putArchive(bytes: Uint8Array, checksum: string, info: ArchiveInfo): string {
    const file = this.archiveFile(checksum);
    if (checksumOf(bytes) !== checksum) throw new CairnError("E_CHECKSUM_MISMATCH", `refusing to cache bytes that do not hash to ${checksum}`);
    writeFileAtomicSync(file, bytes);
    writeFileAtomicSync(file.replace(/\.tar\.gz$/, ".json"), JSON.stringify(info));
    return file;
  }

  // ---- extracted trees ---------------------------------------------------
  treeDir(checksum: string): string {
    return join(this.root, "trees", "sha256", parseChecksum(checksum));
  }

  private treeMarker(checksum: string): string {
    return `${this.treeDir(checksum)}.json`;
  }

  /** A complete extracted tree (its marker exists), or undefined. */
  tree(checksum: string): string | undefined {
    const dir = this.treeDir(checksum);
    return existsSync(this.treeMarker(checksum)) && existsSync(dir) ? dir : undefined;
  }

  /** Extracts (checksum first, hostile checks, temp-then-rename) unless already there. */
  ensureTree(bytes: Uint8Array, checksum: string, info: ArchiveInfo, limits?: Partial<ArchiveLimits>): string {
    const have = this.tree(checksum);
    if (have) return have;
    const dir = this.treeDir(checksum);
    // A directory without its marker is an interrupted run's leftover.
    if (existsSync(dir)) rmSync(dir, { recursive: true, force: true });
    const { contents } = extractArchive(bytes, checksum, dir, limits, { ifExists: "keep", what: `${info.name} ${info.version}` });
    const { digest: tree, manifest: files } = treeOfFiles(contents.files);
    writeFileAtomicSync(this.treeMarker(checksum), JSON.stringify({ ...info, checksum, tree, files }));
    return dir;
  }

  /**
   * What a complete tree holds, from its marker: the tree1 digest and manifest of the archive's
   * files as they were checked on extraction (markers from before manifests were kept: undefined).
   * An install records this for its copy, so `verify` holds the copy to the archive, not to
   * whatever the cache tree holds now.
   */
  treeContents(checksum: string): { tree: string; files: string } | undefined {
    const m = readJsonOr<{ tree?: unknown; files?: unknown }>(this.treeMarker(checksum), {});
    return typeof m.tree === "string" && typeof m.files === "string" ? { tree: m.tree, files: m.files } : undefined;
  }

  // ---- list / clean / verify -------------------------------------------
  list(): CacheEntry[] {
    const out: CacheEntry[] = [];
    const archives = join(this.root, "archives", "sha256");
    if (existsSync(archives)) {
      for (const aa of readdirSync(archives).sort()) {
        for (const f of readdirSync(join(archives, aa)).sort()) {
          if (!f.endsWith(".tar.gz")) continue;
          const hex = f.slice(0, -7);
          const info = readJsonOr<Partial<ArchiveInfo>>(join(archives, aa, `${hex}.json`), {});
          const path = join(archives, aa, f);
          out.push({ kind: "archive", name: info.name ?? "?", version: info.version, checksum: `sha256:${hex}`, bytes: statSync(path).size, path });
        }
      }
    }
    const trees = join(this.root, "trees", "sha256");
    if (existsSync(trees)) {
      for (const f of readdirSync(trees).sort()) {
        if (!f.endsWith(".json")) continue;
        const hex = f.slice(0, -5);
        const info = readJsonOr<Partial<ArchiveInfo>>(join(trees, f), {});
        const path = join(trees, hex);
        out.push({ kind: "tree", name: info.name ?? "?", version: info.version, checksum: `sha256:${hex}`, bytes: existsSync(path) ? dirSize(path) : 0, path });
      }
    }
    const index = join(this.root, "index");
    if (existsSync(index)) {
      for (const reg of readdirSync(index).sort()) {
        const walk = (dir: string, prefix: string) => {
          for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
            if (e.name.startsWith(".")) continue;
            if (e.isDirectory()) walk(join(dir, e.name), `${prefix}${e.name}/`);
            else if (e.name.endsWith(".json")) {
              const path = join(dir, e.name);
              const doc = readJsonOr<{ url?: string }>(path, {});
              out.push({ kind: "metadata", name: `${prefix}${e.name.slice(0, -5)}`, registry: doc.url, bytes: statSync(path).size, path });
            }
          }
        };
        walk(join(index, reg), "");
      }
    }
    return out;
  }

  /** Removes the chosen parts (all by default) under the cache lock. */
  async clean(parts: { metadata?: boolean; archives?: boolean; trees?: boolean } = {}, lock?: LockOptions): Promise<void> {
    const all = !parts.metadata && !parts.archives && !parts.trees;
    await this.withLock(() => {
      for (const [dir, on] of [["index", parts.metadata], ["archives", parts.archives], ["trees", parts.trees], ["tmp", all]] as const) {
        if (all || on) rmSync(join(this.root, dir), { recursive: true, force: true });
      }
    }, lock);
  }

  /** Re-hashes every archive and every extracted tree against its recorded checksum. */
  verify(): VerifyProblem[] {
    const problems: VerifyProblem[] = [];
    for (const e of this.list()) {
      if (e.kind === "archive") {
        const actual = checksumOf(readFileSync(e.path));
        if (actual !== e.checksum) problems.push({ path: e.path, message: `archive hashes to ${actual}, not ${e.checksum}` });
      } else if (e.kind === "tree") {
        const marker = readJsonOr<{ tree?: string }>(`${e.path}.json`, {});
        if (!existsSync(e.path)) problems.push({ path: e.path, message: "the tree is missing but its marker exists" });
        else {
          const actual = treeHashOfDir(e.path);
          if (actual !== marker.tree) problems.push({ path: e.path, message: `tree hashes to ${actual}, not ${marker.tree}` });
        }
      }
    }
    return problems;
  }

  ensureRoot(): void {
    mkdirSync(this.root, { recursive: true });
  }
}
