// `cairn mirror SOURCE DEST`: copies a registry into a directory, or brings
// an earlier copy up to date (docs/MIRRORS.md).
//
// Order of writes, so DEST is a usable registry at every instant and a killed
// run resumes: for each package, its archives first (each verified against
// the checksum its document lists, written temp-then-rename), then its
// document; search.json and config.json last. A rerun skips what it already
// has: documents by their validator (ETag / Last-Modified over HTTP; size,
// mtime and inode on disk), archives by their checksum (remembered in
// DEST/.cairn/mirror.json, or re-hashed when the state was lost). Nothing is
// ever deleted: registries are append-only, yanks live in the documents.
import { readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { CairnError } from "../../bindings/errors.js";
import { sweepTempFiles, writeFileAtomic } from "../cache/atomic-write.js";
import { checksumOf } from "../archive/checksum.js";
import { parsePackageDoc } from "../registry/client.js";
import { DEFAULT_FILES_TEMPLATE, expandFilesTemplate, metadataPath, nameProblem } from "../registry/names.js";
import type { RegistryConfig } from "../registry/types.js";
import type { MirrorSource } from "./source.js";

export interface MirrorOptions {
  source: MirrorSource;
  dest: string;
  /** Re-hash every archive already in DEST, even those the state vouches for. */
  verifyAll?: boolean;
  concurrency?: number;
  onEvent?: (e: MirrorEvent) => void;
}

export type MirrorEvent =
  | { type: "package"; name: string; index: number; total: number; changed: boolean }
  | { type: "archive"; name: string; version: string; bytes: number }
  | { type: "skipped-remote"; name: string; version: string; url: string };

export interface MirrorStats {
  packages: number;
  /** Packages whose document changed (or was new). */
  changedPackages: number;
  archivesFetched: number;
  archivesPresent: number;
  /** Registry-relative paths whose bytes were transferred from SOURCE, in no particular order. */
  transferred: string[];
  bytes: number;
}

interface FileState {
  validator?: string;
  /** hex sha256 of the bytes in DEST (archives). */
  sha256?: string;
}

interface State {
  version: 1;
  source: string;
  files: Record<string, FileState>;
}

const STATE_FILE = ".cairn/mirror.json";

async function loadState(dest: string, source: string): Promise<State> {
  try {
    const doc = JSON.parse(await readFile(join(dest, STATE_FILE), "utf8")) as State;
    if (doc?.version === 1 && doc.source === source && typeof doc.files === "object" && doc.files !== null) return doc;
  } catch {
    /* missing or damaged: start over; archives already in DEST are re-hashed, not re-downloaded */
  }
  return { version: 1, source, files: {} };
}

async function exists(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

function parseJson<T>(body: Buffer, where: string): T {
  try {
    return JSON.parse(body.toString("utf8")) as T;
  } catch (e) {
    throw new CairnError("E_REGISTRY_DATA", `not valid JSON: ${(e as Error).message}`, { location: { file: where } });
  }
}

/** A relative archive path that stays inside the registry, or undefined for an absolute URL (left to its host). */
function archiveRel(url: string | undefined, template: string, name: string, version: string, where: string): string | undefined {
  if (url !== undefined && /^[a-z][a-z0-9+.-]*:/i.test(url)) return undefined;
  const rel = url ?? expandFilesTemplate(template, name, version);
  if (rel.startsWith("/") || rel.split("/").some((s) => s === "" || s === "." || s === ".." || s.startsWith("."))) {
    throw new CairnError("E_REGISTRY_DATA", `the archive path \`${rel}\` of \`${name}\` ${version} is not a plain relative path`, { location: { file: where, path: `versions.${version}.url` } });
  }
  return rel;
}

export async function mirrorRegistry(opts: MirrorOptions): Promise<MirrorStats> {
  const { source, dest } = opts;
  await sweepTempFiles(dest);
  const state = await loadState(dest, source.id);
  const stats: MirrorStats = { packages: 0, changedPackages: 0, archivesFetched: 0, archivesPresent: 0, transferred: [], bytes: 0 };
  let dirty = 0;
  const saveState = () => writeFileAtomic(join(dest, STATE_FILE), `${JSON.stringify(state)}\n`);

  // The top-level files are fetched first (to know the layout) but written last.
  const top = async (rel: string): Promise<{ body: Buffer; changed: boolean; validator?: string } | undefined> => {
    const known = state.files[rel];
    const haveLocal = await exists(join(dest, rel));
    const got = await source.get(rel, haveLocal ? known?.validator : undefined);
    if (got.status === "missing") return undefined;
    if (got.status === "unchanged") return { body: await readFile(join(dest, rel)), changed: false, validator: known?.validator };
    stats.transferred.push(rel);
    stats.bytes += got.body.length;
    return { body: got.body, changed: true, validator: got.validator };
  };

  const configFile = await top("config.json");
  const config: RegistryConfig = configFile ? parseJson<RegistryConfig>(configFile.body, `${source.shown} config.json`) : { api: 1 };
  if (config.api !== 1) throw new CairnError("E_REGISTRY_DATA", `${source.shown} speaks registry API ${String(config.api)}; cairn mirrors API 1`, { location: { file: "config.json", path: "api" } });
  const template = typeof config.files === "string" ? config.files : DEFAULT_FILES_TEMPLATE;
  const searchRel = typeof config.search === "string" ? config.search : "search.json";
  const searchFile = await top(searchRel);
  if (!searchFile) throw new CairnError("E_REGISTRY_DATA", `${source.shown} has no ${searchRel}, so its package list is unknown`, { hint: "a registry written by `cairn serve` or `cairn publish` always has one" });
  const search = parseJson<{ packages?: { name?: unknown }[] }>(searchFile.body, `${source.shown} ${searchRel}`);
  const names = (Array.isArray(search.packages) ? search.packages : []).map((p) => p?.name).filter((n): n is string => typeof n === "string");
  for (const n of names) {
    const problem = nameProblem(n);
    if (problem) throw new CairnError("E_REGISTRY_DATA", `\`${n.slice(0, 140)}\` in ${searchRel}: ${problem}`, { location: { file: searchRel } });
  }

  const mirrorPackage = async (name: string, index: number): Promise<void> => {
    const rel = metadataPath(name);
    const known = state.files[rel];
    const haveLocal = await exists(join(dest, rel));
    const got = await source.get(rel, haveLocal ? known?.validator : undefined);
    stats.packages++;
    if (got.status === "missing") throw new CairnError("E_REGISTRY_DATA", `${searchRel} lists \`${name}\`, but ${source.shown} has no ${rel}`);
    if (got.status === "unchanged" && !opts.verifyAll) {
      opts.onEvent?.({ type: "package", name, index, total: names.length, changed: false });
      return;
    }
    const body = got.status === "ok" ? got.body : await readFile(join(dest, rel));
    if (got.status === "ok") {
      stats.transferred.push(rel);
      stats.bytes += body.length;
      stats.changedPackages++;
    }
    const pkg = parsePackageDoc(body.toString("utf8"), name, `${source.shown} ${rel}`);
    for (const [version, entry] of Object.entries(pkg.versions)) {
      const arel = archiveRel(entry.url, template, name, version, rel);
      if (arel === undefined) {
        opts.onEvent?.({ type: "skipped-remote", name, version, url: entry.url! });
        continue;
      }
      const hex = entry.checksum.slice("sha256:".length);
      const target = join(dest, arel);
      const vouched = state.files[arel]?.sha256 === hex && !opts.verifyAll;
      if (await exists(target)) {
        if (vouched || checksumOf(await readFile(target)) === entry.checksum) {
          state.files[arel] = { sha256: hex };
          stats.archivesPresent++;
          continue;
        }
      }
      const a = await source.get(arel);
      if (a.status !== "ok") throw new CairnError("E_REGISTRY_DATA", `${source.shown} lists \`${name}\` ${version} but has no ${arel}`);
      const actual = checksumOf(a.body);
      if (actual !== entry.checksum) {
        throw new CairnError("E_CHECKSUM_MISMATCH", `the archive of ${name} ${version} from ${source.shown} does not match its checksum\n  expected: ${entry.checksum}\n  actual:   ${actual}`, { details: { expected: entry.checksum, actual } });
      }
      await writeFileAtomic(target, a.body);
      state.files[arel] = { sha256: hex };
      stats.transferred.push(arel);
      stats.bytes += a.body.length;
      stats.archivesFetched++;
      opts.onEvent?.({ type: "archive", name, version, bytes: a.body.length });
    }
    // The document only after every archive it names is in place.
    if (got.status === "ok") await writeFileAtomic(join(dest, rel), body);
    state.files[rel] = { validator: got.status === "ok" ? got.validator : known?.validator };
    opts.onEvent?.({ type: "package", name, index, total: names.length, changed: got.status === "ok" });
    // Progress survives a kill: the state is saved every so often (it only saves work, correctness never depends on it).
    if (++dirty >= 50) {
      dirty = 0;
      await saveState();
    }
  };

  const limit = Math.max(1, opts.concurrency ?? 8);
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (!failed && next < names.length) {
      const i = next++;
      try {
        await mirrorPackage(names[i]!, i);
      } catch (e) {
        failed = true; // the other workers stop taking packages; what is done stays done
        throw e;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, names.length) }, worker));

  if (searchFile.changed) await writeFileAtomic(join(dest, searchRel), searchFile.body);
  state.files[searchRel] = { validator: searchFile.validator };
  if (configFile) {
    if (configFile.changed) await writeFileAtomic(join(dest, "config.json"), configFile.body);
    state.files["config.json"] = { validator: configFile.validator };
  }
  await saveState();
  return stats;
}
