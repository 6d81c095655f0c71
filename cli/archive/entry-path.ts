// Validation of one archive entry path, and of the set of paths an archive
// holds. Every rule here comes from a real CVE (notes/ux-and-protocols.md §3b):
// paths are rejected, never "sanitised", and each case has its own code.
import { CairnError, type ErrorCode } from "../../bindings/errors.js";
import type { ArchiveLimits } from "./limits.js";

const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)$/i;
const WINDOWS_FORBIDDEN_CHARS = /[<>:"|?*]/;
// C0, DEL and C1 controls: they hide paths in terminals and break tools.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

function refuse(code: ErrorCode, message: string, entry: string): never {
  throw new CairnError(code, message, { location: { path: printable(entry) } });
}

/** An entry name safe to print: controls shown as \xNN. */
export function printable(s: string): string {
  return s.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`);
}

/**
 * The normalized relative path of an entry (`/`-separated, no `.` or empty
 * components), or "" for the root directory itself. Throws a CairnError with
 * the code of the first rule the raw name breaks.
 */
export function checkEntryPath(raw: string, limits: ArchiveLimits): string {
  if (CONTROL.test(raw)) refuse("E_ARCHIVE_CONTROL_CHAR", `entry \`${printable(raw)}\` contains a control character`, raw);
  if (Buffer.byteLength(raw) > limits.maxPathLength) {
    refuse("E_ARCHIVE_PATH_TOO_LONG", `entry path is ${Buffer.byteLength(raw)} bytes; the limit is ${limits.maxPathLength}`, raw.slice(0, 60) + "…");
  }
  // `\` is a separator on Windows: check the path as Windows would see it (the node-tar fix).
  const p = raw.replace(/\\/g, "/");
  if (p.startsWith("/")) refuse("E_ARCHIVE_ABSOLUTE_PATH", `entry \`${raw}\` is an absolute path`, raw);
  if (/^[A-Za-z]:/.test(p)) refuse("E_ARCHIVE_DRIVE_LETTER", `entry \`${raw}\` starts with a drive letter`, raw);
  const parts: string[] = [];
  for (const part of p.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") refuse("E_ARCHIVE_PATH_TRAVERSAL", `entry \`${raw}\` climbs out of the package with \`..\``, raw);
    const stem = part.split(".")[0]!.replace(/ +$/, "");
    if (WINDOWS_RESERVED.test(stem)) refuse("E_ARCHIVE_RESERVED_NAME", `entry \`${raw}\` uses \`${part}\`, a name Windows reserves`, raw);
    if (/[. ]$/.test(part)) refuse("E_ARCHIVE_RESERVED_NAME", `entry \`${raw}\` has a component ending in a dot or space, which Windows cannot store`, raw);
    if (WINDOWS_FORBIDDEN_CHARS.test(part)) refuse("E_ARCHIVE_RESERVED_NAME", `entry \`${raw}\` contains one of <>:"|?*, which Windows cannot store`, raw);
    parts.push(part);
  }
  if (parts.length > limits.maxDepth) refuse("E_ARCHIVE_TOO_DEEP", `entry \`${raw.slice(0, 80)}\` is ${parts.length} levels deep; the limit is ${limits.maxDepth}`, raw.slice(0, 80));
  return parts.join("/");
}

type Kind = "file" | "dir";

/**
 * The paths of one archive, for duplicate and collision checks. Parent
 * directories count as paths too: `A/x` and `a/y` collide on macOS.
 */
export class PathSet {
  private readonly seen = new Map<string, { kind: Kind; explicit: boolean }>();
  private readonly byNfc = new Map<string, string>();
  private readonly byFold = new Map<string, string>();

  add(path: string, kind: Kind): void {
    const parts = path.split("/");
    for (let i = 1; i < parts.length; i++) this.register(parts.slice(0, i).join("/"), "dir", false);
    this.register(path, kind, true);
  }

  private register(path: string, kind: Kind, explicit: boolean): void {
    const prior = this.seen.get(path);
    if (prior) {
      if (prior.kind !== kind) refuse("E_ARCHIVE_DUPLICATE_ENTRY", `\`${path}\` appears both as a file and as a directory`, path);
      if (explicit && prior.explicit) refuse("E_ARCHIVE_DUPLICATE_ENTRY", `\`${path}\` appears twice in the archive`, path);
      if (explicit) prior.explicit = true;
      return;
    }
    const nfc = path.normalize("NFC");
    const sameNfc = this.byNfc.get(nfc);
    if (sameNfc !== undefined) {
      refuse("E_ARCHIVE_UNICODE_COLLISION", `\`${path}\` and \`${sameNfc}\` are the same path after Unicode normalization`, path);
    }
    const fold = nfc.toUpperCase().toLowerCase();
    const sameFold = this.byFold.get(fold);
    if (sameFold !== undefined) {
      refuse("E_ARCHIVE_CASE_COLLISION", `\`${path}\` and \`${sameFold}\` differ only in letter case`, path);
    }
    this.seen.set(path, { kind, explicit });
    this.byNfc.set(nfc, path);
    this.byFold.set(fold, path);
  }
}
