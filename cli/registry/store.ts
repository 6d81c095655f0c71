// The writable side of a registry directory, used by `cairn serve`: publish,
// yank, unyank. Every file is written temp-then-rename, archive before index,
// so a server killed at any instant leaves a registry that static readers can
// use (at worst an archive no index points to yet, which a retry overwrites).
// Owners live in `.cairn/owners/<name>.json`, which the server never serves.
import { readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import semver from "semver";
import { CairnError } from "../../bindings/errors.js";
import { sweepTempFiles, writeFileAtomic } from "../cache/atomic-write.js";
import { checksumOf } from "../archive/checksum.js";
import { readArchive } from "../archive/read-archive.js";
import type { ArchiveLimits } from "../archive/limits.js";
import { KeyedMutex } from "./mutex.js";
import { archivePath, checkName, checkVersion, metadataPath, releaseOf, nameProblem, DEFAULT_FILES_TEMPLATE } from "./names.js";
import type { PublishMetadata, RegistryConfig, RegistryPackage, RegistryVersion, SearchEntry } from "./types.js";

const json = (v: unknown) => `${JSON.stringify(v, null, 2)}\n`;

async function readJson<T>(path: string): Promise<T | undefined> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw e;
  }
  try {
    return JSON.parse(text) as T;
  } catch (e) {
    throw new CairnError("E_REGISTRY_DATA", `\`${path}\` is not valid JSON: ${(e as Error).message}`, { location: { file: path } });
  }
}

function isDepMap(v: unknown): v is Record<string, string> {
  return typeof v === "object" && v !== null && !Array.isArray(v) && Object.entries(v).every(([k, r]) => !nameProblem(k) && typeof r === "string" && r.length <= 256);
}

/** Checks what the publisher sent: shapes, dependency names and ranges. */
export function checkPublishMetadata(m: unknown): PublishMetadata {
  if (m === undefined) return {};
  if (typeof m !== "object" || m === null || Array.isArray(m)) throw new CairnError("E_INVALID_TYPE", "publish metadata must be a JSON object");
  const o = m as Record<string, unknown>;
  const known = new Set(["description", "keywords", "license", "dependencies", "optional", "features", "targets"]);
  for (const k of Object.keys(o)) if (!known.has(k)) throw new CairnError("E_UNKNOWN_FIELD", `unknown publish metadata field \`${k}\``, { location: { path: k } });
  for (const k of ["description", "license"] as const) {
    if (o[k] !== undefined && (typeof o[k] !== "string" || (o[k] as string).length > 1000)) throw new CairnError("E_INVALID_TYPE", `\`${k}\` must be a string of at most 1000 characters`, { location: { path: k } });
  }
  if (o.keywords !== undefined && !(Array.isArray(o.keywords) && o.keywords.length <= 20 && o.keywords.every((k) => typeof k === "string" && k.length <= 50))) {
    throw new CairnError("E_INVALID_TYPE", "`keywords` must be at most 20 strings", { location: { path: "keywords" } });
  }
  for (const k of ["dependencies", "optional"] as const) {
    if (o[k] !== undefined && !isDepMap(o[k])) throw new CairnError("E_INVALID_TYPE", `\`${k}\` must map valid package names to range strings`, { location: { path: k } });
    for (const [dep, range] of Object.entries((o[k] as Record<string, string>) ?? {})) {
      if (semver.validRange(range) === null) throw new CairnError("E_INVALID_VERSION_REQ", `\`${range}\` is not a valid range`, { location: { path: `${k}.${dep}` } });
    }
  }
  for (const k of ["features", "targets"] as const) {
    const v = o[k];
    if (v === undefined) continue;
    if (typeof v !== "object" || v === null || Array.isArray(v) || !Object.values(v).every(isDepMap)) {
      throw new CairnError("E_INVALID_TYPE", `\`${k}\` must map names to dependency tables`, { location: { path: k } });
    }
  }
  return o as PublishMetadata;
}

export interface PublishResult {
  name: string;
  version: string;
  checksum: string;
}

export class RegistryStore {
  private readonly packageLocks = new KeyedMutex();
  private readonly searchLock = new KeyedMutex();

  constructor(
    readonly root: string,
    private readonly limits: Partial<ArchiveLimits> = {},
  ) {}

  /**
   * Writes config.json and search.json if missing, so an empty directory is a
   * registry, and removes temp files a killed server left behind (they are
   * hidden and never served; this only reclaims the space).
   */
  async init(): Promise<void> {
    await sweepTempFiles(this.root);
    const cfg = join(this.root, "config.json");
    if ((await readJson(cfg)) === undefined) {
      const config: RegistryConfig = { api: 1, files: DEFAULT_FILES_TEMPLATE, search: "search.json" };
      await writeFileAtomic(cfg, json(config));
    }
    const search = join(this.root, "search.json");
    if ((await readJson(search)) === undefined) await writeFileAtomic(search, json({ packages: [] }));
  }

