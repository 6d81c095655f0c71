// Shared by the profile reader tests: run a reader and capture its CairnError.
import { expect } from "vitest";
import { CairnError } from "../../../bindings/errors.js";

export function errorOf(fn: () => unknown): CairnError {
  try {
    fn();
  } catch (e) {
    if (e instanceof CairnError) return e;
    throw e;
  }
  throw new Error("expected a CairnError, but the reader succeeded");
}

/** Asserts the code and the path (and the line when given) of the error a reader throws. */
export function expectError(fn: () => unknown, code: string, path?: string, line?: number): CairnError {
  const e = errorOf(fn);
  expect({ code: e.code, ...(path !== undefined ? { path: e.location.path } : {}), ...(line !== undefined ? { line: e.location.line } : {}) }).toEqual({
    code,
    ...(path !== undefined ? { path } : {}),
    ...(line !== undefined ? { line } : {}),
  });
  return e;
}
