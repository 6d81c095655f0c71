// A strict reader for the tar subset package archives use: ustar (with the
// prefix field), pax `x` headers (path, size) and GNU long names. It yields
// raw entries and refuses anything ambiguous; path rules live in entry-path.ts.
import { CairnError } from "../../bindings/errors.js";
import type { ArchiveLimits } from "./limits.js";

export type RawEntryType = "file" | "dir" | "symlink" | "hardlink" | "other";

export interface RawEntry {
  name: string;
  type: RawEntryType;
  /** The tar type flag, for messages about "other" entries. */
  flag: string;
  mode: number;
  linkname: string;
  data: Uint8Array;
}

const BLOCK = 512;
const utf8 = new TextDecoder("utf-8", { fatal: true });

function corrupt(message: string): never {
  throw new CairnError("E_ARCHIVE_CORRUPT", message);
}

function cstring(b: Uint8Array, start: number, len: number): string {
  let end = start;
  while (end < start + len && b[end] !== 0) end++;
  try {
    return utf8.decode(b.subarray(start, end));
  } catch {
    return corrupt(`an entry name is not valid UTF-8 (header at byte ${start - (start % BLOCK)})`);
  }
}

function octal(b: Uint8Array, start: number, len: number, field: string): number {
  if (b[start]! & 0x80) corrupt(`the ${field} field uses base-256 encoding, which package archives may not`);
  const s = cstring(b, start, len).trim();
  if (s === "") return 0;
  if (!/^[0-7]+$/.test(s)) corrupt(`the ${field} field \`${s}\` is not an octal number`);
  return parseInt(s, 8);
}

function isZeroBlock(b: Uint8Array, at: number): boolean {
  for (let i = at; i < at + BLOCK; i++) if (b[i] !== 0) return false;
  return true;
}

function parsePax(data: Uint8Array): Map<string, string> {
  const out = new Map<string, string>();
  let at = 0;
  while (at < data.length) {
    let sp = at;
    while (sp < data.length && data[sp] !== 0x20) sp++;
    const len = Number(Buffer.from(data.subarray(at, sp)).toString("ascii"));
    if (!Number.isInteger(len) || len <= 0 || at + len > data.length) corrupt("a pax extended header record is malformed");
    let rec: string;
    try {
      rec = utf8.decode(data.subarray(sp + 1, at + len - 1));
    } catch {
      return corrupt("a pax extended header is not valid UTF-8");
    }
    const eq = rec.indexOf("=");
    if (eq < 0) corrupt("a pax extended header record has no `=`");
    out.set(rec.slice(0, eq), rec.slice(eq + 1));
    at += len;
  }
  return out;
}

/** The entries of an uncompressed tar, in archive order. */
export function readTar(tar: Uint8Array, limits: ArchiveLimits): RawEntry[] {
  const entries: RawEntry[] = [];
  let at = 0;
  let total = 0;
  let pax: Map<string, string> | undefined;
  let longName: string | undefined;
  let longLink: string | undefined;
  for (;;) {
    if (at + BLOCK > tar.length) corrupt("the tar stream ends without its end-of-archive marker");
    if (isZeroBlock(tar, at)) {
      // End of archive; anything but zero padding after it would be a second,
      // hidden reading of the stream.
      for (let i = at; i < tar.length; i++) if (tar[i] !== 0) corrupt("data follows the end-of-archive marker");
      break;
    }
    const h = tar.subarray(at, at + BLOCK);
    let sum = 0;
    for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : h[i]!;
    if (octal(h, 148, 8, "checksum") !== sum) corrupt(`a tar header checksum is wrong (header at byte ${at})`);
    const flag = String.fromCharCode(h[156]!);
    let size = octal(h, 124, 12, "size");
    const isMeta = flag === "x" || flag === "g" || flag === "L" || flag === "K";
    // A pax `size` describes the next real entry, never another extension header.
    if (!isMeta && pax?.has("size")) size = Number(pax.get("size"));
    if (!Number.isSafeInteger(size) || size < 0) corrupt("an entry size is invalid");
    const dataStart = at + BLOCK;
    if (dataStart + size > tar.length) corrupt("the tar stream is truncated inside an entry");
    const data = tar.subarray(dataStart, dataStart + size);
    at = dataStart + Math.ceil(size / BLOCK) * BLOCK;

    if (flag === "x") {
      pax = parsePax(data);
      continue;
    }
    if (flag === "g") continue; // global pax defaults carry no paths we honour
    if (flag === "L" || flag === "K") {
      const s = cstring(data, 0, data.length);
      if (flag === "L") longName = s;
      else longLink = s;
      continue;
    }

    const magic = Buffer.from(h.subarray(257, 263)).toString("latin1");
    let name = cstring(h, 0, 100);
    if (magic === "ustar\0") {
      const prefix = cstring(h, 345, 155);
      if (prefix) name = `${prefix}/${name}`;
    }
    if (longName !== undefined) name = longName;
    if (pax?.has("path")) name = pax.get("path")!;
    let linkname = cstring(h, 157, 100);
    if (longLink !== undefined) linkname = longLink;
    if (pax?.has("linkpath")) linkname = pax.get("linkpath")!;
    pax = undefined;
    longName = undefined;
    longLink = undefined;

    const type: RawEntryType =
      flag === "0" || flag === "\0" || flag === "7" ? (name.endsWith("/") && size === 0 && flag === "\0" ? "dir" : "file")
      : flag === "5" ? "dir"
      : flag === "2" ? "symlink"
      : flag === "1" ? "hardlink"
      : "other";
    if (type === "file") {
      if (size > limits.maxFileSize) {
        throw new CairnError("E_ARCHIVE_FILE_TOO_LARGE", `entry \`${name.slice(0, 200)}\` is ${size} bytes; the per-file limit is ${limits.maxFileSize}`, { location: { path: name.slice(0, 200) } });
      }
      total += size;
      if (total > limits.maxTotalSize) {
        throw new CairnError("E_ARCHIVE_TOO_LARGE", `the archive expands to more than ${limits.maxTotalSize} bytes`);
      }
    }
    entries.push({ name, type, flag, mode: octal(h, 100, 8, "mode"), linkname, data });
    if (entries.length > limits.maxFiles) {
      throw new CairnError("E_ARCHIVE_TOO_MANY_FILES", `the archive has more than ${limits.maxFiles} entries`);
    }
  }
  return entries;
}
