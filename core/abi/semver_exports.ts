// Versions and ranges through the ABI (docs/ABI.md, "Versions and ranges").
// Every export returns a result handle: STATUS_OK with a wire message, or
// STATUS_ERROR with an error payload whose position is the 0-based column.
import { collectPoint, callUnits } from "./collect";
import { STATUS_OK, STATUS_ERROR, E_WIRE_FORMAT, E_INPUT_TOO_LARGE, E_INVALID_VERSION, E_BAD_OPTION, E_BAD_HANDLE } from "./codes";
import { putResult } from "./results";
import { WireReader, WireWriter, errorPayload, HEADER_SIZE, WIRE_MAGIC, WIRE_VERSION } from "./wire";
import { ReleaseMatcher, VersionList, scanRawPrerelease, satisfiesRawPrerelease } from "../semver/filter";
import { Version, parseVersionAt, compareVersions, MAX_SAFE, MAX_VERSION_LENGTH } from "../semver/version";
import { Range, parseRange, MAX_RANGE_LENGTH } from "../semver/range";
import { isValidPolicy } from "../semver/policy";
import { VersionSet, rangeToSet } from "../semver/set";
import { printSet } from "../semver/print";

export const KIND_SEMVER_VERSION: u16 = 40;
export const KIND_SEMVER_RANGE: u16 = 41;
export const KIND_SEMVER_VALUE: u16 = 42;
export const KIND_SEMVER_INDICES: u16 = 43;

const SET_INTERSECT: i32 = 0;
const SET_UNION: i32 = 1;
const SET_COMPLEMENT: i32 = 2;
const SET_SUBSET: i32 = 3;
const SET_SIMPLIFY: i32 = 4;
const SET_DISJOINT: i32 = 5;
const SET_EQUAL: i32 = 6;

function err(code: i32, message: string, column: i32 = -1, detail: string = ""): u32 {
  return putResult(STATUS_ERROR, errorPayload(code, message, column, detail));
}

function value(w0: u32, s: string | null = null): u32 {
  const w = new WireWriter(KIND_SEMVER_VALUE);
  w.word(w0);
  if (s !== null) w.word(w.str(s));
  return putResult(STATUS_OK, w.finish());
}

function text(ptr: usize, len: i32): string {
  return String.UTF8.decodeUnsafe(ptr, <usize>len);
}

function badPolicy(policy: i32): u32 {
  return err(E_BAD_OPTION, "unknown prerelease policy " + policy.toString() + " (0 npm, 1 include, 2 fallback)");
}

function versionMessage(v: Version): ArrayBuffer {
  const w = new WireWriter(KIND_SEMVER_VERSION);
  w.word(w.str(v.toString()));
  w.word(<u32>v.major); w.word(<u32>(v.major >> 32));
  w.word(<u32>v.minor); w.word(<u32>(v.minor >> 32));
  w.word(<u32>v.patch); w.word(<u32>(v.patch >> 32));
  w.word(<u32>v.pre.length);
  for (let i = 0; i < v.pre.length; i++) w.word(w.str(v.pre[i]));
  w.word(<u32>v.build.length);
  for (let i = 0; i < v.build.length; i++) w.word(w.str(v.build[i]));
  return w.finish();
}

/** UTF-8 text in; a KIND_SEMVER_VERSION message out. */
export function semver_parse_version(ptr: usize, len: i32): u32 {
  collectPoint(callUnits(len));
  if (len > MAX_VERSION_LENGTH * 4) return err(E_INPUT_TOO_LARGE, "a version is longer than " + MAX_VERSION_LENGTH.toString() + " characters", MAX_VERSION_LENGTH);
  const s = text(ptr, len);
  const r = parseVersionAt(s, 0, s.length);
  if (r.version === null) return err(r.code, r.message, r.column);
  return putResult(STATUS_OK, versionMessage(r.version!));
}

