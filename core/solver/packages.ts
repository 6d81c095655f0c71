// The package table of a session: every package the solver can talk about,
// real ones (fed as metadata by the host) and virtual ones (the root, feature
// proxies `pkg[feature]`, and under the cargo policy one package per
// semver-compatible line plus "some line matching this range" proxies).
// Metadata is kept as the host's wire bytes and decoded lazily: versions when
// a package is first used, a version's dependencies when it is first needed.
import { WireReader } from "../abi/wire";
import { intersectRangeText } from "../semver/range_text";
import { Version, parseVersion, compareVersions } from "../semver/version";
import { PKG_REAL, PKG_ROOT, PKG_FEATURE, PKG_LINE, PKG_RANGE } from "./protocol";
import { E_INVALID_VERSION, E_DUPLICATE_VERSION, E_WIRE_FORMAT } from "../abi/codes";

const NO: u32 = 0xffffffff;
/** String indices packed into word keys must stay below this (21 bits each). */
const WORD_LIMIT: u32 = 1 << 21;
// @ts-ignore: decorator
@lazy const NO_FEATURES = new Array<string>(0);

export class RawDep {
  /** Interned key() (-1 until the solver interns it). */
  keyId: i32 = -1;
  constructor(public name: string, public range: string, public features: Array<string>, public when: string) {}
  /** This requirement and another on the same package as one: ranges joined as text, features combined. */
  foldedWith(range: string, features: Array<string>): RawDep {
    const fs = this.features.length == 0 ? features : features.length == 0 ? this.features : this.features.concat(features);
    return new RawDep(this.name, intersectRangeText(this.range, range), fs, this.when);
  }

  /** Identity used to merge equal dependencies of neighbouring versions. */
  key(): string {
    return this.features.length == 0 ? this.name + "\u0000" + this.range : this.name + "\u0000" + this.range + "\u0000" + this.features.join(",");
  }
}

export class FeatureDeps {
  constructor(public name: string, public deps: Array<RawDep>) {}
}

export class VersionInfo {
  deps: Array<RawDep> | null = null;
  /** word keys of the feature-less dependencies (see PackageTable.plainKeys) */
  keys: Array<i32> | null = null;
  features: Array<FeatureDeps> | null = null;
  constructor(public str: string, public ver: Version, public yanked: bool, public pos: i32) {}
}

export class Pkg {
  kind: i32 = PKG_REAL;
  base: i32 = -1;
  label: string = "";
  // real packages
  known: bool = false;
  found: bool = false;
  parsed: bool = false;
  reader: WireReader | null = null;
  readerIdx: i32 = -1;
  pos: i32 = 0;
  versions: Array<VersionInfo> = [];
  vers: Array<Version> = [];
  rangeCache: Map<string, StaticArray<i32>> = new Map();
  // cargo lines (real packages under policy cargo): line i covers [lineStart[i], lineStart[i+1])
  lines: Array<i32> = [];
  lineStart: Array<i32> = [];
  features: Map<string, i32> = new Map();
  rangePkgs: Map<string, i32> = new Map();
  // virtual packages
  lo: i32 = 0;
  map: Array<i32> = [];
  size: i32 = 0;
  constructor(public id: i32, public name: string) {}
}

class Sortable {
  constructor(public v: VersionInfo) {}
}

export class PackageTable {
  pkgs: Array<Pkg> = [];
  byName: Map<string, i32> = new Map();
  readers: Array<WireReader> = [];
  buffers: Array<ArrayBuffer> = [];
  /** Bytes of metadata fed so far (the collector's estimate of what is live). */
  fedBytes: i32 = 0;
  /** per message: its strings, decoded once (names and ranges repeat across versions) */
  strings: Array<Array<string | null>> = [];
  errCode: i32 = 0;
  errMsg: string = "";
  errDetail: string = "";
  cargo: bool = false;

  get(id: i32): Pkg {
    return unchecked(this.pkgs[id]);
  }

  private create(name: string, kind: i32): Pkg {
    const p = new Pkg(this.pkgs.length, name);
    p.kind = kind;
    this.pkgs.push(p);
    return p;
  }

