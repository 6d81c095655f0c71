// Version sets as sorted disjoint intervals, exact under every prerelease
// policy. Under npm the prerelease versions a range admits are not an
// interval of the version order (`>=1.0.0-beta <2.0.0` admits 1.0.0-rc but
// not 1.5.0-rc), so a set keeps two interval lists over one total order:
// `rel` decides the releases, `pre` the prereleases. Every operation is
// pointwise on each list, which is what makes union, intersection and
// complement exact. Bounds are canonical — `rel` bounds are releases, `pre`
// bounds are prereleases, intervals are [lo, hi) and merged — so two sets
// are equal exactly when their lists are equal.
import { Version, compareVersions } from "./version";
import { Range, ComparatorSet, Comparator, OP_ANY, OP_EQ, OP_LT, OP_LE, OP_GT, OP_GE } from "./range";
import { PRERELEASE_NPM } from "./policy";

/** [lo, hi); hi null means unbounded above. */
export class Interval {
  lo: Version;
  hi: Version | null;
  constructor(lo: Version, hi: Version | null) {
    this.lo = lo;
    this.hi = hi;
  }
}

// The least version of each kind.
export function minRelease(): Version {
  return new Version(0, 0, 0);
}
export function minPre(): Version {
  const v = new Version(0, 0, 0);
  v.pre = ["0"];
  return v;
}

/** The next release after M.m.p: M.m.(p+1) (nothing lies between). */
function nextRelease(v: Version): Version {
  return new Version(v.major, v.minor, v.patch + 1);
}
function triple(v: Version): Version {
  return new Version(v.major, v.minor, v.patch);
}
/** M.m.p-0: the least prerelease of M.m.p. */
function pre0(M: u64, m: u64, p: u64): Version {
  const v = new Version(M, m, p);
  v.pre = ["0"];
  return v;
}
/** The immediate successor of the prerelease v among prereleases: v.0. */
function preSucc(v: Version): Version {
  const out = new Version(v.major, v.minor, v.patch);
  out.pre = v.pre.concat(["0"]);
  return out;
}

// Canonical bounds. "lower" = least member ≥ (or >) b; "upper" = least
// non-member above the members < (or ≤) b.
function relLower(b: Version, inclusive: bool): Version {
  if (b.pre.length > 0) return triple(b);
  return inclusive ? triple(b) : nextRelease(b);
}
function relUpper(b: Version, inclusive: bool): Version {
  if (b.pre.length > 0) return triple(b);
  return inclusive ? nextRelease(b) : triple(b);
}
function preLower(b: Version, inclusive: bool): Version {
  if (b.pre.length == 0) return pre0(b.major, b.minor, b.patch + 1);
  return inclusive ? b.withPre(b.pre) : preSucc(b);
}
function preUpper(b: Version, inclusive: bool): Version {
  if (b.pre.length == 0) return pre0(b.major, b.minor, b.patch + 1);
  return inclusive ? preSucc(b) : b.withPre(b.pre);
}

function cmpHi(a: Version | null, b: Version | null): i32 {
  if (a === null) return b === null ? 0 : 1;
  if (b === null) return -1;
  return compareVersions(a, b);
}

function maxV(a: Version, b: Version): Version {
  return compareVersions(a, b) >= 0 ? a : b;
}

function minHi(a: Version | null, b: Version | null): Version | null {
  return cmpHi(a, b) <= 0 ? a : b;
}

function nonEmpty(lo: Version, hi: Version | null): bool {
  return hi === null || compareVersions(lo, hi) < 0;
}

/** Sorts by lo and merges overlapping or touching intervals. */
function normalize(list: Array<Interval>): Array<Interval> {
  const a = list.filter((x: Interval): bool => nonEmpty(x.lo, x.hi));
  a.sort((x: Interval, y: Interval): i32 => compareVersions(x.lo, y.lo));
  const out = new Array<Interval>();
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    if (out.length > 0) {
      const last = out[out.length - 1];
      const lh = last.hi;
      if (lh === null || compareVersions(x.lo, lh) <= 0) {
        if (cmpHi(x.hi, lh) > 0) last.hi = x.hi;
        continue;
      }
    }
    out.push(new Interval(x.lo, x.hi));
  }
  return out;
}

function unionLists(a: Array<Interval>, b: Array<Interval>): Array<Interval> {
  return normalize(a.concat(b));
}

export function intersectLists(a: Array<Interval>, b: Array<Interval>): Array<Interval> {
  const out = new Array<Interval>();
  let i = 0, j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i], y = b[j];
    const lo = maxV(x.lo, y.lo);
    const hi = minHi(x.hi, y.hi);
    if (nonEmpty(lo, hi)) out.push(new Interval(lo, hi));
    if (cmpHi(x.hi, y.hi) < 0) i++;
    else j++;
  }
  return out;
}

export function complementList(a: Array<Interval>, least: Version): Array<Interval> {
  const out = new Array<Interval>();
  let at: Version | null = least;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    if (at !== null && compareVersions(at, x.lo) < 0) out.push(new Interval(at, x.lo));
    at = x.hi;
    if (at === null) break;
  }
  if (at !== null) out.push(new Interval(at, null));
  return out;
}

