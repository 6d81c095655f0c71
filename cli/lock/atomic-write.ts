// Lock files (and edited manifests) are replaced atomically: written to a temp
// file in the same directory, flushed, renamed over the old one. A crash leaves
// the old file or the new one, never half of each. Unchanged content is not
// rewritten, so mtimes and editors stay quiet.
import { mkdirSync, closeSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, writeSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { CairnError } from "../../bindings/errors.js";

export function readIfExists(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new CairnError("E_IO", `cannot read ${path}: ${(e as Error).message}`, { location: { file: path } });
  }
}

/** `durable: false` skips the fsync: still atomic against a killed process, not against power loss. */
export function writeFileAtomic(path: string, content: string | Uint8Array, opts: { durable?: boolean } = {}): void {
  const tmp = join(dirname(path), `.cairn-tmp-${process.pid}-${basename(path)}`);
  try {
    mkdirSync(dirname(path), { recursive: true });
    const fd = openSync(tmp, "w", 0o644);
    try {
      writeSync(fd, typeof content === "string" ? Buffer.from(content, "utf8") : content);
      if (opts.durable !== false) fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw new CairnError("E_IO", `cannot write ${path}: ${(e as Error).message}`, { location: { file: path } });
  }
}

/** Writes only when the content differs; returns whether the file changed. */
export function writeIfChanged(path: string, content: string): boolean {
  if (readIfExists(path) === content) return false;
  writeFileAtomic(path, content);
  return true;
}
