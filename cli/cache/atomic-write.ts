// Temp-file-then-rename writes: a reader (or a process killed mid-write) sees
// the old file or the new one, never half of one. The temp file sits beside
// the target so the rename stays on one file system.
import { writeFileSync, renameSync, mkdirSync, rmSync } from "node:fs";
import { writeFile, rename, mkdir, rm, readdir } from "node:fs/promises";
import { dirname, basename, join } from "node:path";
import { randomBytes } from "node:crypto";

function tempName(path: string): string {
  return join(dirname(path), `.${basename(path)}.tmp-${process.pid}-${randomBytes(4).toString("hex")}`);
}

/** The names tempName makes: `.<name>.tmp-<pid>-<8 hex>`. */
const TEMP_NAME = /^\..+\.tmp-\d+-[0-9a-f]{8}$/;

/**
 * Removes the temp files a killed writer left under `dir` (they are hidden,
 * so readers never see them; this reclaims the space). Hidden directories
 * (`.cairn` state, `.git`) are not entered.
 */
export async function sweepTempFiles(dir: string): Promise<void> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    const p = join(dir, e.name);
    if (e.isFile() && TEMP_NAME.test(e.name)) await rm(p, { force: true });
    else if (e.isDirectory() && !e.name.startsWith(".")) await sweepTempFiles(p);
  }
}

export function writeFileAtomicSync(path: string, data: string | Uint8Array, mode = 0o644): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = tempName(path);
  try {
    writeFileSync(tmp, data, { mode });
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

export async function writeFileAtomic(path: string, data: string | Uint8Array, mode = 0o644): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = tempName(path);
  try {
    await writeFile(tmp, data, { mode });
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}
