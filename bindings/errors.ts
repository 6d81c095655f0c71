// The error catalogue: every stable code cairn reports, with a one-line summary
// and a hint. Core codes take their numbers from core/abi/codes.ts (the single
// definition shared with the Wasm core); docs/ERRORS.md documents each entry and
// test/bindings/errors.test.ts keeps the three in step.
import * as coreCodes from "../core/abi/codes.js";

export interface ErrorInfo {
  summary: string;
  hint?: string;
  /** Process exit code the CLI uses for this error (docs/ERRORS.md#exit-codes). */
  exit?: number;
}

export const EXIT = {
  ok: 0,
  failure: 1, // resolution failed, verification found differences, and similar "the answer is no"
  usage: 2, // bad command line
  input: 3, // bad input file (manifest, scenario, lock)
  network: 4, // registry unreachable or answered with an error
  integrity: 5, // checksum or tree hash mismatch, hostile archive
  internal: 70, // a bug in cairn
} as const;

export const CATALOGUE = {
  // Core (numbers in core/abi/codes.ts)
  E_WIRE_FORMAT: { summary: "a wire message handed to the core is malformed", exit: EXIT.internal },
  E_ABI_VERSION: { summary: "the core and the bindings disagree on the ABI version", hint: "rebuild with `npm run build`", exit: EXIT.internal },
  E_BAD_HANDLE: { summary: "a session or result handle is unknown to the core", exit: EXIT.internal },
  E_INPUT_TOO_LARGE: { summary: "an input is larger than the core accepts", exit: EXIT.input },
  E_INVALID_VERSION: { summary: "a version is not valid SemVer 2.0.0", hint: "versions look like 1.2.3, 1.2.3-beta.1 or 1.2.3+build.5", exit: EXIT.input },
  E_INVALID_VERSION_REQ: { summary: "a version requirement (range) cannot be parsed", hint: "ranges use node-semver grammar: ^1.2.0, ~1.2, >=1.0.0 <2.0.0, 1.x, *", exit: EXIT.input },
  E_VERSION_NOT_EXACT: { summary: "this profile accepts exact versions only", hint: "write the full version, e.g. 1.2.3", exit: EXIT.input },
  E_BAD_OPTION: { summary: "a resolution option has an unknown or ill-typed value", exit: EXIT.input },
  E_UNKNOWN_PACKAGE: { summary: "a package is not in the registry", exit: EXIT.failure },
  E_DUPLICATE_VERSION: { summary: "the same version of a package is listed twice", exit: EXIT.input },
  E_STEP_LIMIT: { summary: "the resolver spent its step budget without an answer", hint: "raise the budget with --max-steps, or pin some dependencies", exit: EXIT.failure },
  E_CANCELLED: { summary: "the resolution was cancelled", exit: EXIT.failure },
  E_NO_SOLUTION: { summary: "no set of versions satisfies every requirement", exit: EXIT.failure },
  E_CORE_TRAP: { summary: "the Wasm core trapped (a bug in cairn)", hint: "please report it with the input that caused it", exit: EXIT.internal },

  // Manifests and lock files (bindings/profiles)
  E_SYNTAX: { summary: "the file is not valid in its format", exit: EXIT.input },
  E_UNKNOWN_FIELD: { summary: "a field is not allowed here", exit: EXIT.input },
  E_MISSING_FIELD: { summary: "a required field is missing", exit: EXIT.input },
  E_INVALID_TYPE: { summary: "a field has the wrong type", exit: EXIT.input },
  E_INVALID_NAME: { summary: "a package or dependency name breaks the naming rules", exit: EXIT.input },
  E_INVALID_PATH: { summary: "a path is absolute, escapes the project or is malformed", exit: EXIT.input },
  E_INVALID_CHECKSUM: { summary: "a checksum is malformed", hint: "checksums are sha256:<64 lowercase hex> or tree1-<base64>", exit: EXIT.input },
  W_UNKNOWN_FIELD: { summary: "a field is not known to this profile and was ignored" },
  W_DEPENDENCY_WITHOUT_SOURCE: { summary: "a dependency names no source it can come from; it is skipped or left unresolved" },

  // CLI
  E_USAGE: { summary: "the command line is not understood", hint: "run `cairn help`", exit: EXIT.usage },
  E_IO: { summary: "a file could not be read or written", exit: EXIT.input },
  E_SCENARIO: { summary: "a scenario file is malformed", exit: EXIT.input },
  E_INTERNAL: { summary: "an unexpected failure inside cairn (a bug)", hint: "please report it; --verbose shows the stack", exit: EXIT.internal },
  E_UNSUPPORTED_FILE_TYPE: { summary: "a tree holds something other than regular files, directories and symlinks (a FIFO, socket or device)", hint: "tree1 hashes only regular files and symlinks; remove it from the package", exit: EXIT.input },

  // Project workflow (cli/commands: install, lock, check, verify; docs/CLI.md)
  E_LOCK_OUTDATED: { summary: "the lock file does not match the manifest, and --locked or --frozen forbids changing it", hint: "run `cairn lock` and commit the result", exit: EXIT.failure },
  E_NOT_INSTALLED: { summary: "the installed packages do not match the lock", hint: "run `cairn install`", exit: EXIT.failure },
  E_TREE_MISMATCH: { summary: "files differ from the tree the lock records (an installed package, or a vendored copy)", hint: "run `cairn install` to restore them (your edits inside installed packages are lost)", exit: EXIT.integrity },

  // Registry, network and cache (cli/registry, cli/cache; docs/REGISTRY.md, docs/CACHE.md)
  E_NETWORK: { summary: "a registry could not be reached (connection failed, reset or timed out)", hint: "check the registry URL and your connection, or run with --offline", exit: EXIT.network },
  E_HTTP: { summary: "a registry answered with an unexpected HTTP status", exit: EXIT.network },
  E_UNAUTHORIZED: { summary: "the registry needs a valid token (HTTP 401)", hint: "run `cairn login --registry URL` and paste a token", exit: EXIT.network },
  E_FORBIDDEN: { summary: "the token is valid but may not change this package (HTTP 403)", hint: "ask an owner of the package to add you", exit: EXIT.network },
  E_VERSION_EXISTS: { summary: "this version is already published; versions are immutable", hint: "bump the version in the manifest and publish again", exit: EXIT.failure },
  E_PAYLOAD_TOO_LARGE: { summary: "an upload or a download is larger than the limit (HTTP 413 from a registry, or a capped response)", exit: EXIT.failure },
  E_NOT_FOUND: { summary: "the registry has no such file or API endpoint (HTTP 404)", exit: EXIT.network },
  E_METHOD_NOT_ALLOWED: { summary: "the registry does not accept this HTTP method here (HTTP 405)", exit: EXIT.network },
  E_REGISTRY_DATA: { summary: "a registry file (config.json, packages/<name>.json, search.json) is malformed", exit: EXIT.network },
  E_OFFLINE_MISSING: { summary: "offline, and what is needed is not in the cache", hint: "run once without --offline to fill the cache", exit: EXIT.network },
  E_CACHE_LOCKED: { summary: "another cairn process holds the cache lock", hint: "wait for it to finish; if no cairn is running, delete the lock file named in the message", exit: EXIT.failure },
  E_CACHE_CORRUPT: { summary: "a cache entry does not match its checksum", hint: "run `cairn cache clean` to drop it; it will be downloaded again", exit: EXIT.integrity },
  E_CHECKSUM_MISMATCH: { summary: "downloaded bytes do not match the recorded sha256 checksum", hint: "do not edit the lock file to make this go away: the registry or a mirror served different bytes than before", exit: EXIT.integrity },

  // Warnings: printed as `warning[W_CODE]: …` on stderr; the command goes on (exit status unchanged)
  W_RETRY: { summary: "a registry request failed transiently (connection error, timeout, 408/429/5xx) and is retried after a delay" },
  W_REGISTRY_FALLBACK: { summary: "a registry of the list is unreachable; the next one (a mirror) serves the rest of the run" },
  W_CACHE_LOCK: { summary: "another cairn process holds the cache lock; this one waits for it" },
  W_READ_ONLY: { summary: "`cairn serve` has no tokens configured, so publish, yank and unyank answer 401" },
  W_REMOTE_ARCHIVE: { summary: "a mirrored version's archive is hosted elsewhere (an absolute URL); it is not copied and the mirror keeps pointing there" },

  // Hostile archives (cli/archive; one code per case, docs/REGISTRY.md#archives)
  E_ARCHIVE_CORRUPT: { summary: "an archive is not a well-formed gzip-compressed tar", exit: EXIT.integrity },
  E_ARCHIVE_SYMLINK: { summary: "an archive contains a symbolic link; package archives may not", exit: EXIT.integrity },
  E_ARCHIVE_HARDLINK: { summary: "an archive contains a hard link; package archives may not", exit: EXIT.integrity },
  E_ARCHIVE_ENTRY_TYPE: { summary: "an archive contains a device, FIFO or unknown entry type", exit: EXIT.integrity },
  E_ARCHIVE_PATH_TRAVERSAL: { summary: "an archive entry's path climbs out of the package with `..`", exit: EXIT.integrity },
  E_ARCHIVE_ABSOLUTE_PATH: { summary: "an archive entry's path is absolute (or a UNC path)", exit: EXIT.integrity },
  E_ARCHIVE_DRIVE_LETTER: { summary: "an archive entry's path starts with a Windows drive letter", exit: EXIT.integrity },
  E_ARCHIVE_DUPLICATE_ENTRY: { summary: "an archive names the same path twice (or as both file and directory)", exit: EXIT.integrity },
  E_ARCHIVE_CASE_COLLISION: { summary: "two archive paths differ only in letter case", hint: "they would overwrite each other on case-insensitive file systems (macOS, Windows)", exit: EXIT.integrity },
  E_ARCHIVE_UNICODE_COLLISION: { summary: "two archive paths are equal after Unicode NFC normalization", exit: EXIT.integrity },
  E_ARCHIVE_RESERVED_NAME: { summary: "an archive path uses a name Windows reserves or cannot store (CON, NUL, COM1, trailing dot, `<>:\"|?*`)", exit: EXIT.integrity },
  E_ARCHIVE_CONTROL_CHAR: { summary: "an archive path contains a control character", exit: EXIT.integrity },
  E_ARCHIVE_PATH_TOO_LONG: { summary: "an archive path is longer than the limit", exit: EXIT.integrity },
  E_ARCHIVE_TOO_DEEP: { summary: "an archive path is nested deeper than the limit", exit: EXIT.integrity },
  E_ARCHIVE_TOO_MANY_FILES: { summary: "an archive has more entries than the limit", exit: EXIT.integrity },
  E_ARCHIVE_FILE_TOO_LARGE: { summary: "an archive entry is larger than the per-file limit", exit: EXIT.integrity },
  E_ARCHIVE_TOO_LARGE: { summary: "an archive (compressed or expanded) is larger than the limit", exit: EXIT.integrity },
} as const satisfies Record<string, ErrorInfo>;

