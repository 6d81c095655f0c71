// Ranges in node-semver's grammar, desugared the way node-semver desugars
// them (docs/SEMVER.md): a Range is a union (`||`) of comparator sets, each an
// intersection of primitive comparators. Parsing is a single left-to-right
// scan with no recursion and no backtracking beyond one optional hyphen-range
// attempt per set, so it is linear in the input, and the input is capped.
import { E_INPUT_TOO_LARGE, E_INVALID_VERSION_REQ, E_VERSION_NOT_EXACT } from "../abi/codes";
import {
  Version, MAX_SAFE, scanNumber, lastNumber, lastNumberError, scanIdentifiers, lastIdentError,
  compareVersions, compareTriples, sameTriple, parseVersionAt, MAX_VERSION_LENGTH,
} from "./version";
import { PRERELEASE_NPM, PRERELEASE_FALLBACK } from "./policy";

export const MAX_RANGE_LENGTH: i32 = 4096;
export const MAX_RANGE_SETS: i32 = 256;
export const MAX_SET_COMPARATORS: i32 = 256;

export const OP_ANY: i32 = 0;
export const OP_EQ: i32 = 1;
export const OP_LT: i32 = 2;
export const OP_LE: i32 = 3;
export const OP_GT: i32 = 4;
export const OP_GE: i32 = 5;

export class Comparator {
  op: i32;
  v: Version;
  /**
   * A lower bound that came from a partial version (`1.x`, `>=1.2`, `~1`):
   * node-semver writes it `>=1.0.0-0` when prereleases are included, so under
   * the include and fallback policies it also admits 1.0.0's prereleases.
   */
  pre0: bool;
  /** node-semver rewrites this comparator (`>=0.0.0`) to "any" under npm. */
  anyNpm: bool;

  constructor(op: i32, v: Version, pre0: bool = false, anyNpm: bool = false) {
    this.op = op;
    this.v = v;
    this.pre0 = pre0;
    this.anyNpm = anyNpm;
  }

  /** Does `v` pass this comparator under `policy` (ignoring the npm prerelease rule)? */
  test(v: Version, policy: i32): bool {
    const op = this.op;
    if (op == OP_ANY) return true;
    const b = this.v;
    let c: i32;
    if ((this.pre0 && policy != PRERELEASE_NPM) || (policy == PRERELEASE_FALLBACK && op == OP_LT && b.pre.length == 0)) {
      c = compareToPre0(v, b);
    } else {
      c = compareVersions(v, b);
    }
    if (op == OP_GE) return c >= 0;
    if (op == OP_LT) return c < 0;
    if (op == OP_GT) return c > 0;
    if (op == OP_LE) return c <= 0;
    return c == 0;
  }

  /** test() for the release M.m.p, without building a Version (batch filtering). */
  testRelease(M: u64, m: u64, p: u64, policy: i32): bool {
    const op = this.op;
    if (op == OP_ANY) return true;
    const b = this.v;
    let c: i32;
    if (M != b.major) c = M < b.major ? -1 : 1;
    else if (m != b.minor) c = m < b.minor ? -1 : 1;
    else if (p != b.patch) c = p < b.patch ? -1 : 1;
    else if (b.pre.length > 0 || (this.pre0 && policy != PRERELEASE_NPM) || (policy == PRERELEASE_FALLBACK && op == OP_LT)) c = 1;
    else c = 0;
    if (op == OP_GE) return c >= 0;
    if (op == OP_LT) return c < 0;
    if (op == OP_GT) return c > 0;
    if (op == OP_LE) return c <= 0;
    return c == 0;
  }

  /** The bound this comparator uses under `policy` (the `-0` forms made explicit). */
  effectiveBound(policy: i32): Version {
    const b = this.v;
    if ((this.pre0 && policy != PRERELEASE_NPM) || (policy == PRERELEASE_FALLBACK && this.op == OP_LT && b.pre.length == 0)) {
      return b.withPre(["0"]);
    }
    return b;
  }

  toStringFor(policy: i32): string {
    if (this.op == OP_ANY) return "*";
    return opText(this.op) + this.effectiveBound(policy).toStringNoBuild();
  }
}

export function opText(op: i32): string {
  if (op == OP_GE) return ">=";
  if (op == OP_GT) return ">";
  if (op == OP_LE) return "<=";
  if (op == OP_LT) return "<";
  return "";
}