/** Strings message [a, b] in; value -1/0/1 (as a u32) out. */
export function semver_compare(ptr: usize, len: i32): u32 {
  collectPoint(callUnits(len));
  const rd = new WireReader(ptr, len);
  if (!rd.ok || rd.stringCount < 2) return err(E_WIRE_FORMAT, rd.ok ? "expected two strings" : rd.error);
  if (rd.strLen(0) > MAX_VERSION_LENGTH * 4) return err(E_INPUT_TOO_LARGE, "a version is too long", MAX_VERSION_LENGTH, "0");
  const as = rd.str(0);
  const a = parseVersionAt(as, 0, as.length);
  if (a.version === null) return err(a.code, a.message, a.column, "0");
  if (rd.strLen(1) > MAX_VERSION_LENGTH * 4) return err(E_INPUT_TOO_LARGE, "a version is too long", MAX_VERSION_LENGTH, "1");
  const bs = rd.str(1);
  const b = parseVersionAt(bs, 0, bs.length);
  if (b.version === null) return err(b.code, b.message, b.column, "1");
  return value(<u32>compareVersions(a.version!, b.version!));
}

function readRange(ptr: usize, len: i32, exactOnly: bool, detail: string = ""): Range | null {
  lastRangeError = 0;
  if (len > MAX_RANGE_LENGTH * 4) {
    lastRangeError = err(E_INPUT_TOO_LARGE, "a version requirement is longer than " + MAX_RANGE_LENGTH.toString() + " characters", MAX_RANGE_LENGTH, detail);
    return null;
  }
  const r = parseRange(text(ptr, len), exactOnly);
  if (r.range === null) {
    lastRangeError = err(r.code, r.message, r.column, detail);
    return null;
  }
  return r.range;
}
let lastRangeError: u32 = 0;

/**
 * UTF-8 range text in (flags bit 0: exact-only; bit 1: skip the simplest
 * form, which is then the normalized one with exact 0); out: words
 * [normalized_str, simplest_str, simplest_exact].
 */
export function semver_parse_range(ptr: usize, len: i32, flags: i32, policy: i32): u32 {
  collectPoint(callUnits(len));
  if (!isValidPolicy(policy)) return badPolicy(policy);
  const r = readRange(ptr, len, (flags & 1) != 0);
  if (r === null) return lastRangeError;
  const w = new WireWriter(KIND_SEMVER_RANGE);
  const normalized = r.toStringFor(policy);
  w.word(w.str(normalized));
  if ((flags & 2) != 0) {
    // The printer re-parses candidates; callers that only validate skip it.
    w.word(w.str(normalized));
    w.word(0);
  } else {
    const printed = printSet(rangeToSet(r, policy), policy);
    w.word(w.str(printed.text));
    w.word(printed.exact ? 1 : 0);
  }
  return putResult(STATUS_OK, w.finish());
}

/** Strings message [version, range] in; value 0/1 out. */
export function semver_satisfies(ptr: usize, len: i32, policy: i32): u32 {
  collectPoint(callUnits(len));
  if (!isValidPolicy(policy)) return badPolicy(policy);
  const rd = new WireReader(ptr, len);
  if (!rd.ok || rd.stringCount < 2) return err(E_WIRE_FORMAT, rd.ok ? "expected two strings" : rd.error);
  if (rd.strLen(0) > MAX_VERSION_LENGTH * 4) return err(E_INPUT_TOO_LARGE, "a version is too long", MAX_VERSION_LENGTH, "0");
  const vs = rd.str(0);
  const v = parseVersionAt(vs, 0, vs.length);
  if (v.version === null) return err(v.code, v.message, v.column, "0");
  const r = readRange(rd.strPtr(1), rd.strLen(1), false, "1");
  if (r === null) return lastRangeError;
  return value(r.satisfies(v.version!, policy) ? 1 : 0);
}

// Scratch for the allocation-free release scan below.
let rawM: u64 = 0;
let rawm: u64 = 0;
let rawp: u64 = 0;

/**
 * Reads `M.m.p` (optional leading "v") straight from memory. 1: a plain
 * release (in rawM/rawm/rawp); 0: anything else (prerelease, build, or
 * invalid), which the caller handles the slow way.
 */
