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
  W_DEPENDENCY_WITHOUT_SOURCE: { summary: "a dependency names no source; the registry is assumed" },

  // CLI
  E_USAGE: { summary: "the command line is not understood", hint: "run `cairn help`", exit: EXIT.usage },
  E_IO: { summary: "a file could not be read or written", exit: EXIT.input },
  E_SCENARIO: { summary: "a scenario file is malformed", exit: EXIT.input },
  E_INTERNAL: { summary: "an unexpected failure inside cairn (a bug)", hint: "please report it; --verbose shows the stack", exit: EXIT.internal },
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