/** compareVersions(v, b-0) where b is a release: nothing but b's own `-0` ties. */
function compareToPre0(v: Version, b: Version): i32 {
  const t = compareTriples(v, b);
  if (t != 0) return t;
  if (v.pre.length == 0) return 1;
  if (v.pre.length == 1 && v.pre[0] == "0") return 0;
  return 1;
}

export class ComparatorSet {
  comps: Array<Comparator> = [];

  /** node-semver's `testSet`. */
  test(v: Version, policy: i32): bool {
    const comps = this.comps;
    for (let i = 0; i < comps.length; i++) {
      if (!unchecked(comps[i]).test(v, policy)) return false;
    }
    if (policy == PRERELEASE_NPM && v.pre.length > 0) {
      // A prerelease passes only where the set names a prerelease of the same
      // major.minor.patch (so ^1.2.3-beta.1 admits 1.2.3-beta.2, not 1.2.4-alpha).
      for (let i = 0; i < comps.length; i++) {
        const c = unchecked(comps[i]);
        if (c.op != OP_ANY && c.v.pre.length > 0 && sameTriple(c.v, v)) return true;
      }
      return false;
    }
    return true;
  }

  testRelease(M: u64, m: u64, p: u64, policy: i32): bool {
    const comps = this.comps;
    for (let i = 0; i < comps.length; i++) {
      if (!unchecked(comps[i]).testRelease(M, m, p, policy)) return false;
    }
    return true;
  }

  /** Under npm, node-semver turns this set into "*" (every comparator is any). */
  isAnyNpm(): bool {
    const comps = this.comps;
    for (let i = 0; i < comps.length; i++) {
      const c = comps[i];
      if (c.op != OP_ANY && !c.anyNpm) return false;
    }
    return true;
  }

  toStringFor(policy: i32): string {
    const parts = new Array<string>();
    for (let i = 0; i < this.comps.length; i++) {
      const c = this.comps[i];
      if (c.op == OP_ANY) continue;
      if (policy == PRERELEASE_NPM && c.anyNpm) continue;
      parts.push(c.toStringFor(policy));
    }
    return parts.length == 0 ? "*" : parts.join(" ");
  }
}

export class Range {
  sets: Array<ComparatorSet> = [];
  /**
   * node-semver collapses a range to "*" when any of its sets is "*" (under
   * npm, `* || 1.0.0-beta` then rejects 1.0.0-beta). Kept as a flag so the
   * same Range serves every policy.
   */
  anyNpm: bool = false;

  satisfies(v: Version, policy: i32): bool {
    if (policy == PRERELEASE_NPM && this.anyNpm) return v.pre.length == 0;
    const sets = this.sets;
    for (let i = 0; i < sets.length; i++) {
      if (unchecked(sets[i]).test(v, policy)) return true;
    }
    return false;
  }

  /** satisfies() for the release M.m.p (no prerelease, so no npm prerelease rule). */
  satisfiesRelease(M: u64, m: u64, p: u64, policy: i32): bool {
    if (policy == PRERELEASE_NPM && this.anyNpm) return true;
    const sets = this.sets;
    for (let i = 0; i < sets.length; i++) {
      if (unchecked(sets[i]).testRelease(M, m, p, policy)) return true;
    }
    return false;
  }

  /** The desugared form under npm (each `||` set as primitive comparators). */
  toString(): string {
    return this.toStringFor(PRERELEASE_NPM);
  }

  toStringFor(policy: i32): string {
    if (policy == PRERELEASE_NPM && this.anyNpm) return "*";
    const parts = new Array<string>();
    for (let i = 0; i < this.sets.length; i++) parts.push(this.sets[i].toStringFor(policy));
    return parts.join(" || ");
  }
}

export class RangeParse {
  range: Range | null = null;
  code: i32 = 0;
  message: string = "";
  /** 0-based column of the offending character; -1 when none. */
  column: i32 = -1;
}

// ---------------------------------------------------------------------------
// Scanner

// @ts-ignore: decorator
@inline function isWs(c: i32): bool {
  return c == 32 || c == 9 || c == 10 || c == 13 || c == 11 || c == 12;
}

// @ts-ignore: decorator
@inline function isX(c: i32): bool {
  return c == 120 || c == 88 || c == 42; // x X *
}