  /** The root; only a root with a real name (`root_name`) can be depended on by name. */
  addRoot(name: string, version: string, ver: Version): Pkg {
    const p = this.create(name.length > 0 ? name : "root", PKG_ROOT);
    p.known = true;
    p.found = true;
    p.parsed = true;
    p.versions.push(new VersionInfo(version, ver, false, -1));
    p.vers.push(ver);
    p.size = 1;
    if (name.length > 0) this.byName.set(name, p.id);
    return p;
  }

  /** The real package of this name, created (unknown) if new. */
  real(name: string): Pkg {
    if (this.byName.has(name)) return this.get(this.byName.get(name));
    const p = this.create(name, PKG_REAL);
    this.byName.set(name, p.id);
    return p;
  }

  fail(code: i32, msg: string, detail: string): void {
    if (this.errCode == 0) {
      this.errCode = code;
      this.errMsg = msg;
      this.errDetail = detail;
    }
  }

  /** Register a metadata message (KIND_METADATA). Returns false on malformed input. */
  feed(ptr: usize, len: i32): bool {
    const buf = new ArrayBuffer(len);
    memory.copy(changetype<usize>(buf), ptr, <usize>len);
    const r = new WireReader(changetype<usize>(buf), len);
    if (!r.ok) {
      this.fail(E_WIRE_FORMAT, "metadata: " + r.error, "");
      return false;
    }
    this.buffers.push(buf);
    this.fedBytes += len;
    this.readers.push(r);
    this.strings.push(new Array<string | null>(r.stringCount));
    const n = <i32>r.next();
    for (let i = 0; i < n && r.ok; i++) {
      const name = r.str(r.nextStr());
      const found = r.next() != 0;
      const at = r.pos;
      const vc = <i32>r.next();
      for (let k = 0; k < vc && r.ok; k++) skipVersion(r);
      if (!r.ok) break;
      const p = this.real(name);
      if (p.kind != PKG_REAL || p.known) continue; // the first answer wins; the root is never fed
      p.known = true;
      p.found = found;
      p.reader = r;
      p.readerIdx = this.readers.length - 1;
      p.pos = at;
    }
    if (!r.ok) {
      this.fail(E_WIRE_FORMAT, "metadata: " + r.error, "");
      return false;
    }
    return true;
  }

  /** Decode and sort the versions of a known real package. False on bad input. */
  parse(p: Pkg): bool {
    if (p.parsed) return true;
    p.parsed = true;
    if (!p.found || p.reader === null) return true;
    const r = p.reader!;
    r.pos = p.pos;
    const vc = <i32>r.next();
    const list = new Array<Sortable>();
    for (let k = 0; k < vc; k++) {
      const s = r.str(r.nextStr());
      const flags = r.next();
      const at = r.pos;
      skipDeps(r);
      const fc = <i32>r.next();
      for (let f = 0; f < fc; f++) {
        r.nextStr();
        skipDeps(r);
      }
      const v = parseVersion(s);
      if (v === null) {
        this.fail(E_INVALID_VERSION, "package " + p.name + " lists an invalid version \"" + s + "\"", "version\t" + p.name + "\t" + s);
        return false;
      }
      list.push(new Sortable(new VersionInfo(s, v, (flags & 1) != 0, at)));
    }
    list.sort((a: Sortable, b: Sortable): i32 => compareVersions(a.v.ver, b.v.ver));
    for (let k = 0; k < list.length; k++) {
      if (k > 0 && compareVersions(list[k - 1].v.ver, list[k].v.ver) == 0) {
        this.fail(E_DUPLICATE_VERSION, "package " + p.name + " lists version " + list[k].v.str + " twice", "version\t" + p.name + "\t" + list[k].v.str);
        return false;
      }
      p.versions.push(list[k].v);
      p.vers.push(list[k].v.ver);
    }
    p.size = p.versions.length;
    return true;
  }

  /** Interned identities of (name, range, when) string-index triples of one message. */
  wordKeys: Map<u64, i32> = new Map();

  /**
   * Key of a feature-less dependency from its string indices alone (the host
   * interns strings per message, so equal indices mean equal text), or -1 when
   * an index is too large to pack. Keys only compare within one package.
   */
  wordKey(name: u32, range: u32, when: u32): i32 {
    if (name >= WORD_LIMIT || range >= WORD_LIMIT || (when != NO && when >= WORD_LIMIT)) return -1;
    const k = (<u64>name << 42) | (<u64>range << 21) | <u64>(when == NO ? WORD_LIMIT - 1 : when);
    if (this.wordKeys.has(k)) return this.wordKeys.get(k);
    const id = this.wordKeys.size;
    this.wordKeys.set(k, id);
    return id;
  }

