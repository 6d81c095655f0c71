// Batch filtering: which versions of a sorted list a range admits.
import { Version, MAX_SAFE, MAX_VERSION_LENGTH } from "./version";
import { Range, OP_ANY, OP_GE, OP_LT, OP_GT, OP_LE } from "./range";
import { PRERELEASE_NPM, PRERELEASE_FALLBACK } from "./policy";

/**
 * Indices (ascending) of the versions in `sorted` (ascending precedence) that
 * satisfy `r` under `policy`. The npm prerelease rule makes the matching
 * versions non-contiguous, so this is a linear scan; releases go through a
 * flattened matcher and it allocates only the result.
 */
export function filterSorted(sorted: Array<Version>, r: Range, policy: i32): Array<i32> {
  const out = new Array<i32>();
  const fast = new ReleaseMatcher(r, policy);
  for (let i = 0; i < sorted.length; i++) {
    const v = unchecked(sorted[i]);
    if (v.pre.length == 0 ? fast.test(v.major, v.minor, v.patch) : r.satisfies(v, policy)) out.push(i);
  }
  return out;
}

/**
 * A range flattened for testing releases (no prerelease): per comparator its
 * operator, bound M.m.p and the comparison result on a tie of M.m.p (1 when
 * the effective bound is a prerelease of it, else 0). Batch filtering tests
 * thousands of releases against one range, so this avoids object walks.
 */
export class ReleaseMatcher {
  ops: StaticArray<i32>;
  major: StaticArray<u64>;
  minor: StaticArray<u64>;
  patch: StaticArray<u64>;
  tie: StaticArray<i32>;
  /** End index (exclusive) of each set's comparators. */
  setEnd: StaticArray<i32>;
  any: bool;

  constructor(r: Range, policy: i32) {
    let n = 0;
    for (let i = 0; i < r.sets.length; i++) n += r.sets[i].comps.length;
    this.ops = new StaticArray<i32>(n);
    this.major = new StaticArray<u64>(n);
    this.minor = new StaticArray<u64>(n);
    this.patch = new StaticArray<u64>(n);
    this.tie = new StaticArray<i32>(n);
    this.setEnd = new StaticArray<i32>(r.sets.length);
    this.any = policy == PRERELEASE_NPM && r.anyNpm;
    let k = 0;
    for (let i = 0; i < r.sets.length; i++) {
      const comps = r.sets[i].comps;
      for (let j = 0; j < comps.length; j++) {
        const c = comps[j];
        const b = c.effectiveBound(policy);
        this.ops[k] = c.op;
        this.major[k] = b.major;
        this.minor[k] = b.minor;
        this.patch[k] = b.patch;
        this.tie[k] = b.pre.length > 0 ? 1 : 0;
        k++;
      }
      this.setEnd[i] = k;
    }
  }

  test(M: u64, m: u64, p: u64): bool {
    if (this.any) return true;
    let k = 0;
    const sets = this.setEnd.length;
    for (let s = 0; s < sets; s++) {
      const end = unchecked(this.setEnd[s]);
      let ok = true;
      for (; k < end; k++) {
        const op = unchecked(this.ops[k]);
        if (op == OP_ANY) continue;
        const bM = unchecked(this.major[k]), bm = unchecked(this.minor[k]), bp = unchecked(this.patch[k]);
        let c: i32;
        if (M != bM) c = M < bM ? -1 : 1;
        else if (m != bm) c = m < bm ? -1 : 1;
        else if (p != bp) c = p < bp ? -1 : 1;
        else c = unchecked(this.tie[k]);
        let pass: bool;
        if (op == OP_GE) pass = c >= 0;
        else if (op == OP_LT) pass = c < 0;
        else if (op == OP_GT) pass = c > 0;
        else if (op == OP_LE) pass = c <= 0;
        else pass = c == 0;
        if (!pass) { ok = false; k = end; break; }
      }
      if (ok) return true;
    }
    return false;
  }
}

