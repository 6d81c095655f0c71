// Error and warning reporting shared by every reader: a field path (dotted,
// as the corpus writes it) plus file:line:col when the reader can tell.
import { CairnError, type ErrorCode } from "../errors.js";
import type { Warning } from "./types.js";

export interface Position {
  line: number;
  column: number;
}

export type FieldPath = readonly string[];

export const joinPath = (path: FieldPath): string => path.join(".");

/** Maps a field path to where it was written; readers without positions return undefined. */
export type Locator = (path: FieldPath) => Position | undefined;

export class Diagnostics {
  readonly warnings: Warning[] = [];
  locate: Locator = () => undefined;

  constructor(readonly file: string | undefined) {}

  private where(path: FieldPath | string, pos?: Position) {
    const p = typeof path === "string" ? path : joinPath(path);
    const at = pos ?? (typeof path === "string" ? undefined : this.locate(path));
    return {
      ...(this.file !== undefined ? { file: this.file } : {}),
      ...(p !== "" ? { path: p } : {}),
      ...(at ? { line: at.line, column: at.column } : {}),
    };
  }

  /** Throws a CairnError with the code, the message and the field's location. */
  fail(code: ErrorCode, message: string, path: FieldPath | string, opts: { pos?: Position; hint?: string } = {}): never {
    const location = this.where(path, opts.pos);
    // A position is promised for every error: fall back to the start of the file.
    if (location.path === undefined && location.line === undefined) Object.assign(location, { line: 1, column: 1 });
    throw new CairnError(code, message, { location, ...(opts.hint ? { hint: opts.hint } : {}) });
  }

  warn(code: ErrorCode, message: string, path: FieldPath | string, pos?: Position): void {
    this.warnings.push({ code, message, ...this.where(path, pos) });
  }
}

/** 1-based line and column of a character offset. */
export function positionAt(text: string, offset: number): Position {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(Math.max(offset, 0), text.length);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}

/** Caps applied by every parser: deeper input is rejected with E_SYNTAX, not a stack overflow. */
export const MAX_DEPTH = 64;