  /** Word keys of version i's feature-less dependencies, read without decoding any dependency string. */
  plainKeys(p: Pkg, i: i32, target: string): Array<i32> {
    const vi = p.versions[i];
    if (vi.keys !== null) return vi.keys!;
    const out = new Array<i32>();
    if (vi.pos >= 0 && p.reader !== null) {
      const r = p.reader!;
      const cache = this.strings[p.readerIdx];
      r.pos = vi.pos;
      const n = <i32>r.next();
      // name index of every applicable entry, and of each plain one its word key
      const names = new Array<u32>();
      const plain = new Array<u32>();
      let folded = false;
      for (let k = 0; k < n; k++) {
        const name = <u32>r.nextStr();
        const range = <u32>r.nextStr();
        const w = r.next();
        const fc = <i32>r.next();
        for (let f = 0; f < fc; f++) r.nextStr();
        if (w != NO && !whenMatches(cached(r, <i32>w, cache), target)) continue;
        if (names.includes(name)) folded = true;
        names.push(name);
        if (fc > 0) continue;
        plain.push(name);
        out.push(this.wordKey(name, range, w));
      }
      if (folded) {
        // Entries folded into one requirement (readDeps) are not plain: that one has a text key.
        const keep = new Array<i32>();
        for (let k = 0; k < plain.length; k++) if (names.indexOf(plain[k]) == names.lastIndexOf(plain[k])) keep.push(out[k]);
        vi.keys = keep;
        return keep;
      }
    }
    vi.keys = out;
    return out;
  }

  /** Dependencies (and features) of version `i` of a real package or the root, decoded once. */
  versionDeps(p: Pkg, i: i32, target: string): Array<RawDep> {
    const vi = p.versions[i];
    if (vi.deps !== null) return vi.deps!;
    const out = new Array<RawDep>();
    const feats = new Array<FeatureDeps>();
    if (vi.pos >= 0 && p.reader !== null) {
      const r = p.reader!;
      const cache = this.strings[p.readerIdx];
      r.pos = vi.pos;
      readDeps(r, out, target, cache, this);
      const fc = <i32>r.next();
      for (let f = 0; f < fc; f++) {
        const fname = cached(r, r.nextStr(), cache);
        const fd = new Array<RawDep>();
        readDeps(r, fd, target, cache, null);
        feats.push(new FeatureDeps(fname, fd));
      }
    }
    vi.deps = out;
    vi.features = feats;
    return out;
  }

  /** Feature `f`'s dependencies of version `i` of real package p, or null when undefined. */
  featureDeps(p: Pkg, i: i32, f: string, target: string): Array<RawDep> | null {
    this.versionDeps(p, i, target);
    const fs = p.versions[i].features!;
    for (let k = 0; k < fs.length; k++) if (fs[k].name == f) return fs[k].deps;
    return null;
  }

  /** The feature proxy `base[f]`. */
  feature(base: Pkg, f: string): Pkg {
    if (base.features.has(f)) return this.get(base.features.get(f));
    const p = this.create(base.name + "[" + f + "]", PKG_FEATURE);
    p.base = base.id;
    p.label = f;
    p.known = true;
    p.found = true;
    p.parsed = true;
    p.size = base.size;
    base.features.set(f, p.id);
    return p;
  }

  /** Cargo policy: split a parsed real package into one package per compatible line. */
  splitLines(base: Pkg): void {
    if (base.lineStart.length > 0 || base.kind != PKG_REAL) return;
    let cur = "";
    for (let i = 0; i < base.size; i++) {
      const c = compatLine(base.vers[i]);
      if (i == 0 || c != cur) {
        cur = c;
        base.lineStart.push(i);
        const l = this.create(base.name, PKG_LINE);
        l.base = base.id;
        l.label = c;
        l.lo = i;
        l.known = true;
        l.found = true;
        l.parsed = true;
        base.lines.push(l.id);
      }
    }
    base.lineStart.push(base.size);
    for (let k = 0; k < base.lines.length; k++) {
      this.get(base.lines[k]).size = base.lineStart[k + 1] - base.lineStart[k];
    }
  }

