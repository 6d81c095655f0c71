// readArchive: a .tar.gz in, the checked list of files and directories out.
// Every hostile-input rule runs here, before anything touches the disk, so
// publish (server) and install (client) refuse exactly the same archives.
import { gunzipSync } from "node:zlib";
import { CairnError } from "../../bindings/errors.js";
import { readTar } from "./tar-reader.js";
import { checkEntryPath, PathSet, printable } from "./entry-path.js";
import { withDefaults, type ArchiveLimits } from "./limits.js";

export interface ArchiveFile {
  path: string;
  data: Uint8Array;
  /** Any exec bit in the archive; every other mode bit is ignored. */
  executable: boolean;
}

export interface ArchiveContents {
  files: ArchiveFile[];
  /** Directories listed explicitly (possibly empty). */
  dirs: string[];
}

export function gunzipCapped(gz: Uint8Array, limits: ArchiveLimits): Uint8Array {
  if (gz.length > limits.maxArchiveSize) {
    throw new CairnError("E_ARCHIVE_TOO_LARGE", `the archive is ${gz.length} bytes; the limit is ${limits.maxArchiveSize}`);
  }
  if (gz.length < 2 || gz[0] !== 0x1f || gz[1] !== 0x8b) throw new CairnError("E_ARCHIVE_CORRUPT", "the archive is not gzip-compressed");
  // Headers and padding can add at most ~3 blocks per entry on top of the data.
  const cap = limits.maxTotalSize + (limits.maxFiles + 2) * 1536;
  try {
    return gunzipSync(gz, { maxOutputLength: cap });
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code === "ERR_BUFFER_TOO_LARGE" || err instanceof RangeError) {
      throw new CairnError("E_ARCHIVE_TOO_LARGE", `the archive expands to more than ${cap} bytes (a decompression bomb?)`);
    }
    throw new CairnError("E_ARCHIVE_CORRUPT", `the gzip stream is damaged: ${err.message}`);
  }
}

export function readArchive(gz: Uint8Array, partialLimits: Partial<ArchiveLimits> = {}): ArchiveContents {
  const limits = withDefaults(partialLimits);
  const tar = gunzipCapped(gz, limits);
  const files: ArchiveFile[] = [];
  const dirs: string[] = [];
  const paths = new PathSet();
  for (const e of readTar(tar, limits)) {
    const shown = printable(e.name);
    if (e.type === "symlink") {
      throw new CairnError("E_ARCHIVE_SYMLINK", `entry \`${shown}\` is a symbolic link (to \`${printable(e.linkname)}\`)`, { location: { path: shown } });
    }
    if (e.type === "hardlink") {
      throw new CairnError("E_ARCHIVE_HARDLINK", `entry \`${shown}\` is a hard link (to \`${printable(e.linkname)}\`)`, { location: { path: shown } });
    }
    if (e.type === "other") {
      throw new CairnError("E_ARCHIVE_ENTRY_TYPE", `entry \`${shown}\` has tar type \`${printable(e.flag)}\` (device, FIFO or unknown)`, { location: { path: shown } });
    }
    const path = checkEntryPath(e.name, limits);
    if (path === "") {
      if (e.type === "dir") continue; // `./` itself
      throw new CairnError("E_ARCHIVE_CORRUPT", "a file entry has an empty name");
    }
    paths.add(path, e.type);
    if (e.type === "dir") dirs.push(path);
    else files.push({ path, data: e.data, executable: (e.mode & 0o111) !== 0 });
  }
  return { files, dirs };
}