function scanRelease(p: usize, len: i32): i32 {
  let i = 0;
  if (len > 0 && load<u8>(p) == 118) i++;
  for (let part = 0; part < 3; part++) {
    if (part > 0) {
      if (i >= len || load<u8>(p + i) != 46) return 0;
      i++;
    }
    const start = i;
    let v: u64 = 0;
    while (i < len) {
      const c = <i32>load<u8>(p + i) - 48;
      if (c < 0 || c > 9) break;
      v = v * 10 + <u64>c;
      if (v > MAX_SAFE) return 0;
      i++;
    }
    if (i == start || (i - start > 1 && load<u8>(p + start) == 48)) return 0;
    if (part == 0) rawM = v;
    else if (part == 1) rawm = v;
    else rawp = v;
  }
  return i == len ? 1 : 0;
}

/**
 * Batch filter. Input: a wire message whose words are [range_str, v_str...];
 * out: KIND_SEMVER_INDICES whose words are the positions (0-based, ascending)
 * of the versions that satisfy the range. Releases and well-formed prereleases
 * are matched without allocating; an invalid version is an error whose detail
 * is its position.
 */
export function semver_filter(ptr: usize, len: i32, policy: i32): u32 {
  collectPoint(callUnits(len));
  if (!isValidPolicy(policy)) return badPolicy(policy);
  const rd = new WireReader(ptr, len);
  if (!rd.ok || rd.wordCount < 1) return err(E_WIRE_FORMAT, rd.ok ? "expected a range and a list of versions" : rd.error);
  const rs = rd.nextStr();
  if (!rd.ok) return err(E_WIRE_FORMAT, rd.error);
  const r = readRange(rd.strPtr(rs), rd.strLen(rs), false);
  if (r === null) return lastRangeError;
  const n = rd.wordCount - 1;
  const fast = new ReleaseMatcher(r, policy);
  // Indices go straight into the result message: header, no strings, words.
  const hits = new StaticArray<u32>(n);
  let count = 0;
  for (let i = 0; i < n; i++) {
    const si = rd.nextStr();
    if (!rd.ok) return err(E_WIRE_FORMAT, rd.error);
    const p = rd.strPtr(si), l = rd.strLen(si);
    let ok: bool;
    if (scanRelease(p, l)) {
      ok = fast.test(rawM, rawm, rawp);
    } else if (scanRawPrerelease(p, l)) {
      ok = satisfiesRawPrerelease(r, policy);
    } else {
      if (l > MAX_VERSION_LENGTH * 4) return err(E_INPUT_TOO_LARGE, "a version is too long", MAX_VERSION_LENGTH, i.toString());
      const s = text(p, l);
      const v = parseVersionAt(s, 0, s.length);
      if (v.version === null) return err(v.code == 0 ? E_INVALID_VERSION : v.code, v.message, v.column, i.toString());
      ok = r.satisfies(v.version!, policy);
    }
    if (ok) unchecked((hits[count++] = <u32>i));
  }
  return indicesResult(hits, count);
}

function indicesResult(hits: StaticArray<u32>, count: i32): u32 {
  const out = new ArrayBuffer(HEADER_SIZE + count * 4);
  const o = changetype<usize>(out);
  store<u32>(o, WIRE_MAGIC);
  store<u16>(o, WIRE_VERSION, 4);
  store<u16>(o, KIND_SEMVER_INDICES, 6);
  store<u32>(o, 0, 8);
  store<u32>(o, <u32>count, 12);
  memory.copy(o + HEADER_SIZE, changetype<usize>(hits), <usize>count << 2);
  return putResult(STATUS_OK, out);
}

// Version lists kept in the core between calls (semver_list_*).
const lists = new Map<u32, VersionList>();
let nextList: u32 = 1;

/**
 * Parses a version list once and keeps it: input is a strings message whose
 * words are the versions' string indices; out: value [list_id, count].
 */
