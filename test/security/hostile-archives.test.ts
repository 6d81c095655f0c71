// The hostile-input matrix (notes/ux-and-protocols.md §3b) for archives: each
// case is built here, handed to extractArchive, and must be refused with its
// own error code — and leave nothing at all on disk.
import { describe, it, expect, beforeEach, afterEach } from "vitest";
import { mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { extractArchive } from "../../cli/archive/extract.js";
import { checksumOf } from "../../cli/archive/checksum.js";
import { CairnError, type ErrorCode } from "../../bindings/errors.js";
import type { ArchiveLimits } from "../../cli/archive/limits.js";
import { tar, tgz, paxRecord, type FixtureEntry } from "./tar-fixtures.js";

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "cairn-hostile-"));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

function refuses(bytes: Uint8Array, code: ErrorCode, limits: Partial<ArchiveLimits> = {}, checksum = checksumOf(bytes)): CairnError {
  let caught: unknown;
  try {
    extractArchive(bytes, checksum, join(root, "pkg"), limits);
  } catch (e) {
    caught = e;
  }
  expect(caught, `expected ${code}`).toBeInstanceOf(CairnError);
  expect((caught as CairnError).code).toBe(code);
  expect(readdirSync(root), "nothing may be left on disk").toEqual([]);
  return caught as CairnError;
}

const file = (name: string, data = "x"): FixtureEntry => ({ name, data });

