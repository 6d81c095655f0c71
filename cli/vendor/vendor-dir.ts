// The vendor directory of a project (docs/VENDORING.md in docs/MIRRORS.md):
// a small registry of exactly the locked registry packages, inside the
// project, so installs need neither network nor cache. This file holds the
// read side that install uses; write-vendor.ts makes the directory.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
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
 * The vendored archive of name@version, only if its bytes hash to `checksum`
 * (the lock's); a missing or altered file gives undefined, so the caller
 * falls back to the cache or the registry, or reports what is missing.
 */
export function readVendored(vendorDir: string, name: string, version: string, checksum: string): Uint8Array | undefined {
  const file = join(vendorDir, archivePath(name, version));
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    return undefined;
  }
  return checksumOf(bytes) === checksum ? bytes : undefined;
}
