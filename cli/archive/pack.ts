// packDirectory(dir): a deterministic .tar.gz of a package directory, so the
// same sources always give the same sha256. Entries are the regular files,
// sorted by the UTF-8 bytes of their paths, with mtime 0, uid/gid 0 and modes
// 0644/0755 (any exec bit); no directories, no links. The result is read back
// through readArchive, so cairn never packs what it would refuse to unpack.
import { readdirSync, lstatSync, readFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { CairnError } from "../../bindings/errors.js";
import { writeTar, type TarFile } from "./tar-writer.js";
import { readArchive } from "./read-archive.js";
import { checksumOf } from "./checksum.js";
import type { ArchiveLimits } from "./limits.js";

/** Never packed: VCS metadata, dependency and build trees, local state. */
export const ALWAYS_EXCLUDED = new Set([".git", ".hg", ".svn", "node_modules", ".cairn", "target", "dist", ".DS_Store"]);

export interface PackOptions {
  /** Extra top-level-or-nested names or relative paths to leave out (a `.cairnignore` adds to these). */
  exclude?: string[];
  limits?: Partial<ArchiveLimits>;
}

export interface PackResult {
  bytes: Uint8Array;
  checksum: string;
  files: string[];
  unpackedSize: number;
}

const byUtf8 = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));

function ignoreList(dir: string, extra: string[]): Set<string> {
  const out = new Set(extra);
  const file = join(dir, ".cairnignore");
  if (existsSync(file)) {
    for (const line of readFileSync(file, "utf8").split(/\r?\n/)) {
      const t = line.trim().replace(/^\/+|\/+$/g, "");
      if (t && !t.startsWith("#")) out.add(t);
    }
  }
  return out;
}

export function packDirectory(dir: string, opts: PackOptions = {}): PackResult {
  const ignored = ignoreList(dir, opts.exclude ?? []);
  const files: TarFile[] = [];
  const walk = (abs: string, rel: string) => {
    let names: string[];
    try {
      names = readdirSync(abs);
    } catch (e) {
      throw new CairnError("E_IO", `cannot read \`${abs}\`: ${(e as Error).message}`);
    }
    for (const name of names) {
      const relPath = rel ? `${rel}/${name}` : name;
      if (ALWAYS_EXCLUDED.has(name) || ignored.has(name) || ignored.has(relPath)) continue;
      const full = join(abs, name);
      const st = lstatSync(full);
      if (st.isSymbolicLink()) {
        throw new CairnError("E_ARCHIVE_SYMLINK", `\`${relPath}\` is a symbolic link; package archives cannot contain links`, {
          location: { file: full },
          hint: "replace the link by a copy of its target, or list it in .cairnignore",
        });
      }
      if (st.isDirectory()) walk(full, relPath);
      else if (st.isFile()) files.push({ path: relPath, data: readFileSync(full), executable: (st.mode & 0o111) !== 0 });
      else throw new CairnError("E_ARCHIVE_ENTRY_TYPE", `\`${relPath}\` is not a regular file`, { location: { file: full } });
    }
  };
  walk(dir, "");
  files.sort((a, b) => byUtf8(a.path, b.path));
  // gzip with no name and mtime 0 in its header: byte-identical output for identical input.
  const bytes = gzipSync(writeTar(files), { level: 9 });
  readArchive(bytes, opts.limits);
  return {
    bytes,
    checksum: checksumOf(bytes),
    files: files.map((f) => f.path),
    unpackedSize: files.reduce((n, f) => n + f.data.length, 0),
  };
}
