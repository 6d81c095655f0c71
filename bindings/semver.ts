// Versions and ranges over the Wasm core (docs/SEMVER.md, docs/ABI.md
// "Versions and ranges"): typed functions that return values or throw a
// CairnError carrying the core's code and the 1-based column.
import { core, type Core } from "./core.js";
import { WireWriter, WireReader, KIND_STRINGS, HEADER_SIZE, WIRE_MAGIC, WIRE_VERSION } from "./wire.js";
import { CairnError, CORE_CODE_NAMES, type ErrorCode } from "./errors.js";
import { STATUS_OK } from "../core/abi/codes.js";

export type PrereleasePolicy = "npm" | "include" | "fallback";

export interface SemverOptions {
  /** Which prereleases a range admits (default "npm", node-semver's rule). */
  prerelease?: PrereleasePolicy;
  /** A specific core instance (default: the shared one). */
  core?: Core;
}

export interface ParsedVersion {
  /** Canonical text (no leading "v"; build metadata kept). */
  version: string;
  major: number;
  minor: number;
  patch: number;
  prerelease: string[];
  build: string[];
}

export interface ParsedRange {
  /** node-semver's desugared form: primitive comparators per `||` alternative. */
  normalized: string;
  /** The simplest range denoting the same versions under the policy. */
  simplest: string;
  /** False when no range denotes the set exactly (then `simplest` is the closest). */
  exact: boolean;
}

export interface SetResult {
  range: string;
  exact: boolean;
}

const POLICY: Record<PrereleasePolicy, number> = { npm: 0, include: 1, fallback: 2 };
const SET_OP = { intersect: 0, union: 1, complement: 2, subset: 3, simplify: 4, disjoint: 5, equal: 6 } as const;

function policyOf(opts: SemverOptions | undefined): number {
  const p = opts?.prerelease ?? "npm";
  const n = POLICY[p];
  if (n === undefined) {
    throw new CairnError("E_BAD_OPTION", `unknown prerelease policy ${JSON.stringify(p)}`, { hint: "use one of: npm, include, fallback" });
  }
  return n;
}

const utf8 = new TextEncoder();
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

function strings(...xs: string[]): Uint8Array {
  const w = new WireWriter(KIND_STRINGS);
  for (const x of xs) w.word(w.bytes(utf8.encode(x)));
  return w.finish();
}

function snippet(s: string): string {
  return s.length > 60 ? JSON.stringify(s.slice(0, 57)) + "…" : JSON.stringify(s);
}

/** Turns an error payload into a CairnError; `inputs` names what detail indices refer to. */
function toError(bytes: Uint8Array, inputs: string[], labels: string[]): CairnError {
  const r = new WireReader(bytes);
  const num = r.word(0);
  const pos = r.word(1);
  const message = r.str(r.word(2));
  const detail = r.str(r.word(3));
  const code: ErrorCode = CORE_CODE_NAMES.get(num) ?? "E_INTERNAL";
  const idx = detail === "" ? 0 : Number(detail);
  const input = inputs[Math.min(idx, inputs.length - 1)] ?? "";
  const label = labels[Math.min(idx, labels.length - 1)];
  const column = pos === 0xffffffff ? undefined : pos + 1;
  const where = column !== undefined ? ` at column ${column}` : "";
  return new CairnError(code, `${message}${where} of ${snippet(input)}`, {
    location: { ...(column !== undefined ? { column } : {}), ...(label ? { path: label } : {}) },
    details: { input },
  });
}

function call(c: Core, name: string, input: Uint8Array, args: number[], inputs: string[], labels: string[]): WireReader {
  const r = c.callWithInput(name, input, ...args);
  if (r.status !== STATUS_OK) throw toError(r.bytes, inputs, labels);
  return new WireReader(r.bytes);
}

export function parseVersion(text: string, opts?: SemverOptions): ParsedVersion {
  const r = call(opts?.core ?? core(), "semver_parse_version", utf8.encode(text), [], [text], []);
  const u64 = (i: number) => r.word(i) + r.word(i + 1) * 2 ** 32;
  const out: ParsedVersion = { version: r.str(r.word(0)), major: u64(1), minor: u64(3), patch: u64(5), prerelease: [], build: [] };
  let i = 7;
  const np = r.word(i++);
  for (let k = 0; k < np; k++) out.prerelease.push(r.str(r.word(i++)));
  const nb = r.word(i++);
  for (let k = 0; k < nb; k++) out.build.push(r.str(r.word(i++)));
  return out;
}