/** One partial version as written: `[v=]*` prefix, 1–3 parts (each a number or x/X/*), then -pre and +build after three parts. */
class Partial {
  start: i32 = 0;
  end: i32 = 0;
  /** The prefix is empty, "v", "=" or "=v" (the only ones a full version may carry). */
  prefix: string = "";
  parts: i32 = 0;
  xM: bool = true;
  xm: bool = true;
  xp: bool = true;
  M: u64 = 0;
  m: u64 = 0;
  p: u64 = 0;
  pre: Array<string> = [];
  /** Where the first part starts (for messages). */
  numAt: i32 = 0;
  /** Where the version proper ends (before any +build). */
  preEnd: i32 = 0;

  anyX(): bool {
    return this.xM || this.xm || this.xp;
  }
}

class Parser {
  s: string;
  err: RangeParse;
  constructor(s: string, err: RangeParse) {
    this.s = s;
    this.err = err;
  }

  fail(code: i32, message: string, column: i32): void {
    if (this.err.code != 0) return;
    this.err.code = code;
    this.err.message = message;
    this.err.column = column;
  }

  failed(): bool {
    return this.err.code != 0;
  }

  /** Scans a partial at `i` (must end at whitespace or `end`); null after fail(). */
  partial(i: i32, end: i32): Partial | null {
    const s = this.s;
    const p = new Partial();
    p.start = i;
    const ps = i;
    while (i < end && (s.charCodeAt(i) == 118 || s.charCodeAt(i) == 61)) i++;
    p.prefix = s.substring(ps, i);
    p.numAt = i;
    for (let k = 0; k < 3; k++) {
      if (k > 0) {
        if (i >= end || s.charCodeAt(i) != 46) break;
        i++;
      }
      if (i >= end) { this.fail(E_INVALID_VERSION_REQ, "expected a version number or x", i); return null; }
      const c = s.charCodeAt(i);
      let isx = false;
      let n: u64 = 0;
      if (isX(c)) {
        isx = true;
        i++;
      } else {
        const e = scanNumber(s, i, end);
        if (e < 0) {
          const col = -1 - e;
          const msg = col < end && s.charCodeAt(col) >= 48 && s.charCodeAt(col) <= 57 ? lastNumberError() : "expected a version number or x, found " + describe(s, col, end);
          this.fail(E_INVALID_VERSION_REQ, msg, col);
          return null;
        }
        n = lastNumber();
        i = e;
      }
      if (k == 0) { p.xM = isx; p.M = n; }
      else if (k == 1) { p.xm = isx; p.m = n; }
      else { p.xp = isx; p.p = n; }
      p.parts = k + 1;
    }
    if (p.parts == 3) {
      if (i < end && s.charCodeAt(i) == 45) {
        const e = scanIdentifiers(s, i + 1, end, p.pre, true);
        if (e < 0) { this.fail(E_INVALID_VERSION_REQ, "prerelease: " + lastIdentError(), -1 - e); return null; }
        i = e;
      }
      p.preEnd = i;
      if (i < end && s.charCodeAt(i) == 43) {
        const build = new Array<string>();
        const e = scanIdentifiers(s, i + 1, end, build, false);
        if (e < 0) { this.fail(E_INVALID_VERSION_REQ, "build metadata: " + lastIdentError(), -1 - e); return null; }
        i = e;
      }
    }
    if (i < end && !isWs(s.charCodeAt(i))) {
      this.fail(E_INVALID_VERSION_REQ, "unexpected " + describe(s, i, end) + " in a version", i);
      return null;
    }
    if (p.parts == 3 && p.preEnd - p.numAt > MAX_VERSION_LENGTH) {
      // node-semver refuses to build a version this long from a comparator.
      this.fail(E_INVALID_VERSION_REQ, "a version is longer than " + MAX_VERSION_LENGTH.toString() + " characters", p.numAt + MAX_VERSION_LENGTH);
      return null;
    }
    p.end = i;
    return p;
  }
}

function describe(s: string, i: i32, end: i32): string {
  if (i >= end) return "end of input";
  const c = s.charCodeAt(i);
  if (c < 32 || c > 126) return "character U+" + c.toString(16).toUpperCase().padStart(4, "0");
  return "'" + s.charAt(i) + "'";
}

function ver(M: u64, m: u64, p: u64): Version {
  return new Version(M, m, p);
}

function verPre0(M: u64, m: u64, p: u64): Version {
  const v = new Version(M, m, p);
  v.pre = ["0"];
  return v;
}

