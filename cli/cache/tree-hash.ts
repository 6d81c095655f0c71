// `tree1` hashes of cached trees (DESIGN.md §6, docs/LOCKFILE.md "tree1"),
// computed by the shared implementation in bindings/ (Wasm batch hashing or
// node:crypto, whichever is faster), so the cache, lock files and `verify`
// agree byte for byte.
import { treeHash } from "../../bindings/tree-hash.js";
import { treeHashDir } from "../../bindings/node/tree-dir.js";

export interface TreeFile {
  path: string;
  data: Uint8Array;
  executable: boolean;
}

/** tree1 of files held in memory (an archive's checked contents). */
export function treeHashOfFiles(files: readonly TreeFile[]): string {
  return treeOfFiles(files).digest;
}

/** tree1 and its manifest of files held in memory. */
export function treeOfFiles(files: readonly TreeFile[]): { digest: string; manifest: string } {
  return treeHash(files.map((f) => ({ path: f.path, kind: f.executable ? ("exec" as const) : ("file" as const), bytes: f.data })));
}

/** tree1 of a directory on disk (symlinks are hashed, never followed). */
export function treeHashOfDir(dir: string): string {
  return treeHashDir(dir).digest;
}