  private async owners(name: string): Promise<string[] | undefined> {
    const doc = await readJson<{ owners: string[] }>(join(this.root, ".cairn/owners", `${name}.json`));
    return doc?.owners;
  }

  /** `user` null: direct file-system access (a directory registry), which owns everything. */
  private async mayChange(name: string, user: string | null, pkg: RegistryPackage | undefined): Promise<void> {
    if (user === null) return;
    const owners = await this.owners(name);
    if (pkg !== undefined || owners !== undefined) {
      if (!owners?.includes(user)) throw new CairnError("E_FORBIDDEN", `user \`${user}\` is not an owner of \`${name}\``);
    }
  }

  async publish(name: string, version: string, archive: Uint8Array, rawMeta: unknown, user: string | null): Promise<PublishResult> {
    checkName(name, "name");
    checkVersion(version, "version");
    const meta = checkPublishMetadata(rawMeta);
    // The server refuses what every client would refuse to unpack.
    readArchive(archive, this.limits);
    const checksum = checksumOf(archive);
    return this.packageLocks.run(name, async () => {
      const indexFile = join(this.root, metadataPath(name));
      const pkg = await readJson<RegistryPackage>(indexFile);
      await this.mayChange(name, user, pkg);
      const release = releaseOf(version);
      const clash = Object.keys(pkg?.versions ?? {}).find((v) => releaseOf(v) === release);
      if (clash !== undefined) {
        throw new CairnError("E_VERSION_EXISTS", `\`${name}\` ${clash} is already published${clash !== version ? ` (same release as ${version})` : ""}`);
      }
      const rel = archivePath(name, version);
      await writeFileAtomic(join(this.root, rel), archive);
      if (pkg === undefined && user !== null) await writeFileAtomic(join(this.root, ".cairn/owners", `${name}.json`), json({ owners: [user] }));
      const entry: RegistryVersion = {
        checksum,
        url: rel,
        dependencies: meta.dependencies ?? {},
        ...(meta.optional ? { optional: meta.optional } : {}),
        ...(meta.features ? { features: meta.features } : {}),
        ...(meta.targets ? { targets: meta.targets } : {}),
        published: new Date().toISOString(),
      };
      const next: RegistryPackage = {
        name,
        description: meta.description ?? pkg?.description ?? "",
        keywords: meta.keywords ?? pkg?.keywords ?? [],
        license: meta.license ?? pkg?.license ?? "",
        latest: undefined,
        versions: { ...(pkg?.versions ?? {}), [version]: entry },
      };
      next.latest = latestOf(next);
      await writeFileAtomic(indexFile, json(next));
      await this.updateSearch(next);
      return { name, version, checksum };
    });
  }

  async setYanked(name: string, version: string, yanked: boolean, user: string | null): Promise<{ name: string; version: string; yanked: boolean }> {
    checkName(name, "name");
    checkVersion(version, "version");
    return this.packageLocks.run(name, async () => {
      const indexFile = join(this.root, metadataPath(name));
      const pkg = await readJson<RegistryPackage>(indexFile);
      const entry = pkg?.versions?.[version];
      if (!pkg || !entry) throw new CairnError("E_UNKNOWN_PACKAGE", `\`${name}\` ${version} is not published here`);
      await this.mayChange(name, user, pkg);
      if (yanked) entry.yanked = true;
      else delete entry.yanked;
      pkg.latest = latestOf(pkg);
      await writeFileAtomic(indexFile, json(pkg));
      await this.updateSearch(pkg);
      return { name, version, yanked };
    });
  }

  private async updateSearch(pkg: RegistryPackage): Promise<void> {
    await this.searchLock.run("search", async () => {
      const file = join(this.root, "search.json");
      const doc = (await readJson<{ packages: SearchEntry[] }>(file)) ?? { packages: [] };
      const entries = (doc.packages ?? []).filter((p) => p.name !== pkg.name);
      entries.push({ name: pkg.name, description: pkg.description ?? "", keywords: pkg.keywords ?? [], ...(pkg.latest ? { latest: pkg.latest } : {}) });
      entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      await writeFileAtomic(file, json({ packages: entries }));
    });
  }

  async exists(rel: string): Promise<boolean> {
    try {
      await stat(join(this.root, rel));
      return true;
    } catch {
      return false;
    }
  }
}

/** The highest non-yanked release (prereleases only when nothing else exists). */
export function latestOf(pkg: RegistryPackage): string | undefined {
  const live = Object.entries(pkg.versions).filter(([, v]) => !v.yanked).map(([v]) => v);
  const stable = live.filter((v) => semver.prerelease(v) === null);
  const pool = stable.length > 0 ? stable : live;
  return pool.sort(semver.rcompare)[0];
}