/**
 * A version list parsed once and kept in the core, so that filtering it by
 * many ranges costs only the range parse and one matcher pass each.
 * Releases live in flat arrays; prereleases also keep their parsed Version.
 */
export class VersionList {
  major: StaticArray<u64>;
  minor: StaticArray<u64>;
  patch: StaticArray<u64>;
  /** The parsed version where it is a prerelease, null for a release. */
  pres: Array<Version | null>;

  constructor(n: i32) {
    this.major = new StaticArray<u64>(n);
    this.minor = new StaticArray<u64>(n);
    this.patch = new StaticArray<u64>(n);
    this.pres = new Array<Version | null>(n);
  }

  get length(): i32 {
    return this.major.length;
  }

  set(i: i32, v: Version): void {
    this.major[i] = v.major;
    this.minor[i] = v.minor;
    this.patch[i] = v.patch;
    this.pres[i] = v.pre.length > 0 ? v : null;
  }

  setRelease(i: i32, M: u64, m: u64, p: u64): void {
    this.major[i] = M;
    this.minor[i] = m;
    this.patch[i] = p;
    this.pres[i] = null;
  }

  /** Positions of the versions that satisfy `r`, written to `out`; returns the count. */
  filterInto(r: Range, policy: i32, out: StaticArray<u32>): i32 {
    const fast = new ReleaseMatcher(r, policy);
    let count = 0;
    const n = this.major.length;
    for (let i = 0; i < n; i++) {
      const pv = unchecked(this.pres[i]);
      const ok = pv === null ? fast.test(unchecked(this.major[i]), unchecked(this.minor[i]), unchecked(this.patch[i])) : r.satisfies(pv, policy);
      if (ok) unchecked((out[count++] = <u32>i));
    }
    return count;
  }
}

// A prerelease version read straight from memory (semver_filter's fast path
// for prereleases): its M.m.p and the byte slice of its prerelease part.
let rawM: u64 = 0;
let rawm: u64 = 0;
let rawp: u64 = 0;
let rawPreAt: usize = 0;
let rawPreLen: i32 = 0;

// @ts-ignore: decorator
@inline function isDigitByte(c: u32): bool {
  return c - 48 < 10;
}

// @ts-ignore: decorator
@inline function isIdentByte(c: u32): bool {
  return c - 48 < 10 || c - 65 < 26 || c - 97 < 26 || c == 45;
}

/** Scans dot-separated identifiers at p[i, len) up to `stop` (or the end); returns the end, or -1 if malformed. */
function scanIds(p: usize, i: i32, len: i32, stop: u32, numericRule: bool): i32 {
  while (true) {
    const start = i;
    let digits = true;
    while (i < len) {
      const c = <u32>load<u8>(p + i);
      if (!isIdentByte(c)) break;
      if (!isDigitByte(c)) digits = false;
      i++;
    }
    if (i == start) return -1;
    if (numericRule && digits && i - start > 1 && load<u8>(p + start) == 48) return -1;
    if (i < len && load<u8>(p + i) == 46) { i++; continue; }
    if (i < len && <u32>load<u8>(p + i) != stop) return -1;
    return i;
  }
  return -1; // not reached
}

/**
 * Reads `[v]M.m.p-pre[+build]` at p[0, len) without allocating. 1: a valid
 * prerelease (parts in rawM/rawm/rawp, prerelease slice in rawPreAt/rawPreLen);
 * 0: anything else, left to the full parser (which also reports errors).
 */
