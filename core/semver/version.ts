// SemVer 2.0.0 versions: parsing (with an error column), precedence, printing.
// Numeric parts are capped at 2^53-1 like node-semver, so every version cairn
// accepts is one node-semver accepts and the two agree on its value.
import { E_INPUT_TOO_LARGE, E_INVALID_VERSION } from "../abi/codes";

export const MAX_SAFE: u64 = 9007199254740991;
/** node-semver rejects longer version strings; so does cairn. */
export const MAX_VERSION_LENGTH: i32 = 256;

/**
 * The identifier list of every version without prerelease or build parts:
 * shared, so a release costs one allocation instead of five. Never mutated —
 * the parser gives a version its own list before filling it.
 */
// @ts-ignore: decorator
@lazy const NO_IDENTIFIERS = new Array<string>(0);

export class Version {
  major: u64 = 0;
  minor: u64 = 0;
  patch: u64 = 0;
  /** Prerelease identifiers, e.g. ["beta", "2"]; empty for a release. */
  pre: Array<string> = NO_IDENTIFIERS;
  /** Build metadata identifiers; ignored by precedence. */
  build: Array<string> = NO_IDENTIFIERS;

  constructor(major: u64 = 0, minor: u64 = 0, patch: u64 = 0) {
    this.major = major;
    this.minor = minor;
    this.patch = patch;
  }

  isPrerelease(): bool {
    return this.pre.length > 0;
  }

  /** Canonical text: no leading "v", build metadata kept as given. */
  toString(): string {
    let s = this.major.toString() + "." + this.minor.toString() + "." + this.patch.toString();
    if (this.pre.length > 0) s += "-" + this.pre.join(".");
    if (this.build.length > 0) s += "+" + this.build.join(".");
    return s;
  }

  /** Same text without build metadata (the form precedence sees). */
  toStringNoBuild(): string {
    let s = this.major.toString() + "." + this.minor.toString() + "." + this.patch.toString();
    if (this.pre.length > 0) s += "-" + this.pre.join(".");
    return s;
  }

  /** A copy of major.minor.patch with the given prerelease and no build. */
  withPre(pre: Array<string>): Version {
    const v = new Version(this.major, this.minor, this.patch);
    v.pre = pre;
    return v;
  }
}

/** Outcome of parsing a version: the version, or an error code, message and 0-based column. */
export class VersionParse {
  version: Version | null = null;
  code: i32 = 0;
  message: string = "";
  column: i32 = -1;
}

// @ts-ignore: decorator
@inline function isDigit(c: i32): bool {
  return c >= 48 && c <= 57;
}

// @ts-ignore: decorator
@inline export function isIdentChar(c: i32): bool {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c == 45;
}

function fail(r: VersionParse, code: i32, message: string, column: i32): VersionParse {
  r.version = null;
  r.code = code;
  r.message = message;
  r.column = column;
  return r;
}

/**
 * Scans a numeric part at `i` (no leading zeros, at most 2^53-1). Returns the
 * end index, or a negative value (-1 - column) on error; the value lands in
 * `numOut`.
 */
let numOut: u64 = 0;
let numErr: string = "";
export function scanNumber(s: string, i: i32, end: i32): i32 {
  const start = i;
  let v: u64 = 0;
  let over = false;
  while (i < end && isDigit(s.charCodeAt(i))) {
    if (!over) {
      v = v * 10 + <u64>(s.charCodeAt(i) - 48);
      if (v > MAX_SAFE) over = true;
    }
    i++;
  }
  if (i == start) { numErr = "expected a number"; return -1 - start; }
  if (i - start > 1 && s.charCodeAt(start) == 48) { numErr = "numbers must not have leading zeros"; return -1 - start; }
  if (over) { numErr = "number is larger than 9007199254740991 (2^53-1)"; return -1 - start; }
  numOut = v;
  return i;
}
export function lastNumber(): u64 {
  return numOut;
}
export function lastNumberError(): string {
  return numErr;
}

/**
 * Scans dot-separated identifiers starting at `i` into `out`. Prerelease
 * identifiers (`numericRule`) that are all digits must not have leading zeros.
 * Returns the end index or -1 - column on error (message in `identErr`).
 */
let identErr: string = "";
export function scanIdentifiers(s: string, i: i32, end: i32, out: Array<string>, numericRule: bool): i32 {
  while (true) {
    const start = i;
    let allDigits = true;
    while (i < end && isIdentChar(s.charCodeAt(i))) {
      if (!isDigit(s.charCodeAt(i))) allDigits = false;
      i++;
    }
    if (i == start) { identErr = "expected an identifier ([0-9A-Za-z-]+)"; return -1 - start; }
    if (numericRule && allDigits && i - start > 1 && s.charCodeAt(start) == 48) {
      identErr = "numeric prerelease identifiers must not have leading zeros";
      return -1 - start;
    }
    out.push(s.substring(start, i));
    if (i < end && s.charCodeAt(i) == 46) { i++; continue; }
    return i;
  }
}
export function lastIdentError(): string {
  return identErr;
}