export type ErrorCode = keyof typeof CATALOGUE;

/** Core error numbers → stable names, derived from core/abi/codes.ts. */
export const CORE_CODE_NAMES: ReadonlyMap<number, ErrorCode> = new Map(
  Object.entries(coreCodes)
    .filter(([name]) => name.startsWith("E_"))
    .map(([name, n]) => [n as number, name as ErrorCode]),
);

export interface ErrorLocation {
  file?: string;
  line?: number;
  column?: number;
  /** Dotted field path, e.g. `dependencies.foo.version`. */
  path?: string;
}

/** Every user-facing failure in cairn: a stable code, what was wrong, where, and a hint. */
export class CairnError extends Error {
  readonly code: ErrorCode;
  readonly location: ErrorLocation;
  readonly hint?: string;
  readonly details?: unknown;

  constructor(code: ErrorCode, message: string, opts: { location?: ErrorLocation; hint?: string; details?: unknown; cause?: unknown } = {}) {
    super(message, opts.cause !== undefined ? { cause: opts.cause } : undefined);
    this.name = "CairnError";
    this.code = code;
    this.location = opts.location ?? {};
    const info: ErrorInfo = CATALOGUE[code];
    this.hint = opts.hint ?? info.hint;
    this.details = opts.details;
  }

  get exitCode(): number {
    const info: ErrorInfo = CATALOGUE[this.code];
    return info.exit ?? EXIT.failure;
  }

  /** `file:line:col` or `file: path` or "" */
  where(): string {
    const l = this.location;
    let s = l.file ?? "";
    if (l.line !== undefined) s += `${s ? ":" : "line "}${l.line}${l.column !== undefined ? `:${l.column}` : ""}`;
    if (l.path) s += `${s ? ": " : ""}${l.path}`;
    return s;
  }

  toJSON(): Record<string, unknown> {
    return {
      code: this.code,
      message: this.message,
      ...(this.location.path !== undefined ? { path: this.location.path } : {}),
      ...(this.location.file !== undefined ? { file: this.location.file } : {}),
      ...(this.location.line !== undefined ? { line: this.location.line } : {}),
      ...(this.location.column !== undefined ? { column: this.location.column } : {}),
      ...(this.hint ? { hint: this.hint } : {}),
    };
  }
}
