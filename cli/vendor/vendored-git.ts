// Vendored git packages (docs/MIRRORS.md#vendoring): the tree of each locked
// commit, copied into the project by `cairn vendor` together with a record of
// what it is (package, commit, tree1, file list), and read back by installs
// before the git cache, checked against the lock's tree1. Where a copy lives
// depends on the profile:
//   zirric   <project>/<name>/, the record inside (.cairn-vendored.json):
//            Zirric loads a vendored package from there before
//            $ZIRRIC_PACKAGES, so that copy must be exactly the locked tree
//   others   <vendor>/git/<url key>/<commit>/, the record beside it (<commit>.json)
import { cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join, relative, sep } from "node:path";
import { randomBytes } from "node:crypto";
import { CairnError } from "../../bindings/errors.js";
import { writeFileAtomicSync } from "../cache/atomic-write.js";
import { adoptCheckout, checkoutDir, fetchGit, gitKey, refOf, type GitCheckout, type GitRef } from "../sources/git.js";
import type { LockedPackage, LockSource } from "../../bindings/lock/model.js";
import { diffTrees, parseTreeManifest, treeDigest, treeDigestOf, treeEntries, treeManifest } from "../sources/tree-digest.js";

/** The record in a Zirric vendored package, so a rerun may replace it (and never a directory the user made). */
export const VENDORED_MARKER = ".cairn-vendored.json";

/** Never part of a vendored tree: VCS metadata and the record itself. */
const NOT_TREE: ReadonlySet<string> = new Set([".git", ".hg", ".svn", VENDORED_MARKER]);

export interface VendoredGitRecord {
  /** The package's identity in the lock (for Zirric, its Git URL). */
  package: string;
  version: string;
  url: string;
  commit: string;
  /** tree1 of the copy, the lock's checksum. */
  checksum: string;
  /** The tree manifest (`f <sha256> <path>` lines), so a damaged copy can name its files. */
  files: string;
}

export interface VendoredGitPlace {
  dir: string;
  recordFile: string;
}

/** Where the project keeps (or would keep) the vendored copy of `url` at `commit`; undefined when it has no vendor directory. */
export function vendoredGitPlace(at: { profile: string; projectDir: string; vendorDir?: string; alias?: string }, url: string, commit: string): VendoredGitPlace | undefined {
  if (at.profile === "zirric") {
    const dir = join(at.projectDir, vendoredName(url, at.alias));
    return { dir, recordFile: join(dir, VENDORED_MARKER) };
  }
  return at.vendorDir ? vendorDirGitPlace(at.vendorDir, url, commit) : undefined;
}

/** `<vendor>/git/<url key>/<commit>/`, its record beside it. */
export function vendorDirGitPlace(vendorDir: string, url: string, commit: string): VendoredGitPlace {
  const dir = join(vendorDir, "git", gitKey(url), commit);
  return { dir, recordFile: `${dir}.json` };
}

/** The directory name a Zirric package is vendored under: the Cavefile's name for it, else the last path segment of its identity. */
export function vendoredName(pkg: string, alias?: string): string {
  const name = alias ?? pkg.replace(/\/+$/, "").replace(/\.git$/, "").split("/").pop()!;
  if (!/^[A-Za-z0-9_][A-Za-z0-9._-]*$/.test(name)) throw new CairnError("E_INVALID_NAME", `cannot vendor \`${pkg}\` under the directory name \`${name}\``, { hint: "give the dependency a plain name in the Cavefile" });
  return name;
}

