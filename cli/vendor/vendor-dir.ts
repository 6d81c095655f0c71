// The vendor directory of a project (docs/MIRRORS.md#vendoring): a small
// registry of exactly the locked registry packages (and the trees of the
// locked git commits, vendored-git.ts), inside the project, so installs need
// neither network nor cache. This file holds the read side of the archives;
// write-vendor.ts makes the directory.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { CairnError } from "../../bindings/errors.js";
import { checksumOf } from "../archive/checksum.js";
import { archivePath } from "../registry/names.js";

/** `<project>/vendor`, the default (as with cargo vendor and Go's vendor/). */
export const DEFAULT_VENDOR_DIR = "vendor";

/** The project's vendor directory when it holds a vendored registry, else undefined. */
export function vendorDirOf(projectDir: string, env: Record<string, string | undefined> = {}): string | undefined {
  const dir = env.CAIRN_VENDOR_DIR ? join(projectDir, env.CAIRN_VENDOR_DIR) : join(projectDir, DEFAULT_VENDOR_DIR);
  return existsSync(join(dir, "config.json")) && existsSync(join(dir, "packages")) ? dir : undefined;
}

/**
 * The vendored archive of name@version, checked against `checksum` (the
 * lock's). A missing file gives undefined (the caller falls back to the
 * registry or reports what is missing); an altered one is E_CHECKSUM_MISMATCH
 * naming the file, because a vendor directory is shipped with the project and
 * a difference there is damage someone must look at, not a cache miss.
 */
export function readVendored(vendorDir: string, name: string, version: string, checksum: string): Uint8Array | undefined {
  const file = join(vendorDir, archivePath(name, version));
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    return undefined;
  }
  const actual = checksumOf(bytes);
  if (actual !== checksum) {
    throw new CairnError("E_CHECKSUM_MISMATCH", `the vendored archive of ${name} ${version} does not match the lock\n  expected: ${checksum}\n  actual:   ${actual}`, {
      location: { file },
      hint: "restore it from version control, or run `cairn vendor` (online, or with the cache) to copy it again",
      details: { expected: checksum, actual },
    });
  }
  return bytes;
}