export function scanRawPrerelease(p: usize, len: i32): i32 {
  if (len > MAX_VERSION_LENGTH) return 0;
  let i = 0;
  if (len > 0 && load<u8>(p) == 118) i++;
  for (let part = 0; part < 3; part++) {
    if (part > 0) {
      if (i >= len || load<u8>(p + i) != 46) return 0;
      i++;
    }
    const start = i;
    let v: u64 = 0;
    while (i < len && isDigitByte(<u32>load<u8>(p + i))) {
      v = v * 10 + <u64>(load<u8>(p + i) - 48);
      if (v > MAX_SAFE) return 0;
      i++;
    }
    if (i == start || (i - start > 1 && load<u8>(p + start) == 48)) return 0;
    if (part == 0) rawM = v;
    else if (part == 1) rawm = v;
    else rawp = v;
  }
  if (i >= len || load<u8>(p + i) != 45) return 0;
  const preStart = i + 1;
  const preEnd = scanIds(p, preStart, len, 43, true);
  if (preEnd < 0) return 0;
  if (preEnd < len) {
    const buildEnd = scanIds(p, preEnd + 1, len, 0x100, false);
    if (buildEnd != len) return 0;
  }
  rawPreAt = p + preStart;
  rawPreLen = preEnd - preStart;
  return 1;
}

function isNumericString(s: string): bool {
  const n = s.length;
  for (let i = 0; i < n; i++) if (!isDigitByte(<u32>s.charCodeAt(i))) return false;
  return n > 0;
}

/** comparePre(raw prerelease, b) for a non-empty b, identifier by identifier. */
function compareRawPre(b: Array<string>): i32 {
  const at = rawPreAt, len = rawPreLen;
  let i = 0, k = 0;
  while (true) {
    if (k >= b.length) return 1; // raw has more identifiers
    let j = i;
    let digits = true;
    while (j < len && load<u8>(at + j) != 46) {
      if (!isDigitByte(<u32>load<u8>(at + j))) digits = false;
      j++;
    }
    const id = unchecked(b[k]);
    const idNum = isNumericString(id);
    let c = 0;
    if (digits && !idNum) c = -1;
    else if (!digits && idNum) c = 1;
    else {
      const rl = j - i, bl = id.length;
      if (digits && rl != bl) c = rl < bl ? -1 : 1;
      else {
        const n = min(rl, bl);
        for (let x = 0; x < n && c == 0; x++) {
          const u = <i32>load<u8>(at + i + x), w = id.charCodeAt(x);
          if (u != w) c = u < w ? -1 : 1;
        }
        if (c == 0 && rl != bl) c = rl < bl ? -1 : 1;
      }
    }
    if (c != 0) return c;
    k++;
    if (j >= len) return k < b.length ? -1 : 0;
    i = j + 1;
  }
  return 0; // not reached
}

function rawPreIsZero(): bool {
  return rawPreLen == 1 && load<u8>(rawPreAt) == 48;
}

/** Range.satisfies for the prerelease last read by scanRawPrerelease. */
export function satisfiesRawPrerelease(r: Range, policy: i32): bool {
  if (policy == PRERELEASE_NPM && r.anyNpm) return false;
  for (let s = 0; s < r.sets.length; s++) {
    const comps = unchecked(r.sets[s]).comps;
    let ok = true;
    let named = false;
    for (let k = 0; k < comps.length && ok; k++) {
      const c = unchecked(comps[k]);
      const op = c.op;
      if (op == OP_ANY) continue;
      const b = c.v;
      if (b.pre.length > 0 && b.major == rawM && b.minor == rawm && b.patch == rawp) named = true;
      let cmp: i32;
      if (rawM != b.major) cmp = rawM < b.major ? -1 : 1;
      else if (rawm != b.minor) cmp = rawm < b.minor ? -1 : 1;
      else if (rawp != b.patch) cmp = rawp < b.patch ? -1 : 1;
      else if ((c.pre0 && policy != PRERELEASE_NPM) || (policy == PRERELEASE_FALLBACK && op == OP_LT && b.pre.length == 0)) cmp = rawPreIsZero() ? 0 : 1;
      else if (b.pre.length == 0) cmp = -1;
      else cmp = compareRawPre(b.pre);
      if (op == OP_GE) ok = cmp >= 0;
      else if (op == OP_LT) ok = cmp < 0;
      else if (op == OP_GT) ok = cmp > 0;
      else if (op == OP_LE) ok = cmp <= 0;
      else ok = cmp == 0;
    }
    if (!ok) continue;
    if (policy != PRERELEASE_NPM || named) return true;
  }
  return false;
}