  /** Index of the line holding base version i. */
  lineOf(base: Pkg, i: i32): i32 {
    let k = 0;
    while (k + 1 < base.lines.length && base.lineStart[k + 1] <= i) k++;
    return k;
  }

  /** Cargo policy: "one version of base matching range", whose versions are `set` (base indices). */
  rangeProxy(base: Pkg, range: string, idx: Array<i32>): Pkg {
    const key = range;
    if (base.rangePkgs.has(key)) return this.get(base.rangePkgs.get(key));
    const p = this.create(base.name + " " + range, PKG_RANGE);
    p.base = base.id;
    p.label = range;
    p.known = true;
    p.found = true;
    p.parsed = true;
    p.map = idx;
    p.size = idx.length;
    base.rangePkgs.set(key, p.id);
    return p;
  }

  /** The real version behind version i of any package. */
  baseIndex(p: Pkg, i: i32): i32 {
    if (p.kind == PKG_LINE) return p.lo + i;
    if (p.kind == PKG_RANGE) return p.map[i];
    return i;
  }

  realOf(p: Pkg): Pkg {
    return p.base >= 0 ? this.get(p.base) : p;
  }

  versionString(p: Pkg, i: i32): string {
    const r = this.realOf(p);
    return r.versions[this.baseIndex(p, i)].str;
  }

  versionOf(p: Pkg, i: i32): Version {
    const r = this.realOf(p);
    return r.vers[this.baseIndex(p, i)];
  }
}

/** Cargo's compatibility line: the major version, or 0.minor, or 0.0.patch. */
export function compatLine(v: Version): string {
  if (v.major > 0) return v.major.toString();
  if (v.minor > 0) return "0." + v.minor.toString();
  return "0.0." + v.patch.toString();
}

function skipDeps(r: WireReader): void {
  const n = <i32>r.next();
  for (let i = 0; i < n && r.ok; i++) {
    r.nextStr();
    r.nextStr();
    const when = r.next();
    if (when != NO && when >= <u32>r.stringCount && r.ok) { r.ok = false; r.error = "string index out of range"; }
    const fc = <i32>r.next();
    for (let f = 0; f < fc && r.ok; f++) r.nextStr();
  }
}

function skipVersion(r: WireReader): void {
  r.nextStr();
  r.next();
  skipDeps(r);
  const fc = <i32>r.next();
  for (let f = 0; f < fc && r.ok; f++) {
    r.nextStr();
    skipDeps(r);
  }
}

/** Whether a `when` condition (target name or `!name`) holds for the session's target. */
export function whenMatches(when: string, target: string): bool {
  if (when.length == 0) return true;
  if (target.length == 0) return false;
  if (when.charCodeAt(0) == 33) return when.substring(1) != target;
  return when == target;
}

function cached(r: WireReader, i: i32, cache: Array<string | null>): string {
  const hit = unchecked(cache[i]);
  if (hit !== null) return hit;
  const s = r.str(i);
  cache[i] = s;
  return s;
}

export function readDeps(r: WireReader, out: Array<RawDep>, target: string, cache: Array<string | null>, keys: PackageTable | null): void {
  const n = <i32>r.next();
  for (let i = 0; i < n; i++) {
    const ni = r.nextStr();
    const ri = r.nextStr();
    const name = cached(r, ni, cache);
    const range = cached(r, ri, cache);
    const w = r.next();
    const when = w == NO ? "" : cached(r, <i32>w, cache);
    const fc = <i32>r.next();
    // Most dependencies request no features: share one empty list.
    const feats = fc == 0 ? NO_FEATURES : new Array<string>();
    for (let f = 0; f < fc; f++) feats.push(cached(r, r.nextStr(), cache));
    if (w == NO || whenMatches(when, target)) {
      // A second entry for a package (a platform-specific requirement on a package already
      // required) is folded into the first: one requirement, the ranges joined as text.
      let merged = false;
      for (let k = 0; k < out.length && !merged; k++) {
        if (unchecked(out[k]).name != name) continue;
        out[k] = unchecked(out[k]).foldedWith(range, feats);
        merged = true;
      }
      if (merged) continue;
      const d = new RawDep(name, range, feats, when);
      // Plain dependencies of real versions get their word key, so merging with neighbours needs no decoding.
      if (keys !== null && fc == 0) d.keyId = keys.wordKey(<u32>ni, <u32>ri, w);
      out.push(d);
    }
  }
}