/** True when `text` is a valid version (no exception). */
export function isValidVersion(text: string, opts?: SemverOptions): boolean {
  try {
    parseVersion(text, opts);
    return true;
  } catch (e) {
    if (e instanceof CairnError) return false;
    throw e;
  }
}

/** SemVer precedence: -1, 0 or 1 (build metadata ignored). */
export function compareVersions(a: string, b: string, opts?: SemverOptions): -1 | 0 | 1 {
  const r = call(opts?.core ?? core(), "semver_compare", strings(a, b), [], [a, b], ["a", "b"]);
  return (r.word(0) | 0) as -1 | 0 | 1;
}

/**
 * Parses (validates) a range. `simplify: false` skips computing `simplest`
 * (it then repeats `normalized`, with `exact` false): the printer re-parses
 * candidates, which costs far more than the parse itself.
 */
export function parseRange(text: string, opts?: SemverOptions & { exactOnly?: boolean; simplify?: boolean }): ParsedRange {
  const flags = (opts?.exactOnly ? 1 : 0) | (opts?.simplify === false ? 2 : 0);
  const r = call(opts?.core ?? core(), "semver_parse_range", utf8.encode(text), [flags, policyOf(opts)], [text], []);
  return { normalized: r.str(r.word(0)), simplest: r.str(r.word(1)), exact: r.word(2) === 1 };
}

export function satisfies(version: string, range: string, opts?: SemverOptions): boolean {
  const r = call(opts?.core ?? core(), "semver_satisfies", strings(version, range), [policyOf(opts)], [version, range], ["version", "range"]);
  return r.word(0) === 1;
}

function setOp(op: number, a: string, b: string | undefined, opts: SemverOptions | undefined): WireReader {
  const input = b === undefined ? strings(a) : strings(a, b);
  const inputs = b === undefined ? [a] : [a, b];
  return call(opts?.core ?? core(), "semver_set_op", input, [op, policyOf(opts)], inputs, b === undefined ? ["range"] : ["a", "b"]);
}

function setResult(r: WireReader): SetResult {
  return { range: r.str(r.word(1)), exact: r.word(2) === 1 };
}

/** The versions both ranges admit, as the simplest range. */
export function intersectRanges(a: string, b: string, opts?: SemverOptions): SetResult {
  return setResult(setOp(SET_OP.intersect, a, b, opts));
}

export function unionRanges(a: string, b: string, opts?: SemverOptions): SetResult {
  return setResult(setOp(SET_OP.union, a, b, opts));
}

/** Every version the range does not admit (under npm rarely a range: see `exact`). */
export function complementRange(a: string, opts?: SemverOptions): SetResult {
  return setResult(setOp(SET_OP.complement, a, undefined, opts));
}

export function simplifyRange(a: string, opts?: SemverOptions): SetResult {
  return setResult(setOp(SET_OP.simplify, a, undefined, opts));
}

/** Does every version `a` admits also satisfy `b`? */
export function isSubset(a: string, b: string, opts?: SemverOptions): boolean {
  return setOp(SET_OP.subset, a, b, opts).word(0) === 1;
}

export function rangesDisjoint(a: string, b: string, opts?: SemverOptions): boolean {
  return setOp(SET_OP.disjoint, a, b, opts).word(0) === 1;
}

export function rangesEqual(a: string, b: string, opts?: SemverOptions): boolean {
  return setOp(SET_OP.equal, a, b, opts).word(0) === 1;
}

/**
 * A version list encoded once for many filter calls (the wire message of
 * semver_filter minus the range). Build it with `prepareVersions`.
 */
export class PreparedVersions {
  /** @internal header, string table, words and the versions' bytes; the range goes last. */
  constructor(readonly versions: readonly string[], readonly bytes: Uint8Array) {}
  get length(): number {
    return this.versions.length;
  }
}

