// Builds hostile tar archives byte by byte, so each test states exactly what
// the attacker controls: names, type flags, link targets, pax and GNU records.
import { gzipSync } from "node:zlib";

export interface FixtureEntry {
  name: string;
  type?: "0" | "1" | "2" | "3" | "4" | "5" | "6" | "x" | "L";
  data?: string | Uint8Array;
  mode?: number;
  linkname?: string;
  /** Declared size (defaults to the data length) — lie about it to test truncation. */
  size?: number;
}

function header(e: FixtureEntry, size: number): Buffer {
  const h = Buffer.alloc(512, 0);
  Buffer.from(e.name, "utf8").copy(h, 0, 0, 100);
  h.write(((e.mode ?? 0o644) & 0o7777).toString(8).padStart(7, "0") + "\0", 100, 8, "ascii");
  h.write("0000000\0", 108, 8, "ascii");
  h.write("0000000\0", 116, 8, "ascii");
  h.write(size.toString(8).padStart(11, "0") + "\0", 124, 12, "ascii");
  h.write("00000000000\0", 136, 12, "ascii");
  h.write("        ", 148, 8, "ascii");
  h.write(e.type ?? "0", 156, 1, "ascii");
  if (e.linkname) Buffer.from(e.linkname, "utf8").copy(h, 157, 0, 100);
  h.write("ustar\0", 257, 6, "ascii");
  h.write("00", 263, 2, "ascii");
  let sum = 0;
  for (const b of h) sum += b;
  h.write(sum.toString(8).padStart(6, "0") + "\0 ", 148, 8, "ascii");
  return h;
}

export function tar(entries: FixtureEntry[], opts: { end?: boolean } = {}): Buffer {
  const parts: Buffer[] = [];
  for (const e of entries) {
    const data = typeof e.data === "string" ? Buffer.from(e.data, "utf8") : Buffer.from(e.data ?? new Uint8Array());
    parts.push(header(e, e.size ?? data.length), data, Buffer.alloc((512 - (data.length % 512)) % 512));
  }
  if (opts.end !== false) parts.push(Buffer.alloc(1024));
  return Buffer.concat(parts);
}

export function tgz(entries: FixtureEntry[], opts: { end?: boolean } = {}): Buffer {
  return gzipSync(tar(entries, opts));
}

export function paxRecord(key: string, value: string): string {
  const body = ` ${key}=${value}\n`;
  let len = Buffer.byteLength(body) + 2;
  while (String(len).length + Buffer.byteLength(body) !== len) len = String(len).length + Buffer.byteLength(body);
  return `${len}${body}`;
}
