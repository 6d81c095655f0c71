// The checksum spelling every seed system shares: `sha256:<64 lowercase hex>`.
export interface Checksum {
  algorithm: string;
  digest: string;
}

const SHA256 = /^sha256:([0-9a-f]{64})$/;

export function parseChecksum(s: string): Checksum | null {
  const m = SHA256.exec(s);
  return m ? { algorithm: "sha256", digest: m[1]! } : null;
}

export function checksumProblem(s: string): string {
  const m = /^([A-Za-z0-9-]+):(.*)$/.exec(s);
  if (!m) return `\`${s}\` is not of the form sha256:<hex>`;
  if (m[1] !== "sha256") return `unsupported checksum algorithm \`${m[1]}\` (only sha256)`;
  const hex = m[2]!;
  if (!/^[0-9a-fA-F]*$/.test(hex)) return `the digest contains characters other than hex digits`;
  if (hex.length !== 64) return `a sha256 digest has 64 hex digits, this one has ${hex.length}`;
  return `the digest must be lowercase hex`;
}