/**
 * Encodes a version list for `filterVersionIndices`: strings [range, v0, v1,
 * …] with the range's bytes placed after the versions', so one encoding
 * serves every range. ASCII lists (the usual case) take one encodeInto.
 */
export function prepareVersions(versions: readonly string[]): PreparedVersions {
  const n = versions.length + 1;
  const tableAt = HEADER_SIZE, wordsAt = tableAt + n * 8, blobAt = wordsAt + n * 4;
  const joined = versions.join("");
  let out = new Uint8Array(blobAt + joined.length);
  // Every UTF-16 unit fit in one byte exactly when the text is ASCII.
  const { read, written } = utf8.encodeInto(joined, out.subarray(blobAt));
  let lens: number[];
  if (read === joined.length && written === joined.length) {
    lens = versions.map((v) => v.length);
  } else {
    // Non-ASCII text (it will be rejected as a version, but with the right position).
    const parts = versions.map((v) => utf8.encode(v));
    lens = parts.map((b) => b.length);
    out = new Uint8Array(blobAt + lens.reduce((a, b) => a + b, 0));
    let at = blobAt;
    for (const b of parts) (out.set(b, at), (at += b.length));
  }
  const dv = new DataView(out.buffer);
  dv.setUint32(0, WIRE_MAGIC, true);
  dv.setUint16(4, WIRE_VERSION, true);
  dv.setUint16(6, KIND_STRINGS, true);
  dv.setUint32(8, n, true);
  dv.setUint32(12, n, true);
  // The table and words are 4-byte aligned; a Uint32Array view is much faster
  // than DataView calls, and the wire format is little-endian like the host.
  const u32 = LITTLE_ENDIAN ? new Uint32Array(out.buffer, 0, blobAt >>> 2) : null;
  const put = (at: number, x: number) => (u32 ? (u32[at >>> 2] = x) : dv.setUint32(at, x, true));
  let off = 0;
  for (let i = 1; i < n; i++) {
    put(tableAt + i * 8, off);
    put(tableAt + i * 8 + 4, lens[i - 1]);
    off += lens[i - 1];
  }
  for (let i = 0; i < n; i++) put(wordsAt + i * 4, i);
  put(tableAt, off); // the range's slice starts after the versions
  return new PreparedVersions(versions, out);
}

/** Positions (ascending) of the versions that satisfy `range`, in one core call. */
export function filterVersionIndices(versions: readonly string[] | PreparedVersions, range: string, opts?: SemverOptions): Uint32Array {
  const c = opts?.core ?? core();
  const prepared = versions instanceof PreparedVersions ? versions : prepareVersions(versions);
  const list = prepared.versions;
  const policy = policyOf(opts);
  const rangeBytes = utf8.encode(range);
  const base = prepared.bytes;
  const res = c.guard(() => {
    // Write the prepared message and the range straight into core memory.
    const x = c.exports;
    const len = base.length + rangeBytes.length;
    const ptr = x.alloc(len) >>> 0;
    const mem = new Uint8Array(x.memory.buffer, ptr, len);
    mem.set(base);
    mem.set(rangeBytes, base.length);
    new DataView(x.memory.buffer, ptr + HEADER_SIZE + 4, 4).setUint32(0, rangeBytes.length, true);
    try {
      return c.take((x.semver_filter as (p: number, l: number, pol: number) => number)(ptr, len, policy));
    } finally {
      x.dealloc(ptr);
    }
  });
  if (res.status !== STATUS_OK) {
    const r = new WireReader(res.bytes);
    const detail = r.str(r.word(3));
    if (detail === "") throw toError(res.bytes, [range], ["range"]);
    const i = Number(detail);
    throw toError(res.bytes, [list[i]], [`versions[${i}]`]);
  }
  const r = new WireReader(res.bytes);
  const out = new Uint32Array(r.wordCount);
  for (let i = 0; i < r.wordCount; i++) out[i] = r.word(i);
  return out;
}

/** The versions (in their given order, usually ascending) that satisfy `range`. */
export function filterVersions(versions: readonly string[] | PreparedVersions, range: string, opts?: SemverOptions): string[] {
  const list = versions instanceof PreparedVersions ? versions.versions : versions;
  return Array.from(filterVersionIndices(versions, range, opts), (i) => list[i]);
}

