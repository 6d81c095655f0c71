// Stat fingerprints of installed trees, so `cairn install` can tell that an
// install is still exactly what it wrote without re-hashing every file
// (`cairn verify` still re-hashes). A stamp covers each entry's path, kind,
// size, mode, inode and mtime. Its weak spot is git's "racy" file: a change
// within one timestamp tick of the recorded mtime, size unchanged. So the
// files an install copies are given an mtime SETTLE_MS in the past, and a
// stamp whose newest mtime is not that much older than the stamp itself is
// never trusted (that tree is re-hashed instead).
import { createHash } from "node:crypto";
import { lstatSync, readdirSync, utimesSync } from "node:fs";
import { join } from "node:path";

/** Far beyond any file system's timestamp granularity (FAT: 2 s). */
export const SETTLE_MS = 3000;

export interface TreeStamp {
  /** sha256 (hex) of the entries' stat lines. */
  digest: string;
  /** When the stamp was taken (ms since the epoch). */
  at: number;
  /** The newest mtime among the entries (ms). */
  newest: number;
}

function entries(dir: string): { lines: string[]; newest: number } {
  const lines: string[] = [];
  let newest = 0;
  const walk = (abs: string, rel: string) => {
    for (const name of readdirSync(abs).sort()) {
      const a = join(abs, name);
      const r = rel ? `${rel}/${name}` : name;
      const st = lstatSync(a, { bigint: true });
      if (st.isDirectory()) {
        lines.push(`d ${r}`);
        walk(a, r);
        continue;
      }
      const ms = Number(st.mtimeNs / 1_000_000n);
      if (ms > newest) newest = ms;
      lines.push(`${st.isFile() ? "f" : st.isSymbolicLink() ? "l" : "?"} ${st.size} ${st.mode} ${st.ino} ${st.mtimeNs} ${r}`);
    }
  };
  walk(dir, "");
  return { lines, newest };
}

const digestOf = (lines: string[]) => createHash("sha256").update(lines.join("\n")).digest("hex");

/** Sets the mtime of every regular file under `dir` to a whole second more than SETTLE_MS in the past: for trees the install just copied. */
export function backdate(dir: string): void {
  const t = Math.floor((Date.now() - SETTLE_MS) / 1000) - 1;
  const walk = (abs: string) => {
    for (const e of readdirSync(abs, { withFileTypes: true })) {
      const a = join(abs, e.name);
      if (e.isDirectory()) walk(a);
      else if (e.isFile()) utimesSync(a, t, t);
    }
  };
  walk(dir);
}

export function stampTree(dir: string): TreeStamp {
  const { lines, newest } = entries(dir);
  return { digest: digestOf(lines), at: Date.now(), newest };
}

/** Whether `dir` is unchanged since `stamp` was taken, as far as stat can tell; false when the stamp cannot be trusted. */
export function stampHolds(dir: string, stamp: TreeStamp): boolean {
  if (!(stamp.newest < stamp.at - SETTLE_MS)) return false;
  try {
    return digestOf(entries(dir).lines) === stamp.digest;
  } catch {
    return false; // gone or unreadable: the full check says what is wrong
  }
}
