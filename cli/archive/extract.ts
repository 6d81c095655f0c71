// extractArchive(bytes, expectedChecksum, destDir, limits): the only way cairn
// unpacks a package. Order matters: verify the sha256 of the bytes, check every
// entry (read-archive.ts), write into a fresh temp directory beside destDir,
// then rename it into place. A failure at any step leaves nothing on disk.
import { mkdirSync, writeFileSync, renameSync, rmSync, existsSync } from "node:fs";
import { dirname, join, basename } from "node:path";
import { randomBytes } from "node:crypto";
import { CairnError } from "../../bindings/errors.js";
import { verifyChecksum } from "./checksum.js";
import { readArchive, type ArchiveContents } from "./read-archive.js";
import type { ArchiveLimits } from "./limits.js";

export interface ExtractOptions {
  /** What to do when destDir already exists: keep it (content-addressed caches), replace it, or fail. */
  ifExists?: "keep" | "replace" | "error";
  /** For messages: "greet 1.1.0". */
  what?: string;
}

export interface ExtractResult {
  dir: string;
  files: number;
  bytes: number;
  /** The checked entries, for callers that hash or list them without reading the disk. */
  contents: ArchiveContents;
  /** false when destDir already existed and was kept. */
  written: boolean;
}

function tempSibling(dest: string, tag: string): string {
  return join(dirname(dest), `.${basename(dest)}.${tag}-${process.pid}-${randomBytes(4).toString("hex")}`);
}

/** Writes checked contents under `root` (which must not exist yet). */
export function writeContents(contents: ArchiveContents, root: string): void {
  mkdirSync(root, { recursive: false, mode: 0o755 });
  for (const d of contents.dirs) mkdirSync(join(root, d), { recursive: true, mode: 0o755 });
  for (const f of contents.files) {
    mkdirSync(join(root, dirname(f.path)), { recursive: true, mode: 0o755 });
    // `wx`: never follow or overwrite anything already there; modes go through the umask.
    writeFileSync(join(root, f.path), f.data, { flag: "wx", mode: f.executable ? 0o755 : 0o644 });
  }
}

export function extractArchive(bytes: Uint8Array, expectedChecksum: string, destDir: string, limits: Partial<ArchiveLimits> = {}, opts: ExtractOptions = {}): ExtractResult {
  verifyChecksum(bytes, expectedChecksum, opts.what ?? basename(destDir));
  const contents = readArchive(bytes, limits);
  const ifExists = opts.ifExists ?? "replace";
  const summary = { dir: destDir, files: contents.files.length, bytes: contents.files.reduce((n, f) => n + f.data.length, 0), contents };
  if (existsSync(destDir)) {
    if (ifExists === "keep") return { ...summary, written: false };
    if (ifExists === "error") throw new CairnError("E_IO", `\`${destDir}\` already exists`);
  }
  mkdirSync(dirname(destDir), { recursive: true });
  const tmp = tempSibling(destDir, "extract");
  try {
    writeContents(contents, tmp);
    if (existsSync(destDir) && ifExists === "replace") {
      const old = tempSibling(destDir, "old");
      renameSync(destDir, old);
      renameSync(tmp, destDir);
      rmSync(old, { recursive: true, force: true });
    } else {
      try {
        renameSync(tmp, destDir);
      } catch (e) {
        // Another process finished the same content-addressed tree first.
        if (ifExists === "keep" && existsSync(destDir)) {
          rmSync(tmp, { recursive: true, force: true });
          return { ...summary, written: false };
        }
        throw e;
      }
    }
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    if (e instanceof CairnError) throw e;
    throw new CairnError("E_IO", `could not extract into \`${destDir}\`: ${(e as Error).message}`, { cause: e });
  }
  return { ...summary, written: true };
}