/** One step of a set program (semver_set_eval): a stack machine over version sets. */
export type SetStep =
  | readonly ["push", string]
  | readonly ["not" | "and" | "or" | "minus" | "dup"]
  | readonly ["equal" | "subset" | "empty"]
  | readonly ["contains", string]
  | readonly ["print"];

const EV: Record<SetStep[0], number> = { push: 1, not: 2, and: 3, or: 4, minus: 5, equal: 6, subset: 7, contains: 8, print: 9, dup: 10, empty: 11 };

/**
 * Runs a set program in one core call and returns what its output steps
 * produced: booleans for equal/subset/contains/empty, SetResult for print.
 * Sets never pass through range text between steps, so the algebra is exact
 * even where no range can denote an intermediate set.
 */
export function evalSets(program: readonly SetStep[], opts?: SemverOptions): Array<boolean | SetResult> {
  const w = new WireWriter(KIND_STRINGS);
  const inputs: string[] = [];
  for (const step of program) {
    const code = EV[step[0]];
    if (code === undefined) throw new CairnError("E_BAD_OPTION", `unknown set step ${JSON.stringify(step[0])}`);
    w.word(code);
    if (step[0] === "push" || step[0] === "contains") {
      const s = step[1] as string;
      const i = w.str(s);
      inputs[i] = s;
      w.word(i);
    }
  }
  const r = call(opts?.core ?? core(), "semver_set_eval", w.finish(), [policyOf(opts)], inputs, inputs.map((_, i) => `strings[${i}]`));
  const out: Array<boolean | SetResult> = [];
  let k = 0;
  for (const step of program) {
    if (step[0] === "print") {
      out.push({ range: r.str(r.word(k)), exact: r.word(k + 1) === 1 });
      k += 2;
    } else if (step[0] === "equal" || step[0] === "subset" || step[0] === "contains" || step[0] === "empty") {
      out.push(r.word(k++) === 1);
    }
  }
  return out;
}

/**
 * A version list parsed once and kept inside the core (semver_list_*):
 * filtering it by a range then costs one range parse and one pass over
 * flat arrays. Call `free()` when done; an instance restarted after a trap
 * loses kept lists, so the list is rebuilt on demand.
 */
export class VersionIndex {
  private id = 0;
  private restarts = -1;
  private readonly core: Core;

  constructor(readonly versions: readonly string[], opts?: SemverOptions) {
    this.core = opts?.core ?? core();
    this.load();
  }

  private load(): void {
    const w = new WireWriter(KIND_STRINGS);
    for (const v of this.versions) w.word(w.bytes(utf8.encode(v)));
    const res = this.core.callWithInput("semver_list_new", w.finish());
    if (res.status !== STATUS_OK) {
      const i = Number(new WireReader(res.bytes).str(new WireReader(res.bytes).word(3)));
      throw toError(res.bytes, [this.versions[i]], [`versions[${i}]`]);
    }
    this.id = new WireReader(res.bytes).word(0);
    this.restarts = this.core.restarts;
  }

  get length(): number {
    return this.versions.length;
  }

  /** Positions (ascending) of the versions that satisfy `range`. */
  filter(range: string, opts?: SemverOptions): Uint32Array {
    if (this.id === 0) throw new CairnError("E_BAD_HANDLE", "this VersionIndex was freed");
    if (this.restarts !== this.core.restarts) this.load();
    const policy = policyOf(opts);
    const c = this.core;
    const res = c.callWithInput("semver_list_filter_text", utf8.encode(range), this.id, policy);
    if (res.status !== STATUS_OK) throw toError(res.bytes, [range], ["range"]);
    const r = new WireReader(res.bytes);
    const out = new Uint32Array(r.wordCount);
    for (let i = 0; i < r.wordCount; i++) out[i] = r.word(i);
    return out;
  }

  free(): void {
    if (this.id !== 0 && this.restarts === this.core.restarts) (this.core.exports.semver_list_free as (id: number) => void)(this.id);
    this.id = 0;
  }
}