export function listContains(a: Array<Interval>, v: Version): bool {
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    if (compareVersions(v, x.lo) < 0) return false;
    const h = x.hi;
    if (h === null || compareVersions(v, h) < 0) return true;
  }
  return false;
}

function listEquals(a: Array<Interval>, b: Array<Interval>): bool {
  if (a.length != b.length) return false;
  for (let i = 0; i < a.length; i++) {
    if (compareVersions(a[i].lo, b[i].lo) != 0 || cmpHi(a[i].hi, b[i].hi) != 0) return false;
  }
  return true;
}

export class VersionSet {
  rel: Array<Interval>;
  pre: Array<Interval>;

  constructor(rel: Array<Interval>, pre: Array<Interval>) {
    this.rel = rel;
    this.pre = pre;
  }

  static empty(): VersionSet {
    return new VersionSet([], []);
  }

  static full(): VersionSet {
    return new VersionSet([new Interval(minRelease(), null)], [new Interval(minPre(), null)]);
  }

  /** Every version v with lo ≤ v < hi in the version order (hi null: unbounded). */
  static between(lo: Version, loInclusive: bool, hi: Version | null, hiInclusive: bool): VersionSet {
    const h = hi;
    const rel = new Interval(relLower(lo, loInclusive), h === null ? null : relUpper(h, hiInclusive));
    const pre = new Interval(preLower(lo, loInclusive), h === null ? null : preUpper(h, hiInclusive));
    return new VersionSet(normalize([rel]), normalize([pre]));
  }

  /** Every prerelease of M.m.p and nothing else. */
  static band(v: Version): VersionSet {
    return new VersionSet([], [new Interval(pre0(v.major, v.minor, v.patch), pre0(v.major, v.minor, v.patch + 1))]);
  }

  static exactly(v: Version): VersionSet {
    return VersionSet.between(v, true, v, true);
  }

  contains(v: Version): bool {
    return listContains(v.pre.length > 0 ? this.pre : this.rel, v);
  }

  isEmpty(): bool {
    return this.rel.length == 0 && this.pre.length == 0;
  }

  isFull(): bool {
    return listEquals(this.rel, [new Interval(minRelease(), null)]) && listEquals(this.pre, [new Interval(minPre(), null)]);
  }

  union(o: VersionSet): VersionSet {
    return new VersionSet(unionLists(this.rel, o.rel), unionLists(this.pre, o.pre));
  }

  intersect(o: VersionSet): VersionSet {
    return new VersionSet(intersectLists(this.rel, o.rel), intersectLists(this.pre, o.pre));
  }

  complement(): VersionSet {
    return new VersionSet(complementList(this.rel, minRelease()), complementList(this.pre, minPre()));
  }

  difference(o: VersionSet): VersionSet {
    return this.intersect(o.complement());
  }

  isSubsetOf(o: VersionSet): bool {
    return this.difference(o).isEmpty();
  }

  isDisjoint(o: VersionSet): bool {
    return this.intersect(o).isEmpty();
  }

  equals(o: VersionSet): bool {
    return listEquals(this.rel, o.rel) && listEquals(this.pre, o.pre);
  }

  /** The releases of this set only. */
  releasesOnly(): VersionSet {
    return new VersionSet(this.rel, []);
  }
}

/** The versions one comparator admits under `policy` (npm's prerelease rule aside). */
export function comparatorToSet(c: Comparator, policy: i32): VersionSet {
  if (c.op == OP_ANY) return VersionSet.full();
  const b = c.effectiveBound(policy);
  if (c.op == OP_GE) return VersionSet.between(b, true, null, false);
  if (c.op == OP_GT) return VersionSet.between(b, false, null, false);
  if (c.op == OP_LT) return VersionSet.between(minPre(), true, b, false);
  if (c.op == OP_LE) return VersionSet.between(minPre(), true, b, true);
  return VersionSet.exactly(b);
}

function comparatorSetToSet(cs: ComparatorSet, policy: i32): VersionSet {
  let s = VersionSet.full();
  for (let i = 0; i < cs.comps.length; i++) s = s.intersect(comparatorToSet(cs.comps[i], policy));
  if (policy != PRERELEASE_NPM) return s;
  // npm: prereleases only in the bands (major.minor.patch) the set names.
  let bands = VersionSet.empty();
  for (let i = 0; i < cs.comps.length; i++) {
    const c = cs.comps[i];
    if (c.op != OP_ANY && c.v.pre.length > 0) bands = bands.union(VersionSet.band(c.v));
  }
  return new VersionSet(s.rel, intersectLists(s.pre, bands.pre));
}

/** The exact set of versions `r` admits under `policy`: contains(v) == r.satisfies(v, policy). */
export function rangeToSet(r: Range, policy: i32): VersionSet {
  if (policy == PRERELEASE_NPM && r.anyNpm) return new VersionSet([new Interval(minRelease(), null)], []);
  let s = VersionSet.empty();
  for (let i = 0; i < r.sets.length; i++) s = s.union(comparatorSetToSet(r.sets[i], policy));
  return s;
}