describe("hostile archives are refused, each with its own code, leaving nothing behind", () => {
  it("accepts a well-formed archive (the control case)", () => {
    const bytes = tgz([{ name: "src/", type: "5" }, file("src/lib.cn", "hi\n"), { name: "bin/run", data: "#!/bin/sh\n", mode: 0o4777 }]);
    const r = extractArchive(bytes, checksumOf(bytes), join(root, "pkg"));
    expect(r.files).toBe(2);
    // Only one exec bit survives: setuid and world-writable bits are dropped.
    expect(statSync(join(root, "pkg/bin/run")).mode & 0o7777).toBe(0o755 & ~process.umask());
    expect(statSync(join(root, "pkg/src/lib.cn")).mode & 0o7777).toBe(0o644 & ~process.umask());
    expect(readdirSync(root)).toEqual(["pkg"]);
  });

  it("1 checksum mismatch: verified before anything is unpacked", () => {
    const bytes = tgz([file("a.txt")]);
    const e = refuses(bytes, "E_CHECKSUM_MISMATCH", {}, `sha256:${"0".repeat(64)}`);
    expect(e.message).toContain(`expected: sha256:${"0".repeat(64)}`);
    expect(e.message).toContain(`actual:   ${checksumOf(bytes)}`);
  });

  it("2 `..` traversal, in plain, nested and backslash form", () => {
    refuses(tgz([file("../evil")]), "E_ARCHIVE_PATH_TRAVERSAL");
    refuses(tgz([file("a/../../evil")]), "E_ARCHIVE_PATH_TRAVERSAL");
    refuses(tgz([file("a\\..\\..\\evil")]), "E_ARCHIVE_PATH_TRAVERSAL");
  });

  it("3 traversal hidden in a pax `path` record or a GNU long name (parser differentials)", () => {
    refuses(tgz([{ name: "PaxHeader", type: "x", data: paxRecord("path", "../../evil") }, file("innocent.txt")]), "E_ARCHIVE_PATH_TRAVERSAL");
    refuses(tgz([{ name: "././@LongLink", type: "L", data: "../evil\0" }, file("innocent.txt")]), "E_ARCHIVE_PATH_TRAVERSAL");
  });

  it("4 absolute and UNC paths", () => {
    refuses(tgz([file("/etc/passwd")]), "E_ARCHIVE_ABSOLUTE_PATH");
    refuses(tgz([file("//server/share/x")]), "E_ARCHIVE_ABSOLUTE_PATH");
    refuses(tgz([file("\\\\server\\share\\x")]), "E_ARCHIVE_ABSOLUTE_PATH");
  });

  it("5 drive letters", () => {
    refuses(tgz([file("C:/Windows/x")]), "E_ARCHIVE_DRIVE_LETTER");
    refuses(tgz([file("c:..\\x")]), "E_ARCHIVE_DRIVE_LETTER");
  });

  it("6 symbolic links (even harmless-looking ones)", () => {
    refuses(tgz([{ name: "link", type: "2", linkname: "/etc" }, file("link/passwd")]), "E_ARCHIVE_SYMLINK");
    refuses(tgz([{ name: "ok", type: "2", linkname: "a.txt" }, file("a.txt")]), "E_ARCHIVE_SYMLINK");
  });

  it("7 hard links", () => {
    refuses(tgz([file("a.txt"), { name: "b.txt", type: "1", linkname: "a.txt" }]), "E_ARCHIVE_HARDLINK");
  });

  it("8 devices and FIFOs", () => {
    refuses(tgz([{ name: "dev", type: "3" }]), "E_ARCHIVE_ENTRY_TYPE");
    refuses(tgz([{ name: "fifo", type: "6" }]), "E_ARCHIVE_ENTRY_TYPE");
  });

  it("9 duplicate entries, and one path as both file and directory", () => {
    refuses(tgz([file("a.txt", "one"), file("a.txt", "two")]), "E_ARCHIVE_DUPLICATE_ENTRY");
    refuses(tgz([file("./a.txt"), file("a.txt")]), "E_ARCHIVE_DUPLICATE_ENTRY");
    refuses(tgz([file("a"), file("a/b")]), "E_ARCHIVE_DUPLICATE_ENTRY");
  });

  it("10 case-fold collisions, of files and of directories", () => {
    refuses(tgz([file("README.md"), file("readme.md")]), "E_ARCHIVE_CASE_COLLISION");
    refuses(tgz([file("Src/a"), file("src/b")]), "E_ARCHIVE_CASE_COLLISION");
    refuses(tgz([file("straße"), file("STRASSE")]), "E_ARCHIVE_CASE_COLLISION");
  });

  it("11 Unicode normalization collisions", () => {
    refuses(tgz([file("caf\u00e9.txt"), file("cafe\u0301.txt")]), "E_ARCHIVE_UNICODE_COLLISION");
  });

  it("12 Windows reserved names, trailing dots and spaces, forbidden characters", () => {
    refuses(tgz([file("CON")]), "E_ARCHIVE_RESERVED_NAME");
    refuses(tgz([file("src/nul.txt")]), "E_ARCHIVE_RESERVED_NAME");
    refuses(tgz([file("lpt1")]), "E_ARCHIVE_RESERVED_NAME");
    refuses(tgz([file("name.")]), "E_ARCHIVE_RESERVED_NAME");
    refuses(tgz([file("name ")]), "E_ARCHIVE_RESERVED_NAME");
    refuses(tgz([file("a<b>.txt")]), "E_ARCHIVE_RESERVED_NAME");
  });

  it("13 control characters", () => {
    const e = refuses(tgz([file("a\u001b[31mred")]), "E_ARCHIVE_CONTROL_CHAR");
    expect(e.message).toContain("\\x1b"); // shown escaped, never raw
    refuses(tgz([file("line\nbreak")]), "E_ARCHIVE_CONTROL_CHAR");
    refuses(tgz([file("c1\u0085")]), "E_ARCHIVE_CONTROL_CHAR");
  });

  it("14 total expanded size over the cap", () => {
    refuses(tgz([file("a", "x".repeat(600)), file("b", "x".repeat(600))]), "E_ARCHIVE_TOO_LARGE", { maxTotalSize: 1000 });
  });

  it("15 a decompression bomb stops at the cap instead of filling memory", () => {
    const bomb = gzipSync(tar([{ name: "zeros", data: new Uint8Array(64 * 1024 * 1024) }]));
    expect(bomb.length).toBeLessThan(200_000);
    refuses(bomb, "E_ARCHIVE_TOO_LARGE", { maxTotalSize: 1024 * 1024, maxFiles: 10 });
  });

  it("16 compressed size over the cap", () => {
    refuses(tgz([file("a", "x".repeat(5000))]), "E_ARCHIVE_TOO_LARGE", { maxArchiveSize: 50 });
  });

  it("17 one file over the per-file cap", () => {
    refuses(tgz([file("big", "x".repeat(2000))]), "E_ARCHIVE_FILE_TOO_LARGE", { maxFileSize: 1000 });
  });

  it("18 too many entries", () => {
    refuses(tgz(Array.from({ length: 11 }, (_, i) => file(`f${i}`))), "E_ARCHIVE_TOO_MANY_FILES", { maxFiles: 10 });
  });

  it("19 nesting deeper than the cap", () => {
    refuses(tgz([file(`${"d/".repeat(40)}x`)]), "E_ARCHIVE_TOO_DEEP");
  });

  it("20 a path longer than the cap", () => {
    refuses(tgz([{ name: "PaxHeader", type: "x", data: paxRecord("path", `${"a".repeat(2000)}`) }, file("x")]), "E_ARCHIVE_PATH_TOO_LONG");
  });

  it("21 malformed streams: not gzip, truncated, bad header checksum, data after the end marker", () => {
    refuses(Buffer.from("not a gzip stream"), "E_ARCHIVE_CORRUPT");
    refuses(gzipSync(tar([{ name: "a", data: "x".repeat(100), size: 4096 }], { end: false })), "E_ARCHIVE_CORRUPT");
    const t = tar([file("a")]);
    t[0] = "b".charCodeAt(0); // name changed after the header checksum was computed
    refuses(gzipSync(t), "E_ARCHIVE_CORRUPT");
    refuses(gzipSync(Buffer.concat([tar([file("a")]), tar([file("hidden")], { end: false })])), "E_ARCHIVE_CORRUPT");
    refuses(tgz([file("bad\u00ff")]).subarray(0, 10), "E_ARCHIVE_CORRUPT");
  });
});
