// Path sources: a directory next to the project, used in place. The lock
// records the path as written (relative, so the lock does not depend on where
// the project lives) and the tree1 digest of the directory at lock time.
import { existsSync, statSync } from "node:fs";
import { isAbsolute, resolve } from "node:path";
import { CairnError } from "../../bindings/errors.js";
import { treeDigest } from "./tree-digest.js";

/** Directories inside a path dependency that are not its source: VCS data and install layouts. */
export const NOT_SOURCE = new Set([".git", ".hg", ".svn", ".cairn", ".ori", ".epsilon", ".zirric", "packages", "node_modules"]);

export interface PathSource {
  /** As written in the manifest, with `/` separators. */
  path: string;
  dir: string;
  checksum: string;
}

export function readPathSource(projectDir: string, written: string, where: { file: string; path: string }): PathSource {
  if (isAbsolute(written)) {
    throw new CairnError("E_INVALID_PATH", `path dependencies must be relative, not ${JSON.stringify(written)}`, { location: where, hint: "write the path relative to the manifest" });
  }
  const dir = resolve(projectDir, written);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new CairnError("E_INVALID_PATH", `${JSON.stringify(written)} is not a directory`, { location: where, hint: `expected a package at ${dir}` });
  }
  return { path: written.replace(/\\/g, "/"), dir, checksum: treeDigest(dir, NOT_SOURCE) };
}