/**
 * Parses `s[start, end)` as M.m.p[-pre][+build] (an optional leading "v" is
 * accepted, as node-semver does). Whitespace is not trimmed.
 */
export function parseVersionAt(s: string, start: i32, end: i32): VersionParse {
  const r = new VersionParse();
  if (end - start > MAX_VERSION_LENGTH) {
    return fail(r, E_INPUT_TOO_LARGE, "a version is longer than " + MAX_VERSION_LENGTH.toString() + " characters", start + MAX_VERSION_LENGTH);
  }
  let i = start;
  if (i < end && s.charCodeAt(i) == 118) i++; // "v"
  const v = new Version();
  for (let part = 0; part < 3; part++) {
    if (part > 0) {
      if (i >= end || s.charCodeAt(i) != 46) {
        return fail(r, E_INVALID_VERSION, part == 1 ? "expected \".\" and a minor version" : "expected \".\" and a patch version", i);
      }
      i++;
    }
    const e = scanNumber(s, i, end);
    if (e < 0) return fail(r, E_INVALID_VERSION, numErr, -1 - e);
    i = e;
    if (part == 0) v.major = numOut;
    else if (part == 1) v.minor = numOut;
    else v.patch = numOut;
  }
  if (i < end && s.charCodeAt(i) == 45) {
    v.pre = new Array<string>();
    const e = scanIdentifiers(s, i + 1, end, v.pre, true);
    if (e < 0) return fail(r, E_INVALID_VERSION, "prerelease: " + identErr, -1 - e);
    i = e;
  }
  if (i < end && s.charCodeAt(i) == 43) {
    v.build = new Array<string>();
    const e = scanIdentifiers(s, i + 1, end, v.build, false);
    if (e < 0) return fail(r, E_INVALID_VERSION, "build metadata: " + identErr, -1 - e);
    i = e;
  }
  if (i < end) return fail(r, E_INVALID_VERSION, "unexpected character '" + s.charAt(i) + "'", i);
  r.version = v;
  return r;
}

export function parseVersionDetailed(s: string): VersionParse {
  return parseVersionAt(s, 0, s.length);
}

/** Strict SemVer 2.0.0 (plus an optional leading "v"); null when invalid. */
export function parseVersion(s: string): Version | null {
  return parseVersionAt(s, 0, s.length).version;
}

function isNumericId(s: string): bool {
  const n = s.length;
  if (n == 0) return false;
  for (let i = 0; i < n; i++) if (!isDigit(s.charCodeAt(i))) return false;
  return true;
}

/**
 * SemVer §11 identifier order: numeric < alphanumeric; numerics by value
 * (length first, then digits: exact at any size); others by ASCII order.
 */
export function compareIdentifiers(a: string, b: string): i32 {
  const an = isNumericId(a), bn = isNumericId(b);
  if (an && !bn) return -1;
  if (bn && !an) return 1;
  if (an && bn) {
    if (a.length != b.length) return a.length < b.length ? -1 : 1;
  }
  const n = min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i), y = b.charCodeAt(i);
    if (x != y) return x < y ? -1 : 1;
  }
  if (a.length == b.length) return 0;
  return a.length < b.length ? -1 : 1;
}

export function comparePre(a: Array<string>, b: Array<string>): i32 {
  const al = a.length, bl = b.length;
  if (al == 0 && bl == 0) return 0;
  if (al == 0) return 1; // a release outranks its prereleases
  if (bl == 0) return -1;
  const n = min(al, bl);
  for (let i = 0; i < n; i++) {
    const c = compareIdentifiers(unchecked(a[i]), unchecked(b[i]));
    if (c != 0) return c;
  }
  if (al == bl) return 0;
  return al < bl ? -1 : 1;
}

export function compareTriples(a: Version, b: Version): i32 {
  if (a.major != b.major) return a.major < b.major ? -1 : 1;
  if (a.minor != b.minor) return a.minor < b.minor ? -1 : 1;
  if (a.patch != b.patch) return a.patch < b.patch ? -1 : 1;
  return 0;
}

/** Precedence (build metadata ignored): -1, 0 or 1. */
export function compareVersions(a: Version, b: Version): i32 {
  const t = compareTriples(a, b);
  if (t != 0) return t;
  return comparePre(a.pre, b.pre);
}

export function sameTriple(a: Version, b: Version): bool {
  return a.major == b.major && a.minor == b.minor && a.patch == b.patch;
}
