// tree1 digests of directories on disk (DESIGN.md §6, docs/LOCKFILE.md): the
// checksum of path and git sources and of installed trees. Returns the
// manifest lines too, so `verify` can name the files that differ.
import { createHash } from "node:crypto";
import { lstatSync, readdirSync, readFileSync, readlinkSync } from "node:fs";
import { join } from "node:path";
import { CairnError } from "../../bindings/errors.js";

export interface TreeEntry {
  kind: "f" | "x" | "l";
  hex: string;
  path: string;
}

/** Directory names never part of a source tree: VCS metadata and cairn's own install state. */
const SKIP = new Set([".git", ".hg", ".svn"]);

export function treeEntries(dir: string, skip: ReadonlySet<string> = SKIP): TreeEntry[] {
  const out: TreeEntry[] = [];
  const walk = (abs: string, rel: string) => {
    for (const name of readdirSync(abs)) {
      if (rel === "" && skip.has(name)) continue;
      const a = join(abs, name);
      const r = rel ? `${rel}/${name}` : name;
      const st = lstatSync(a);
      if (st.isDirectory()) walk(a, r);
      else if (st.isSymbolicLink()) out.push({ kind: "l", hex: createHash("sha256").update(readlinkSync(a, { encoding: "buffer" })).digest("hex"), path: r });
      else if (st.isFile()) out.push({ kind: st.mode & 0o111 ? "x" : "f", hex: createHash("sha256").update(readFileSync(a)).digest("hex"), path: r });
      else throw new CairnError("E_IO", `${a} is neither a file, a directory nor a symlink; trees may not contain it`, { location: { file: a } });
    }
  };
  walk(dir, "");
  // sorted by UTF-8 bytes, not UTF-16 code units
  return out.sort((a, b) => Buffer.compare(Buffer.from(a.path), Buffer.from(b.path)));
}

export const treeManifest = (entries: TreeEntry[]) => entries.map((e) => `${e.kind} ${e.hex} ${e.path}\n`).join("");

export function treeDigestOf(entries: TreeEntry[]): string {
  return `tree1-${createHash("sha256").update(treeManifest(entries)).digest("base64")}`;
}

export function treeDigest(dir: string, skip?: ReadonlySet<string>): string {
  return treeDigestOf(treeEntries(dir, skip));
}

/** Paths added, removed or changed between two manifests (for `verify`). */
export function diffTrees(expected: TreeEntry[], actual: TreeEntry[]): { added: string[]; removed: string[]; changed: string[] } {
  const e = new Map(expected.map((x) => [x.path, x]));
  const a = new Map(actual.map((x) => [x.path, x]));
  const added = [...a.keys()].filter((p) => !e.has(p));
  const removed = [...e.keys()].filter((p) => !a.has(p));
  const changed = [...a.keys()].filter((p) => e.has(p) && (e.get(p)!.hex !== a.get(p)!.hex || e.get(p)!.kind !== a.get(p)!.kind));
  return { added, removed, changed };
}

export function parseTreeManifest(text: string): TreeEntry[] {
  return text
    .split("\n")
    .filter(Boolean)
    .map((l) => ({ kind: l[0] as TreeEntry["kind"], hex: l.slice(2, 66), path: l.slice(67) }));
}
