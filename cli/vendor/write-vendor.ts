// `cairn vendor`: every locked registry package copied into the project as a
// registry directory (config.json, search.json, packages/<name>.json listing
// only the locked versions, files/<name>/<name>-<version>.tar.gz), each
// archive verified against the lock's checksum before it is written; and
// every locked git package as the tree of its commit under
// git/<url key>/<commit>/ (vendored-git.ts), verified against its tree1. The
// directory is built beside the target and swapped in by rename, so an
// interrupted run leaves the previous vendor directory intact.
import { existsSync } from "node:fs";
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { randomBytes } from "node:crypto";
import semver from "semver";
import { CairnError } from "../../bindings/errors.js";
import { checksumOf } from "../archive/checksum.js";
import { archivePath, metadataPath, DEFAULT_FILES_TEMPLATE } from "../registry/names.js";
import type { LockedPackage } from "../../bindings/lock/model.js";
import type { RegistryPackage } from "../registry/types.js";
import { vendorDirGitPlace, writeVendoredGit, type GitLocked, type VendoredGitPlace } from "./vendored-git.js";

export interface VendorSource {
  /** The archive bytes of a locked package (from the cache or a registry). */
  archive(p: LockedPackage): Promise<Uint8Array>;
  /** The registry's document, to keep each version's metadata (dependencies, features, targets); undefined offline. */
  metadata?(name: string): Promise<RegistryPackage | null | undefined>;
  /** The checked-out tree of a locked git package (the caller's cache, or the previous vendor directory). */
  gitTree(p: GitLocked, previous: VendoredGitPlace): string;
}

export interface VendorResult {
  dir: string;
  packages: { name: string; version: string; checksum: string; source: "registry" | "git" }[];
}

const json = (v: unknown) => `${JSON.stringify(v, null, 2)}\n`;

export async function writeVendor(dir: string, locked: LockedPackage[], source: VendorSource): Promise<VendorResult> {
  const byName = (a: LockedPackage, b: LockedPackage) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.version < b.version ? -1 : 1);
  const packages = locked.filter((p) => p.source.kind === "registry").sort(byName);
  const gits = locked.filter((p): p is GitLocked => p.source.kind === "git").sort(byName);
  const tmp = join(dirname(dir), `.${basename(dir)}.tmp-${process.pid}-${randomBytes(4).toString("hex")}`);
  await mkdir(tmp, { recursive: true });
  try {
    const docs = new Map<string, RegistryPackage>();
    for (const p of packages) {
      const bytes = await source.archive(p);
      const actual = checksumOf(bytes);
      if (actual !== p.checksum) {
        throw new CairnError("E_CHECKSUM_MISMATCH", `the archive of ${p.name} ${p.version} does not match the lock\n  expected: ${p.checksum}\n  actual:   ${actual}`, { details: { expected: p.checksum, actual } });
      }
      const rel = archivePath(p.name, p.version);
      await mkdir(dirname(join(tmp, rel)), { recursive: true });
      await writeFile(join(tmp, rel), bytes);
      let doc = docs.get(p.name);
      if (!doc) {
        const remote = (await source.metadata?.(p.name)) ?? undefined;
        doc = { name: p.name, description: remote?.description ?? "", keywords: remote?.keywords ?? [], license: remote?.license ?? "", versions: {} };
        docs.set(p.name, doc);
        (doc as { remote?: RegistryPackage }).remote = remote;
      }
      const remoteEntry = (doc as { remote?: RegistryPackage }).remote?.versions[p.version];
      // The registry's own record when we have it (features, targets, optional); else the lock's edges.
      doc.versions[p.version] = remoteEntry
        ? { ...remoteEntry, checksum: p.checksum, url: rel }
        : { checksum: p.checksum, url: rel, dependencies: Object.fromEntries(p.dependencies.map((e) => [e.name, e.req])) };
    }
    for (const p of gits) {
      const at = (vendorDir: string) => vendorDirGitPlace(vendorDir, p.source.url, p.source.commit);
      writeVendoredGit(at(tmp), source.gitTree(p, at(dir)), { package: p.name, version: p.version, url: p.source.url, commit: p.source.commit, checksum: p.checksum });
    }
    // packages/ even when empty: it is what makes the directory a vendor directory (vendor-dir.ts)
    await mkdir(join(tmp, "packages"), { recursive: true });
    for (const doc of docs.values()) {
      delete (doc as { remote?: RegistryPackage }).remote;
      doc.latest = Object.keys(doc.versions).sort(semver.rcompare)[0];
      await mkdir(dirname(join(tmp, metadataPath(doc.name))), { recursive: true });
      await writeFile(join(tmp, metadataPath(doc.name)), json(doc));
    }
    await writeFile(join(tmp, "search.json"), json({ packages: [...docs.values()].map((d) => ({ name: d.name, description: d.description, keywords: d.keywords, latest: d.latest })) }));
    await writeFile(join(tmp, "config.json"), json({ api: 1, files: DEFAULT_FILES_TEMPLATE, search: "search.json" }));
    await writeFile(join(tmp, "README.txt"), "Vendored by `cairn vendor`: the locked registry and git packages of this project, verified against its lock.\nRegenerate with `cairn vendor`; do not edit by hand.\n");
    // Swap: the old directory moves aside, the new one takes its name, the old one goes.
    const old = `${tmp}.old`;
    if (existsSync(dir)) await rename(dir, old);
    await rename(tmp, dir);
    await rm(old, { recursive: true, force: true });
  } catch (e) {
    await rm(tmp, { recursive: true, force: true });
    throw e;
  }
  const listed = (p: LockedPackage) => ({ name: p.name, version: p.version, checksum: p.checksum, source: p.source.kind as "registry" | "git" });
  return { dir, packages: [...packages.map(listed), ...gits.map(listed)] };
}