export function semver_list_new(ptr: usize, len: i32): u32 {
  collectPoint(callUnits(len));
  const rd = new WireReader(ptr, len);
  if (!rd.ok) return err(E_WIRE_FORMAT, rd.error);
  const n = rd.wordCount;
  const list = new VersionList(n);
  for (let i = 0; i < n; i++) {
    const si = rd.nextStr();
    if (!rd.ok) return err(E_WIRE_FORMAT, rd.error);
    const p = rd.strPtr(si), l = rd.strLen(si);
    if (scanRelease(p, l)) {
      list.setRelease(i, rawM, rawm, rawp);
      continue;
    }
    if (l > MAX_VERSION_LENGTH * 4) return err(E_INPUT_TOO_LARGE, "a version is too long", MAX_VERSION_LENGTH, i.toString());
    const s = text(p, l);
    const v = parseVersionAt(s, 0, s.length);
    if (v.version === null) return err(v.code, v.message, v.column, i.toString());
    list.set(i, v.version!);
  }
  const id = nextList++;
  if (nextList == 0) nextList = 1;
  lists.set(id, list);
  const w = new WireWriter(KIND_SEMVER_VALUE);
  w.word(id);
  w.word(<u32>n);
  return putResult(STATUS_OK, w.finish());
}

/** Filters a kept list by the UTF-8 range text at (ptr, len); out: kind 43 positions. */
export function semver_list_filter(id: u32, ptr: usize, len: i32, policy: i32): u32 {
  collectPoint(callUnits(len));
  if (!isValidPolicy(policy)) return badPolicy(policy);
  if (!lists.has(id)) return err(E_BAD_HANDLE, "unknown version list " + id.toString());
  const list = lists.get(id);
  const r = readRange(ptr, len, false);
  if (r === null) return lastRangeError;
  const hits = new StaticArray<u32>(list.length);
  return indicesResult(hits, list.filterInto(r, policy, hits));
}

/** semver_list_filter with the (ptr, len) first, as hosts that pass an input block first prefer. */
export function semver_list_filter_text(ptr: usize, len: i32, id: u32, policy: i32): u32 {
  return semver_list_filter(id, ptr, len, policy);
}

export function semver_list_free(id: u32): void {
  lists.delete(id);
}

/**
 * Set algebra on ranges. Input: strings message [a, b] (b unused by
 * complement and simplify). op: 0 intersect, 1 union, 2 complement,
 * 3 subset (a ⊆ b), 4 simplify, 5 disjoint, 6 equal. Out: KIND_SEMVER_VALUE
 * words [answer, text_str, exact] — for 0–2 and 4 the answer is 1 and text
 * is the simplest equivalent range; exact is 0 when no range in node-semver
 * grammar denotes the set under this policy (docs/SEMVER.md); for 3, 5, 6 the
 * answer is 0/1.
 */
export function semver_set_op(ptr: usize, len: i32, op: i32, policy: i32): u32 {
  collectPoint(callUnits(len));
  if (!isValidPolicy(policy)) return badPolicy(policy);
  if (op < 0 || op > 6) return err(E_BAD_OPTION, "unknown set operation " + op.toString());
  const rd = new WireReader(ptr, len);
  const need = op == SET_COMPLEMENT || op == SET_SIMPLIFY ? 1 : 2;
  if (!rd.ok || rd.stringCount < need) return err(E_WIRE_FORMAT, rd.ok ? "expected " + need.toString() + " range strings" : rd.error);
  const ra = readRange(rd.strPtr(0), rd.strLen(0), false, "0");
  if (ra === null) return lastRangeError;
  const a = rangeToSet(ra, policy);
  let b: VersionSet | null = null;
  if (need == 2) {
    const rb = readRange(rd.strPtr(1), rd.strLen(1), false, "1");
    if (rb === null) return lastRangeError;
    b = rangeToSet(rb, policy);
  }
  let out: VersionSet;
  if (op == SET_INTERSECT) out = a.intersect(b!);
  else if (op == SET_UNION) out = a.union(b!);
  else if (op == SET_COMPLEMENT) out = a.complement();
  else if (op == SET_SIMPLIFY) out = a;
  else if (op == SET_SUBSET) return value(a.isSubsetOf(b!) ? 1 : 0);
  else if (op == SET_DISJOINT) return value(a.intersect(b!).isEmpty() ? 1 : 0);
  else return value(a.equals(b!) ? 1 : 0);
  const printed = printSet(out, policy);
  const w = new WireWriter(KIND_SEMVER_VALUE);
  w.word(1);
  w.word(w.str(printed.text));
  w.word(printed.exact ? 1 : 0);
  return putResult(STATUS_OK, w.finish());
}

