// A deterministic ustar writer: the caller's order, mtime 0, uid/gid 0, no
// user names, modes 0644/0755; paths over 100 bytes get a pax `path` record.
// Only regular files are written (directories are implied by their files).

export interface TarFile {
  path: string;
  data: Uint8Array;
  executable: boolean;
}

const BLOCK = 512;

function header(name: string, size: number, mode: number, flag: string): Buffer {
  const h = Buffer.alloc(BLOCK, 0);
  h.write(name, 0, 100, "utf8");
  h.write(mode.toString(8).padStart(7, "0") + "\0", 100, 8, "ascii");
  h.write("0000000\0", 108, 8, "ascii");
  h.write("0000000\0", 116, 8, "ascii");
  h.write(size.toString(8).padStart(11, "0") + "\0", 124, 12, "ascii");
  h.write("00000000000\0", 136, 12, "ascii");
  h.write("        ", 148, 8, "ascii");
  h.write(flag, 156, 1, "ascii");
  h.write("ustar\0", 257, 6, "ascii");
  h.write("00", 263, 2, "ascii");
  let sum = 0;
  for (const b of h) sum += b;
  h.write(sum.toString(8).padStart(6, "0") + "\0 ", 148, 8, "ascii");
  return h;
}

function padding(size: number): Buffer {
  return Buffer.alloc((BLOCK - (size % BLOCK)) % BLOCK);
}

function paxRecord(key: string, value: string): Buffer {
  // The length prefix counts itself, so grow it until it is stable.
  const body = ` ${key}=${value}\n`;
  let len = Buffer.byteLength(body) + 1;
  while (String(len).length + Buffer.byteLength(body) !== len) len = String(len).length + Buffer.byteLength(body);
  return Buffer.from(`${len}${body}`, "utf8");
}

export function writeTar(files: readonly TarFile[]): Buffer {
  const parts: Buffer[] = [];
  for (const f of files) {
    let name = f.path;
    if (Buffer.byteLength(name) > 100) {
      const rec = paxRecord("path", name);
      parts.push(header("PaxHeader", rec.length, 0o644, "x"), rec, padding(rec.length));
      name = "././@LongPath";
    }
    parts.push(header(name, f.data.length, f.executable ? 0o755 : 0o644, "0"), Buffer.from(f.data.buffer, f.data.byteOffset, f.data.byteLength), padding(f.data.length));
  }
  parts.push(Buffer.alloc(BLOCK * 2));
  return Buffer.concat(parts);
}
