// tree1 of a directory on disk (Node only). Walks without following
// symlinks: regular files (exec bit from the mode) and symlinks (their
// target string) are entries, directories only contribute paths, so empty
// directories do not count; anything else is E_UNSUPPORTED_FILE_TYPE.
// Files are read and hashed in groups so memory stays bounded, and a large
// file is streamed instead of read whole.
import { closeSync, lstatSync, openSync, readdirSync, readFileSync, readlinkSync, readSync, statSync } from "node:fs";
import { CairnError } from "../errors.js";
import { hashEngineSync, toHex, type HashEngine } from "../hash.js";
import { treeFromLeaves, type TreeHash, type TreeLeaf, type TreeEntryKind } from "../tree-hash.js";

export interface TreeHashDirOptions {
  engine?: HashEngine;
  /** Read at most this many bytes before hashing a group (default 32 MiB). */
  groupBytes?: number;
  /** Files at least this big are streamed in chunks (default 16 MiB). */
  streamFrom?: number;
  /** Names left out at the top of the tree only (VCS metadata, install layouts); default none. */
  skip?: ReadonlySet<string>;
}

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

function ioError(e: unknown, file: string, what: string): CairnError {
  const err = e as NodeJS.ErrnoException;
  return new CairnError("E_IO", `cannot ${what}: ${err.code ?? ""} ${err.message ?? String(e)}`.trim(), { location: { file }, cause: e });
}

function nameOf(raw: Buffer, dir: string): string {
  try {
    return strictUtf8.decode(raw);
  } catch {
    throw new CairnError("E_INVALID_PATH", `a file name in ${dir} is not valid UTF-8 (bytes ${raw.toString("hex")})`, {
      location: { file: dir },
      hint: "tree1 paths are UTF-8; rename the file",
    });
  }
}

/** tree1 of the directory `dir` (see docs/LOCKFILE.md "tree1"). */
export function treeHashDir(dir: string, opts: TreeHashDirOptions = {}): TreeHash {
  const engine = opts.engine ?? hashEngineSync("auto");
  const groupBytes = opts.groupBytes ?? 32 << 20;
  const streamFrom = opts.streamFrom ?? 16 << 20;
  const skip = opts.skip;
  let st;
  try {
    st = statSync(dir);
  } catch (e) {
    throw ioError(e, dir, "read the directory");
  }
  if (!st.isDirectory()) throw new CairnError("E_IO", "not a directory", { location: { file: dir } });

  const leaves: TreeLeaf[] = [];
  let group: { path: string; kind: TreeEntryKind; bytes: Uint8Array }[] = [];
  let groupSize = 0;
  const flush = () => {
    if (group.length === 0) return;
    const digests = engine.sha256Many(group.map((g) => g.bytes));
    group.forEach((g, i) => leaves.push({ path: g.path, kind: g.kind, hex: toHex(digests[i]) }));
    group = [];
    groupSize = 0;
  };

  const walk = (abs: string, rel: string) => {
    let names: Buffer[];
    try {
      names = readdirSync(abs, { encoding: "buffer" });
    } catch (e) {
      throw ioError(e, abs, "list the directory");
    }
    for (const raw of names) {
      const name = nameOf(raw, abs);
      if (rel === "" && skip?.has(name)) continue;
      const full = `${abs}/${name}`;
      const path = rel ? `${rel}/${name}` : name;
      let s;
      try {
        s = lstatSync(full);
      } catch (e) {
        throw ioError(e, full, "stat");
      }
      if (s.isDirectory()) {
        walk(full, path);
      } else if (s.isSymbolicLink()) {
        let target: string;
        try {
          target = readlinkSync(full);
        } catch (e) {
          throw ioError(e, full, "read the link");
        }
        group.push({ path, kind: "symlink", bytes: new TextEncoder().encode(target) });
      } else if (s.isFile()) {
        const kind: TreeEntryKind = (s.mode & 0o111) !== 0 ? "exec" : "file";
        if (s.size >= streamFrom) {
          leaves.push({ path, kind, hex: toHex(streamFile(full, engine)) });
          continue;
        }
        let bytes: Uint8Array;
        try {
          bytes = readFileSync(full);
        } catch (e) {
          throw ioError(e, full, "read the file");
        }
        group.push({ path, kind, bytes });
        groupSize += bytes.length;
        if (groupSize >= groupBytes) flush();
      } else {
        const what = s.isFIFO() ? "a FIFO" : s.isSocket() ? "a socket" : s.isBlockDevice() || s.isCharacterDevice() ? "a device" : "not a regular file";
        throw new CairnError("E_UNSUPPORTED_FILE_TYPE", `${path} is ${what}`, { location: { file: full } });
      }
    }
  };
  walk(dir, "");
  flush();
  return treeFromLeaves(leaves, { engine });
}

function streamFile(file: string, engine: HashEngine): Uint8Array {
  const h = engine.createSha256();
  const buf = new Uint8Array(1 << 20);
  let fd: number | undefined;
  try {
    fd = openSync(file, "r");
    for (;;) {
      const n = readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      h.update(buf.subarray(0, n));
    }
  } catch (e) {
    throw ioError(e, file, "read the file");
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
  return h.digest();
}
