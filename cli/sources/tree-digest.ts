// tree1 digests of directories on disk (DESIGN.md §6, docs/LOCKFILE.md): the
// checksum of path and git sources and of installed trees, in the CLI's entry
// shape (kind letter, hex, path). One implementation: the walking and hashing
// are bindings/node/tree-dir.ts (`treeHashDir`, SIMD-batched leaves), the
// manifest and root are bindings/tree-hash.ts; this file only adapts shapes.
import { treeHashDir } from "../../bindings/node/tree-dir.js";
import { diffTreeManifests, parseTreeManifest as parseManifest, treeFromLeaves, type TreeEntryKind } from "../../bindings/tree-hash.js";

export interface TreeEntry {
  kind: "f" | "x" | "l";
  hex: string;
  path: string;
}

/** Directory names never part of a source tree: VCS metadata. */
const SKIP = new Set([".git", ".hg", ".svn"]);

const KIND: Record<TreeEntryKind, TreeEntry["kind"]> = { file: "f", exec: "x", symlink: "l" };
const LEAF_KIND: Record<TreeEntry["kind"], TreeEntryKind> = { f: "file", x: "exec", l: "symlink" };

/** The manifest's entries, sorted by the UTF-8 bytes of the path; `skip` names are left out at the top. */
export function treeEntries(dir: string, skip: ReadonlySet<string> = SKIP): TreeEntry[] {
  return parseTreeManifest(treeHashDir(dir, { skip }).manifest);
}

const treeOf = (entries: TreeEntry[]) => treeFromLeaves(entries.map((e) => ({ path: e.path, kind: LEAF_KIND[e.kind], hex: e.hex })));

export const treeManifest = (entries: TreeEntry[]): string => treeOf(entries).manifest;

export function treeDigestOf(entries: TreeEntry[]): string {
  return treeOf(entries).digest;
}

export function treeDigest(dir: string, skip: ReadonlySet<string> = SKIP): string {
  return treeHashDir(dir, { skip }).digest;
}

/** Paths added, removed or changed between two manifests (for `verify`). */
export function diffTrees(expected: TreeEntry[], actual: TreeEntry[]): { added: string[]; removed: string[]; changed: string[] } {
  const d = diffTreeManifests(treeManifest(expected), treeManifest(actual));
  return { added: d.extra, removed: d.missing, changed: d.changed.map((c) => c.path) };
}

/** A stored manifest back into entries (a malformed line is E_SYNTAX). */
export function parseTreeManifest(text: string): TreeEntry[] {
  return [...parseManifest(text)].map(([path, e]) => ({ kind: KIND[e.kind], hex: e.hex, path }));
}