function fullVersion(p: Partial): Version {
  const v = new Version(p.M, p.m, p.p);
  v.pre = p.pre;
  return v;
}

/** Bumps a part; past 2^53-1 node-semver refuses the resulting bound, and so do we. */
function bump(ps: Parser, n: u64, at: i32): u64 {
  if (n >= MAX_SAFE) ps.fail(E_INVALID_VERSION_REQ, "number is too large to take the next version of", at);
  return n + 1;
}

const PREFIX_OK_BARE: Array<string> = ["", "v", "=", "=v"];
const PREFIX_OK_OP: Array<string> = ["", "v"];

/** A full version may only carry the prefixes node-semver's comparator grammar accepts. */
function checkPrefix(ps: Parser, p: Partial, allowEq: bool): void {
  const ok = allowEq ? PREFIX_OK_BARE : PREFIX_OK_OP;
  if (!ok.includes(p.prefix)) ps.fail(E_INVALID_VERSION_REQ, "unexpected '" + p.prefix + "' before the version", p.start);
}

const CARET: i32 = 100;
const TILDE: i32 = 101;

/** Desugars `op partial` into `out` (node-semver's replaceCaret/replaceTilde/replaceXRange). */
function desugar(ps: Parser, op: i32, bare: bool, p: Partial, opAt: i32, out: Array<Comparator>): void {
  const M = p.M, m = p.m, pp = p.p;
  if (op == TILDE || op == CARET) {
    // First x wins; no order check (as in node-semver).
    if (p.xM) { out.push(new Comparator(OP_ANY, ver(0, 0, 0))); return; }
    if (p.xm) {
      out.push(new Comparator(OP_GE, ver(M, 0, 0), true, M == 0));
      out.push(new Comparator(OP_LT, verPre0(bump(ps, M, p.numAt), 0, 0)));
      return;
    }
    if (p.xp) {
      out.push(new Comparator(OP_GE, ver(M, m, 0), true, M == 0 && m == 0));
      if (op == CARET && M != 0) out.push(new Comparator(OP_LT, verPre0(bump(ps, M, p.numAt), 0, 0)));
      else out.push(new Comparator(OP_LT, verPre0(M, bump(ps, m, p.numAt), 0)));
      return;
    }
    const lo = fullVersion(p);
    out.push(new Comparator(OP_GE, lo, false, M == 0 && m == 0 && pp == 0 && lo.pre.length == 0 && p.prefix == ""));
    if (op == TILDE) out.push(new Comparator(OP_LT, verPre0(M, bump(ps, m, p.numAt), 0)));
    else if (M != 0) out.push(new Comparator(OP_LT, verPre0(bump(ps, M, p.numAt), 0, 0)));
    else if (m != 0) out.push(new Comparator(OP_LT, verPre0(0, bump(ps, m, p.numAt), 0)));
    else out.push(new Comparator(OP_LT, verPre0(0, 0, bump(ps, pp, p.numAt))));
    return;
  }
  // x-ranges and primitive comparators
  if ((p.xM && !p.xm) || (p.xm && p.parts == 3 && !p.xp)) {
    ps.fail(E_INVALID_VERSION_REQ, "an x may only be followed by more x's (1.x.x, not x.1)", p.numAt);
    return;
  }
  if (!p.anyX()) {
    checkPrefix(ps, p, bare || op == OP_EQ);
    const v = fullVersion(p);
    const anyNpm = op == OP_GE && p.prefix == "" && M == 0 && m == 0 && pp == 0 && v.pre.length == 0;
    out.push(new Comparator(op == OP_ANY ? OP_EQ : op, v, false, anyNpm));
    return;
  }
  if (p.xM) {
    if (op == OP_GT || op == OP_LT) out.push(new Comparator(OP_LT, verPre0(0, 0, 0))); // nothing
    else out.push(new Comparator(OP_ANY, ver(0, 0, 0)));
    return;
  }
  if (op != OP_ANY && op != OP_EQ) {
    let a = M, b: u64 = p.xm ? 0 : m;
    if (op == OP_GT) {
      if (p.xm) { a = bump(ps, M, p.numAt); b = 0; } else b = bump(ps, m, p.numAt);
      out.push(new Comparator(OP_GE, ver(a, b, 0), true, false));
    } else if (op == OP_GE) {
      out.push(new Comparator(OP_GE, ver(a, b, 0), true, a == 0 && b == 0));
    } else if (op == OP_LE) {
      if (p.xm) a = bump(ps, M, p.numAt); else b = bump(ps, m, p.numAt);
      out.push(new Comparator(OP_LT, verPre0(a, b, 0)));
    } else {
      out.push(new Comparator(OP_LT, verPre0(a, b, 0)));
    }
    return;
  }
  if (p.xm) {
    out.push(new Comparator(OP_GE, ver(M, 0, 0), true, M == 0));
    out.push(new Comparator(OP_LT, verPre0(bump(ps, M, p.numAt), 0, 0)));
  } else {
    out.push(new Comparator(OP_GE, ver(M, m, 0), true, M == 0 && m == 0));
    out.push(new Comparator(OP_LT, verPre0(M, bump(ps, m, p.numAt), 0)));
  }
}

