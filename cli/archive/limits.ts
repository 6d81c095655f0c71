// Caps applied to every archive cairn reads (publish and install alike).
// Defaults follow Go's module zip rules (500 MiB) scaled down for source
// packages; callers may tighten or widen them.
export interface ArchiveLimits {
  /** Bytes of the .tar.gz itself. */
  maxArchiveSize: number;
  /** Sum of the sizes of all files once expanded. */
  maxTotalSize: number;
  /** Entries (files and directories). */
  maxFiles: number;
  /** Bytes of any one file. */
  maxFileSize: number;
  /** Path components of any one entry. */
  maxDepth: number;
  /** UTF-8 bytes of any one entry path. */
  maxPathLength: number;
}

export const DEFAULT_LIMITS: Readonly<ArchiveLimits> = Object.freeze({
  maxArchiveSize: 64 * 1024 * 1024,
  maxTotalSize: 256 * 1024 * 1024,
  maxFiles: 20_000,
  maxFileSize: 64 * 1024 * 1024,
  maxDepth: 32,
  maxPathLength: 1024,
});

export function withDefaults(limits: Partial<ArchiveLimits> = {}): ArchiveLimits {
  return { ...DEFAULT_LIMITS, ...limits };
}
