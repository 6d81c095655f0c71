// Builds a profile's layout from trees already in the cache (registry
// archives extracted, git checkouts) and path sources. Files are cloned with
// copy-on-write (reflink) where the file system allows, copied otherwise:
// never hard links, so editing an installed file can never corrupt the cache.
// Path dependencies are symlinked (they are the user's own live sources).
import { constants, copyFileSync, existsSync, lstatSync, mkdirSync, readdirSync, renameSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { CairnError } from "../../bindings/errors.js";
import { type LockSource, formatSource } from "../../bindings/lock/model.js";
import { treeDigestOf, treeEntries, treeManifest } from "../sources/tree-digest.js";
import { NOT_SOURCE } from "../sources/path.js";
import { type Layout, STATE_FILE } from "./layout.js";
import { stagingDir } from "./transaction.js";
import { backdate, stampTree, type TreeStamp } from "./tree-stamp.js";

export interface InstallItem {
  name: string;
  version: string;
  source: LockSource;
  checksum: string;
  /** The tree to install (cache entry, git checkout or the path dependency itself). */
  srcDir: string;
  /** tree1 and manifest of what srcDir must hold (a cache tree's archive), recorded instead of re-hashing the copy. */
  contents?: { tree: string; files: string };
}

export interface InstalledPackage {
  name: string;
  version: string;
  source: string;
  checksum: string;
  /** Relative to the layout root. */
  dir: string;
  linked: boolean;
  /** tree1 digest and manifest of the installed files (what `verify` compares against). */
  tree: string;
  files: string;
  /** Stat fingerprint of the installed files, for the no-op check (not for linked packages). */
  stamp?: TreeStamp;
}

export interface InstallState {
  version: 1;
  profile: string;
  /** sha256 of the lock content this install matches. */
  lock: string;
  packages: InstalledPackage[];
}

export function copyTree(src: string, dst: string): void {
  mkdirSync(dst, { recursive: true });
  for (const name of readdirSync(src)) {
    const s = join(src, name);
    const d = join(dst, name);
    const st = lstatSync(s);
    if (st.isDirectory()) copyTree(s, d);
    else if (st.isFile()) copyFileSync(s, d, constants.COPYFILE_FICLONE);
    else throw new CairnError("E_IO", `${s} is not a regular file or directory`, { location: { file: s } });
  }
}

function record(layout: Layout, item: InstallItem, absDir: string, linked: boolean): InstalledPackage {
  let contents = linked ? undefined : item.contents;
  if (!contents) {
    const entries = treeEntries(absDir, linked ? NOT_SOURCE : undefined);
    contents = { tree: treeDigestOf(entries), files: treeManifest(entries) };
  }
  return {
    name: item.name,
    version: item.version,
    source: formatSource(item.source),
    checksum: item.checksum,
    dir: relative(layout.root, absDir).split("\\").join("/"),
    linked,
    ...contents,
  };
}

/**
 * Stages the new layout. For a per-project layout the result is a complete
 * staging directory (state file included) for transaction.commit to swap in;
 * for a shared layout the package directories are added in place (each by
 * rename, they never change once there) and the state goes in the project.
 */
export function stageLayout(layout: Layout, items: InstallItem[], lockDigest: string): { staged?: string; stateContent: string } {
  const packages: InstalledPackage[] = [];
  if (!layout.shared) {
    const stage = stagingDir(layout.root);
    rmSync(stage, { recursive: true, force: true });
    mkdirSync(stage, { recursive: true });
    for (const item of items) {
      const rel = layout.dirFor(item.name, item.version);
      const target = join(stage, rel);
      const final = join(layout.root, rel);
      mkdirSync(dirname(target), { recursive: true });
      if (item.source.kind === "path") {
        // relative to where the link will live after the swap
        symlinkSync(relative(dirname(final), item.srcDir) || ".", target, "dir");
        packages.push({ ...record(layout, item, item.srcDir, true), dir: rel });
      } else {
        copyTree(item.srcDir, target);
        backdate(target);
        packages.push({ ...record(layout, item, target, false), dir: rel, stamp: stampTree(target) });
      }
    }
    const state: InstallState = { version: 1, profile: layout.profile, lock: lockDigest, packages };
    const content = `${JSON.stringify(state, null, 1)}\n`;
    // the state file travels with the tree it describes
    writeFileSync(join(stage, STATE_FILE), content);
    return { staged: stage, stateContent: content };
  }
  for (const item of items) {
    if (item.source.kind === "path") {
      packages.push({ ...record(layout, item, item.srcDir, true), dir: relative(layout.root, item.srcDir) });
      continue;
    }
    const final = join(layout.root, layout.dirFor(item.name, item.version));
    // a shared directory that was modified is replaced (tree1 sources: the checksum is the tree's)
    const damaged = existsSync(final) && item.checksum.startsWith("tree1-") && treeDigestOf(treeEntries(final)) !== item.checksum;
    if (damaged) {
      const old = `${final}.cairn-old-${process.pid}`;
      renameSync(final, old);
      rmSync(old, { recursive: true, force: true });
    }
    // only a directory this install wrote gets a stamp: one found there is re-hashed by every check
    let copied = false;
    if (!existsSync(final)) {
      mkdirSync(dirname(final), { recursive: true });
      const tmp = `${final}.cairn-tmp-${process.pid}`;
      rmSync(tmp, { recursive: true, force: true });
      copyTree(item.srcDir, tmp);
      backdate(tmp);
      try {
        renameSync(tmp, final);
        copied = true;
      } catch (e) {
        rmSync(tmp, { recursive: true, force: true });
        if (!existsSync(final)) throw e;
      }
    }
    packages.push({ ...record(layout, item, final, false), ...(copied ? { stamp: stampTree(final) } : {}) });
  }
  const state: InstallState = { version: 1, profile: layout.profile, lock: lockDigest, packages };
  return { stateContent: `${JSON.stringify(state, null, 1)}\n` };
}