export function readVendoredRecord(file: string): VendoredGitRecord | undefined {
  try {
    const r = JSON.parse(readFileSync(file, "utf8")) as VendoredGitRecord;
    return typeof r?.package === "string" && typeof r.commit === "string" ? r : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Checks a vendored tree against the lock's tree1; on a difference, the
 * error names the files (from the record's file list: the record says what
 * was copied, the lock decides whether that is right).
 */
export function checkVendoredTree(dir: string, checksum: string, record: VendoredGitRecord | undefined, what: string): void {
  const entries = treeEntries(dir, NOT_TREE);
  if (treeDigestOf(entries) === checksum) return;
  const expected = record && treeDigestOf(parseTreeManifest(record.files)) === checksum ? parseTreeManifest(record.files) : undefined;
  const d = expected ? diffTrees(expected, entries) : undefined;
  const named = d ? [...d.changed.map((p) => ["changed", p]), ...d.added.map((p) => ["added", p]), ...d.removed.map((p) => ["missing", p])] : [];
  const files = named.map(([how, p]) => `\n  ${how}: ${p}`).join("");
  throw new CairnError("E_TREE_MISMATCH", `the vendored copy of ${what} does not match the lock${files || `\n  expected: ${checksum}\n  actual:   ${treeDigestOf(entries)}`}`, {
    location: { file: named.length ? join(dir, named[0]![1]!) : dir },
    hint: "restore the vendored files from version control, or run `cairn vendor` (online, or with the cache) to copy them again",
    details: { dir, expected: checksum, actual: treeDigestOf(entries), ...(d ?? {}) },
  });
}

/**
 * Copies a tree into its vendored place with its record, after checking it
 * against the lock's tree1. The copy is built beside the target and swapped
 * in, so an interrupted run leaves the previous copy whole.
 */
export function writeVendoredGit(place: VendoredGitPlace, srcDir: string, record: Omit<VendoredGitRecord, "files">): void {
  const entries = treeEntries(srcDir, NOT_TREE);
  const actual = treeDigestOf(entries);
  if (actual !== record.checksum) {
    throw new CairnError("E_TREE_MISMATCH", `the checkout of ${record.package} ${record.version} (${srcDir}) does not match the lock\n  expected: ${record.checksum}\n  actual:   ${actual}`, { hint: "delete that checkout from the cache and run `cairn vendor` again" });
  }
  const full: VendoredGitRecord = { ...record, files: treeManifest(entries) };
  const inside = place.recordFile.startsWith(place.dir + sep);
  const tmp = join(dirname(place.dir), `.${basename(place.dir)}.tmp-${process.pid}-${randomBytes(4).toString("hex")}`);
  mkdirSync(dirname(place.dir), { recursive: true });
  try {
    cpSync(srcDir, tmp, { recursive: true, verbatimSymlinks: true, filter: (src) => !(dirname(src) === srcDir && NOT_TREE.has(basename(src))) });
    if (inside) writeFileSync(join(tmp, relative(place.dir, place.recordFile)), `${JSON.stringify(full, null, 2)}\n`);
    const old = `${tmp}.old`;
    if (existsSync(place.dir)) renameSync(place.dir, old);
    renameSync(tmp, place.dir);
    rmSync(old, { recursive: true, force: true });
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    throw e;
  }
  if (!inside) writeFileAtomicSync(place.recordFile, `${JSON.stringify(full, null, 2)}\n`);
}

export interface VendoredCheckoutQuery {
  profile: string;
  projectDir: string;
  vendorDir?: string;
  /** The name the manifest gives the dependency (Zirric's directory name). */
  alias?: string;
  cacheRoot: string;
  url: string;
  ref: GitRef;
  /** Told when the project has a cairn-made copy of this package at another commit (Zirric would still load it). */
  onStale?: (dir: string, record: VendoredGitRecord) => void;
}

/** The copy cairn vendored of `url` (at `commit` outside Zirric, where the place depends on it) and its record. */
function findVendored(q: VendoredCheckoutQuery, commit: string): { place: VendoredGitPlace; record: VendoredGitRecord } | undefined {
  let place: VendoredGitPlace | undefined;
  try {
    place = vendoredGitPlace(q, q.url, commit);
  } catch {
    return undefined; // no directory name Zirric could have used
  }
  const record = place && existsSync(place.dir) ? readVendoredRecord(place.recordFile) : undefined;
  return record && record.url === q.url ? { place: place!, record } : undefined;
}

/**
 * A git dependency's checkout for an install. While the lock is kept
 * (`locked`), the vendored copy of the locked commit comes first; a copy that
 * is there but differs from the lock is an error, not a fallback (Zirric
 * would load it as it is). The checked tree is put into the git cache (unless
 * the cache already holds the same tree), so the install copies from there
 * like any checkout. Otherwise `fetch()`, and a cairn-made copy of another
 * commit is reported through `onStale`.
 */
export function checkoutPreferringVendored(q: VendoredCheckoutQuery, locked: { commit: string; checksum: string } | undefined, fetch: () => GitCheckout): GitCheckout {
  const found = locked ? findVendored(q, locked.commit) : undefined;
  if (locked && found?.record.commit === locked.commit) {
    checkVendoredTree(found.place.dir, locked.checksum, found.record, `${found.record.package} ${found.record.version}`);
    const cached = checkoutDir(q.cacheRoot, q.url, locked.commit);
    const dir = existsSync(cached) && treeDigest(cached) === locked.checksum ? cached : adoptCheckout(q.cacheRoot, q.url, locked.commit, found.place.dir, NOT_TREE);
    return { url: q.url, commit: locked.commit, dir, checksum: locked.checksum, ...refOf(q.ref) };
  }
  const c = fetch();
  const other = found ?? findVendored(q, c.commit);
  if (other && other.record.commit !== c.commit) q.onStale?.(other.place.dir, other.record);
  return c;
}

export type GitLocked = LockedPackage & { source: Extract<LockSource, { kind: "git" }> };

/** The ref a lock source was resolved from, as fetchGit takes it. */
export const lockedRef = (s: GitLocked["source"]): GitRef => (s.ref ? { [s.refKind ?? "tag"]: s.ref } : {});

/**
 * The tree `cairn vendor` copies for a locked git package: the checkout in
 * the cache, else the copy vendored before (`previous`), else (online) a
 * fetch of the locked commit. The caller checks it against the lock.
 */
export function lockedGitTree(p: GitLocked, o: { cacheRoot: string; offline: boolean; previous?: VendoredGitPlace }): string {
  const { url, commit } = p.source;
  const cached = checkoutDir(o.cacheRoot, url, commit);
  if (existsSync(cached)) return cached;
  const prev = o.previous && readVendoredRecord(o.previous.recordFile);
  if (o.previous && prev?.url === url && prev.commit === commit) return o.previous.dir;
  return fetchGit({ cacheRoot: o.cacheRoot, url, ref: lockedRef(p.source), locked: commit, offline: o.offline }).dir;
}