/** `A - B` when the whole set has that shape; null (and no error) when it does not. */
function tryHyphen(ps: Parser, a: i32, b: i32, out: Array<Comparator>): bool {
  const s = ps.s;
  // Cheap shape check first: word, whitespace, "-", whitespace, word.
  let i = a;
  while (i < b && !isWs(s.charCodeAt(i))) i++;
  const w1 = i;
  while (i < b && isWs(s.charCodeAt(i))) i++;
  if (i == w1 || i >= b || s.charCodeAt(i) != 45) return false;
  i++;
  const dashEnd = i;
  while (i < b && isWs(s.charCodeAt(i))) i++;
  if (i == dashEnd || i >= b) return false;
  const w2 = i;
  while (i < b && !isWs(s.charCodeAt(i))) i++;
  if (i != b) return false;
  const from = ps.partial(a, w1);
  if (from === null) return true;
  const to = ps.partial(w2, b);
  if (to === null) return true;
  const f = from, t = to;
  if (!f.xM) {
    if (f.xm) out.push(new Comparator(OP_GE, ver(f.M, 0, 0), true, f.M == 0));
    else if (f.xp) out.push(new Comparator(OP_GE, ver(f.M, f.m, 0), true, f.M == 0 && f.m == 0));
    else {
      checkPrefix(ps, f, false);
      const v = fullVersion(f);
      const plain = v.pre.length == 0;
      out.push(new Comparator(OP_GE, v, plain, plain && f.prefix == "" && f.M == 0 && f.m == 0 && f.p == 0));
    }
  }
  if (!t.xM) {
    if (t.xm) out.push(new Comparator(OP_LT, verPre0(bump(ps, t.M, t.numAt), 0, 0)));
    else if (t.xp) out.push(new Comparator(OP_LT, verPre0(t.M, bump(ps, t.m, t.numAt), 0)));
    else {
      if (t.pre.length == 0) checkPrefix(ps, t, false);
      out.push(new Comparator(OP_LE, fullVersion(t)));
    }
  }
  if (out.length == 0) out.push(new Comparator(OP_ANY, ver(0, 0, 0)));
  return true;
}