// Set calculator opcodes (semver_set_eval).
const EV_PUSH: u32 = 1;
const EV_NOT: u32 = 2;
const EV_AND: u32 = 3;
const EV_OR: u32 = 4;
const EV_MINUS: u32 = 5;
const EV_OUT_EQUAL: u32 = 6;
const EV_OUT_SUBSET: u32 = 7;
const EV_OUT_CONTAINS: u32 = 8;
const EV_OUT_PRINT: u32 = 9;
const EV_DUP: u32 = 10;
const EV_OUT_EMPTY: u32 = 11;
const EV_MAX_STACK: i32 = 64;

/**
 * A small stack machine over version sets, so a host can combine many ranges
 * in one call without the sets passing through (possibly inexact) range text.
 * Input: strings (ranges and versions) and words = a program of opcodes, some
 * followed by a string index. Output: KIND_SEMVER_VALUE words appended by the
 * OUT_* opcodes (0/1, or text_str + exact for OUT_PRINT).
 */
export function semver_set_eval(ptr: usize, len: i32, policy: i32): u32 {
  collectPoint(callUnits(len));
  if (!isValidPolicy(policy)) return badPolicy(policy);
  const rd = new WireReader(ptr, len);
  if (!rd.ok) return err(E_WIRE_FORMAT, rd.error);
  const stack = new Array<VersionSet>();
  const w = new WireWriter(KIND_SEMVER_VALUE);
  while (rd.hasMore()) {
    const at = rd.pos;
    const op = rd.next();
    const need: i32 = op == EV_PUSH ? 0 : op == EV_NOT || op == EV_DUP || op == EV_OUT_CONTAINS || op == EV_OUT_PRINT || op == EV_OUT_EMPTY ? 1 : 2;
    if (op < EV_PUSH || op > EV_OUT_EMPTY) return err(E_WIRE_FORMAT, "unknown set opcode " + op.toString() + " at word " + at.toString());
    if (stack.length < need) return err(E_WIRE_FORMAT, "set program pops an empty stack at word " + at.toString());
    if (op == EV_PUSH || op == EV_OUT_CONTAINS) {
      const si = rd.nextStr();
      if (!rd.ok) return err(E_WIRE_FORMAT, rd.error);
      if (op == EV_PUSH) {
        if (stack.length >= EV_MAX_STACK) return err(E_INPUT_TOO_LARGE, "set program stack deeper than " + EV_MAX_STACK.toString());
        const r = readRange(rd.strPtr(si), rd.strLen(si), false, si.toString());
        if (r === null) return lastRangeError;
        stack.push(rangeToSet(r, policy));
      } else {
        if (rd.strLen(si) > MAX_VERSION_LENGTH * 4) return err(E_INPUT_TOO_LARGE, "a version is too long", MAX_VERSION_LENGTH, si.toString());
        const s = rd.str(si);
        const v = parseVersionAt(s, 0, s.length);
        if (v.version === null) return err(v.code, v.message, v.column, si.toString());
        w.word(stack[stack.length - 1].contains(v.version!) ? 1 : 0);
      }
      continue;
    }
    if (op == EV_NOT) { stack.push(stack.pop().complement()); continue; }
    if (op == EV_DUP) {
      if (stack.length >= EV_MAX_STACK) return err(E_INPUT_TOO_LARGE, "set program stack deeper than " + EV_MAX_STACK.toString());
      stack.push(stack[stack.length - 1]);
      continue;
    }
    if (op == EV_OUT_PRINT) {
      const p = printSet(stack.pop(), policy);
      w.word(w.str(p.text));
      w.word(p.exact ? 1 : 0);
      continue;
    }
    if (op == EV_OUT_EMPTY) { w.word(stack.pop().isEmpty() ? 1 : 0); continue; }
    const b = stack.pop();
    const a = stack.pop();
    if (op == EV_AND) stack.push(a.intersect(b));
    else if (op == EV_OR) stack.push(a.union(b));
    else if (op == EV_MINUS) stack.push(a.difference(b));
    else if (op == EV_OUT_EQUAL) w.word(a.equals(b) ? 1 : 0);
    else w.word(a.isSubsetOf(b) ? 1 : 0);
  }
  return putResult(STATUS_OK, w.finish());
}
