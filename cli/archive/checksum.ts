// sha256 checksums of archives, written `sha256:<64 lowercase hex>` (DESIGN.md §6).
// The one place the CLI's archive code hashes bytes, through the shared
// "auto" engine (bindings/hash.ts): Wasm for small inputs, node:crypto's SHA
// instructions for archive-sized ones; identical digests either way.
import { sha256, toHex } from "../../bindings/hash.js";
import { CairnError } from "../../bindings/errors.js";

const CHECKSUM = /^sha256:([0-9a-f]{64})$/;

export function sha256Hex(bytes: Uint8Array): string {
  return toHex(sha256(bytes));
}

export function checksumOf(bytes: Uint8Array): string {
  return `sha256:${sha256Hex(bytes)}`;
}

/** The hex digest of a `sha256:<hex>` checksum; E_INVALID_CHECKSUM otherwise. */
export function parseChecksum(checksum: string, where?: string): string {
  const m = typeof checksum === "string" ? CHECKSUM.exec(checksum) : null;
  if (!m) {
    throw new CairnError("E_INVALID_CHECKSUM", `\`${String(checksum).slice(0, 80)}\` is not a sha256 checksum`, {
      location: where ? { path: where } : {},
      hint: "archive checksums are written sha256:<64 lowercase hex digits>",
    });
  }
  return m[1]!;
}

/** Throws E_CHECKSUM_MISMATCH naming expected and actual unless `bytes` hash to `expected`. */
export function verifyChecksum(bytes: Uint8Array, expected: string, what: string): void {
  parseChecksum(expected);
  const actual = checksumOf(bytes);
  if (actual !== expected) {
    throw new CairnError("E_CHECKSUM_MISMATCH", `checksum mismatch for ${what}\n  expected: ${expected}\n  actual:   ${actual}`, {
      details: { expected, actual },
    });
  }
}