/** One `||` alternative, s[a, b). */
function parseSet(ps: Parser, a: i32, b: i32): ComparatorSet | null {
  const s = ps.s;
  while (a < b && isWs(s.charCodeAt(a))) a++;
  while (b > a && isWs(s.charCodeAt(b - 1))) b--;
  const set = new ComparatorSet();
  const raw = new Array<Comparator>();
  if (a == b) {
    set.comps.push(new Comparator(OP_ANY, ver(0, 0, 0)));
    return set;
  }
  if (!tryHyphen(ps, a, b, raw)) {
    let i = a;
    while (i < b) {
      const opAt = i;
      let op = OP_ANY;
      let bare = true;
      const c = s.charCodeAt(i);
      if (c == 60 || c == 62) { // < >
        i++;
        const eq = i < b && s.charCodeAt(i) == 61;
        if (eq) i++;
        op = c == 60 ? (eq ? OP_LE : OP_LT) : (eq ? OP_GE : OP_GT);
        bare = false;
      } else if (c == 61) {
        i++;
        op = OP_EQ;
        bare = false;
      } else if (c == 126) { // ~ or ~>
        i++;
        if (i < b && s.charCodeAt(i) == 62) i++;
        op = TILDE;
        bare = false;
      } else if (c == 94) {
        i++;
        op = CARET;
        bare = false;
      }
      // node-semver allows whitespace between an operator and its version.
      if (!bare) while (i < b && isWs(s.charCodeAt(i))) i++;
      if (i >= b) { ps.fail(E_INVALID_VERSION_REQ, "an operator must be followed by a version", opAt); return null; }
      const p = ps.partial(i, b);
      if (p === null) return null;
      if (p.prefix.length > 0 && p.prefix.charCodeAt(0) == 61 && !bare && op != TILDE && op != CARET && !p.anyX()) {
        // `>==1.2.3` and friends
        ps.fail(E_INVALID_VERSION_REQ, "unexpected '=' after the operator", p.start);
        return null;
      }
      desugar(ps, op, bare, p, opAt, raw);
      if (ps.failed()) return null;
      if (raw.length > MAX_SET_COMPARATORS) {
        ps.fail(E_INPUT_TOO_LARGE, "more than " + MAX_SET_COMPARATORS.toString() + " comparators in one set", opAt);
        return null;
      }
      i = p.end;
      while (i < b && isWs(s.charCodeAt(i))) i++;
    }
  }
  if (ps.failed()) return null;
  // Like node-semver: drop "any" comparators from a set that has others.
  for (let k = 0; k < raw.length; k++) if (raw[k].op != OP_ANY) set.comps.push(raw[k]);
  if (set.comps.length == 0) set.comps.push(new Comparator(OP_ANY, ver(0, 0, 0)));
  return set;
}

/** Exact-only mode (ori): a full version `x.y.z[-pre][+build]` and nothing else. */
function parseExact(s: string, r: RangeParse): RangeParse {
  let a = 0, b = s.length;
  while (a < b && isWs(s.charCodeAt(a))) a++;
  while (b > a && isWs(s.charCodeAt(b - 1))) b--;
  if (a < b && s.charCodeAt(a) == 118) {
    r.code = E_VERSION_NOT_EXACT;
    r.message = "exact versions are written without a leading 'v'";
    r.column = a;
    return r;
  }
  const vp = parseVersionAt(s, a, b);
  if (vp.version === null) {
    r.code = vp.code == E_INPUT_TOO_LARGE ? E_INPUT_TOO_LARGE : E_VERSION_NOT_EXACT;
    r.message = a == b ? "an exact version x.y.z is required, found nothing" : "an exact version x.y.z is required: " + vp.message;
    r.column = a == b ? a : vp.column;
    return r;
  }
  const range = new Range();
  const set = new ComparatorSet();
  set.comps.push(new Comparator(OP_EQ, vp.version!));
  range.sets.push(set);
  r.range = range;
  return r;
}

export function parseRange(s: string, exactOnly: bool): RangeParse {
  const r = new RangeParse();
  if (s.length > MAX_RANGE_LENGTH) {
    r.code = E_INPUT_TOO_LARGE;
    r.message = "a version requirement is longer than " + MAX_RANGE_LENGTH.toString() + " characters";
    r.column = MAX_RANGE_LENGTH;
    return r;
  }
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c > 126 || (c < 32 && !isWs(c))) {
      r.code = exactOnly ? E_VERSION_NOT_EXACT : E_INVALID_VERSION_REQ;
      r.message = "unexpected " + describe(s, i, s.length);
      r.column = i;
      return r;
    }
  }
  if (exactOnly) return parseExact(s, r);
  const ps = new Parser(s, r);
  const range = new Range();
  let start = 0;
  let i = 0;
  const n = s.length;
  while (true) {
    // Split on "||" (a lone "|" is an error, reported by the set parser).
    let j = i;
    while (j < n && !(s.charCodeAt(j) == 124 && j + 1 < n && s.charCodeAt(j + 1) == 124)) {
      if (s.charCodeAt(j) == 124) {
        ps.fail(E_INVALID_VERSION_REQ, "a single '|': alternatives are separated by '||'", j);
        return r;
      }
      j++;
    }
    if (range.sets.length >= MAX_RANGE_SETS) {
      ps.fail(E_INPUT_TOO_LARGE, "more than " + MAX_RANGE_SETS.toString() + " '||' alternatives", start);
      return r;
    }
    const set = parseSet(ps, start, j);
    if (set === null) return r;
    range.sets.push(set);
    if (set.isAnyNpm()) range.anyNpm = true;
    if (j >= n) break;
    start = j + 2;
    i = start;
  }
  r.range = range;
  return r;
}
