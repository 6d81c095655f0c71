// Writes a VersionSet back as the simplest range that denotes it under a
// policy. Each release interval becomes one `||` alternative, tried in order
// of simplicity (exact version, ^, ~, x-range, then explicit bounds) and
// kept only if re-parsing it gives a subset of the set that covers the
// interval; prereleases not yet covered get alternatives of their own. The
// whole text is re-parsed at the end: `exact` says whether it denotes the set
// (some sets, like the complement of `^1.0.0` under npm, have no range).
import { Version, compareVersions, MAX_SAFE } from "./version";
import { parseRange } from "./range";
import { VersionSet, Interval, rangeToSet, intersectLists, complementList, minPre } from "./set";
import { PRERELEASE_NPM } from "./policy";

export class PrintedRange {
  text: string;
  exact: bool;
  constructor(text: string, exact: bool) {
    this.text = text;
    this.exact = exact;
  }
}

/** Bands one leftover prerelease interval may be split into under npm. */
const MAX_SPLIT_BANDS: u64 = 64;

let lastAnyNpm: bool = false;
function setOf(text: string, policy: i32): VersionSet | null {
  const r = parseRange(text, false);
  const range = r.range;
  if (range === null) return null;
  lastAnyNpm = range.anyNpm;
  return rangeToSet(range, policy);
}

function v3(M: u64, m: u64, p: u64): string {
  return M.toString() + "." + m.toString() + "." + p.toString();
}

function vs(v: Version): string {
  return v.toStringNoBuild();
}

function same3(a: Version, M: u64, m: u64, p: u64): bool {
  return a.major == M && a.minor == m && a.patch == p && a.pre.length == 0;
}

function isPre0(v: Version): bool {
  return v.pre.length == 1 && v.pre[0] == "0";
}

/** Lower-bound spellings for a release interval starting at `a` (with a prerelease extension first). */
function lowerSpellings(a: Version, s: VersionSet): Array<string> {
  const out = new Array<string>();
  // A prerelease interval of S that ends a's band lets the bound start inside it.
  for (let i = 0; i < s.pre.length; i++) {
    const it = s.pre[i];
    const lo = it.lo;
    if (lo.major == a.major && lo.minor == a.minor && lo.patch == a.patch) {
      const h = it.hi;
      if (h === null || compareVersions(h, new Version(a.major, a.minor, a.patch)) > 0) out.push(vs(lo));
    }
  }
  out.push(vs(a));
  return out;
}

function isLeast(lower: string): bool {
  return lower == "0.0.0" || lower == "0.0.0-0";
}

/** Candidate texts for the release interval [a, b), simplest first. */
function candidates(a: Version, b: Version | null, s: VersionSet): Array<string> {
  const out = new Array<string>();
  const zero = same3(a, 0, 0, 0);
  const lowers = lowerSpellings(a, s);
  if (b === null) {
    if (zero) out.push("*");
    for (let i = 0; i < lowers.length; i++) out.push(">=" + lowers[i]);
    // All releases, without the "*" that makes node-semver drop the other alternatives.
    if (zero) out.push("<1.0.0 || >=1.0.0");
    if (a.patch > 0) out.push(">" + v3(a.major, a.minor, a.patch - 1));
    return out;
  }
  const hi = b;
  // exact
  if (hi.major == a.major && hi.minor == a.minor && hi.patch == a.patch + 1) out.push(vs(a));
  // caret / tilde / x-range shapes
  for (let i = 0; i < lowers.length; i++) {
    const l = lowers[i];
    if (a.major > 0 && same3(hi, a.major + 1, 0, 0)) {
      if (a.minor == 0 && a.patch == 0 && i == lowers.length - 1) out.push(a.major.toString() + ".x");
      out.push("^" + l);
    }
    if (a.major == 0 && a.minor > 0 && same3(hi, 0, a.minor + 1, 0)) {
      if (a.patch == 0 && i == lowers.length - 1) out.push("0." + a.minor.toString() + ".x");
      out.push("^" + l);
    }
    if (a.major == 0 && a.minor == 0 && same3(hi, 0, 0, a.patch + 1)) out.push("^" + l);
    if (same3(hi, a.major, a.minor + 1, 0)) {
      if (a.patch == 0 && i == lowers.length - 1) out.push(a.major.toString() + "." + a.minor.toString() + ".x");
      out.push("~" + l);
    }
    if (zero && a.major == 0 && same3(hi, 1, 0, 0)) out.push("0.x");
  }
  // explicit bounds
  const uppers = new Array<string>();
  // An S prerelease interval running from hi's band start lets the bound end inside it.
  for (let i = 0; i < s.pre.length; i++) {
    const it = s.pre[i];
    const h = it.hi;
    if (h !== null && h.major == hi.major && h.minor == hi.minor && h.patch == hi.patch && h.pre.length > 0 &&
        compareVersions(it.lo, new Version(hi.major, hi.minor, hi.patch).withPre(["0"])) <= 0) uppers.push("<" + vs(h));
  }
  uppers.push("<" + vs(hi));
  if (hi.patch > 0) uppers.push("<=" + v3(hi.major, hi.minor, hi.patch - 1));
  uppers.push("<" + v3(hi.major, hi.minor, hi.patch) + "-0");
  for (let i = 0; i < lowers.length; i++) {
    for (let j = 0; j < uppers.length; j++) {
      if (isLeast(lowers[i])) out.push(uppers[j]);
      out.push(">=" + lowers[i] + " " + uppers[j]);
    }
  }
  return out;
}

/** Candidate texts for a leftover prerelease interval [x, y). */
function preCandidates(x: Version, y: Version | null): Array<string> {
  const out = new Array<string>();
  const atMin = compareVersions(x, minPre()) == 0;
  if (y === null) {
    out.push(atMin ? "*" : ">=" + vs(x));
    return out;
  }
  const h = y;
  const ups = new Array<string>();
  if (isPre0(h) && h.patch > 0) ups.push("<" + v3(h.major, h.minor, h.patch - 1));
  ups.push("<" + vs(h));
  for (let i = 0; i < ups.length; i++) out.push(atMin ? ups[i] : ">=" + vs(x) + " " + ups[i]);
  return out;
}

/**
 * The candidate that covers the most of `s` without leaving it (ties: the
 * earlier, simpler one), among those covering the required intervals.
 */
function pick(cands: Array<string>, s: VersionSet, mustRel: Array<Interval>, mustPre: Array<Interval>, policy: i32): string | null {
  const want = new VersionSet(mustRel, mustPre);
  // Under npm a "*"-like alternative would swallow the prereleases of the others.
  const avoidAny = policy == PRERELEASE_NPM && s.pre.length > 0;
  let best = -1;
  let bestSet = VersionSet.empty();
  for (let i = 0; i < cands.length; i++) {
    const c = setOf(cands[i], policy);
    if (c === null) continue;
    if (avoidAny && lastAnyNpm) continue;
    if (!c.isSubsetOf(s) || !want.isSubsetOf(c)) continue;
    if (best < 0 || (bestSet.isSubsetOf(c) && !c.isSubsetOf(bestSet))) {
      best = i;
      bestSet = c;
    }
  }
  if (best < 0) return null;
  lastPicked = bestSet;
  return cands[best];
}
let lastPicked: VersionSet = VersionSet.empty();

export function printSet(s: VersionSet, policy: i32): PrintedRange {
  if (s.isEmpty()) return new PrintedRange("<0.0.0-0", true);
  const star = setOf("*", policy);
  if (star !== null && star.equals(s)) return new PrintedRange("*", true);
  const pieces = new Array<string>();
  let covered = VersionSet.empty();
  let exact = true;
  for (let i = 0; i < s.rel.length; i++) {
    const it = s.rel[i];
    const t = pick(candidates(it.lo, it.hi, s), s, [it], [], policy);
    if (t === null) { exact = false; continue; }
    pieces.push(t);
    covered = covered.union(lastPicked);
  }
  // Prereleases no alternative has covered yet.
  const left = intersectLists(s.pre, complementList(covered.pre, minPre()));
  for (let i = 0; i < left.length; i++) {
    const it = left[i];
    let t = pick(preCandidates(it.lo, it.hi), s, [], [it], policy);
    if (t === null && policy == PRERELEASE_NPM) {
      // npm admits prereleases band by band: split a short run of patch bands.
      const h = it.hi;
      if (h !== null && h.major == it.lo.major && h.minor == it.lo.minor && h.patch - it.lo.patch <= MAX_SPLIT_BANDS) {
        let ok = true;
        for (let p = it.lo.patch; p <= h.patch && ok; p++) {
          const blo = p == it.lo.patch ? it.lo : new Version(h.major, h.minor, p).withPre(["0"]);
          let bhi: Version = new Version(h.major, h.minor, p + 1).withPre(["0"]);
          if (compareVersions(bhi, h) > 0) bhi = h;
          if (compareVersions(blo, bhi) >= 0) continue;
          const u = pick(preCandidates(blo, bhi), s, [], [new Interval(blo, bhi)], policy);
          if (u === null) ok = false;
          else { pieces.push(u); covered = covered.union(lastPicked); }
          if (p == MAX_SAFE) break;
        }
        if (ok) continue;
      }
    }
    if (t === null) { exact = false; continue; }
    pieces.push(t);
    covered = covered.union(lastPicked);
  }
  const text = pieces.length == 0 ? "<0.0.0-0" : pieces.join(" || ");
  const back = setOf(text, policy);
  if (back !== null && back.equals(s)) return new PrintedRange(text, true);
  if (policy != PRERELEASE_NPM) {
    const sweep = printBySweep(s, policy);
    if (sweep !== null) return new PrintedRange(sweep, true);
  }
  return new PrintedRange(text, false);
}

// Where the interval-per-release-run spelling fails (include and fallback
// admit every prerelease inside a bounded comparator set), cut the version
// order at every bound of either list and spell the runs of segments that
// lie wholly inside the set; a segment whose releases are in but whose
// prereleases are not is spelled as its single release, if it has one.
export function printBySweep(s: VersionSet, policy: i32): string | null {
  const pts = new Array<Version>();
  pts.push(minPre());
  for (let i = 0; i < s.rel.length; i++) { pts.push(s.rel[i].lo); const h = s.rel[i].hi; if (h !== null) pts.push(h); }
  for (let i = 0; i < s.pre.length; i++) {
    const lo = s.pre[i].lo;
    pts.push(lo);
    const h = s.pre[i].hi;
    if (h === null) continue;
    pts.push(h);
    // Releases inside a run of prereleases may be out of the set: cut around
    // each (when there are few) so the run can be spelled in pieces.
    if (h.major == lo.major && h.minor == lo.minor && h.patch - lo.patch <= MAX_SPLIT_BANDS) {
      for (let p = lo.patch; p <= h.patch; p++) {
        pts.push(new Version(lo.major, lo.minor, p));
        pts.push(new Version(lo.major, lo.minor, p + 1).withPre(["0"]));
        if (p == MAX_SAFE) break;
      }
    }
  }
  pts.sort((a: Version, b: Version): i32 => compareVersions(a, b));
  const uniq = new Array<Version>();
  for (let i = 0; i < pts.length; i++) if (uniq.length == 0 || compareVersions(uniq[uniq.length - 1], pts[i]) != 0) uniq.push(pts[i]);
  const pieces = new Array<string>();
  let runLo: Version | null = null;
  for (let i = 0; i <= uniq.length; i++) {
    let state = 0; // 0 out, 1 in, 2 releases only, 3 inexpressible
    let u: Version | null = null;
    let w: Version | null = null;
    if (i < uniq.length) {
      u = uniq[i];
      w = i + 1 < uniq.length ? uniq[i + 1] : null;
      const uu = uniq[i];
      const rl = relLowerIncl(uu);
      const pl = preLowerIncl(uu);
      let rh: Version | null = null;
      let ph: Version | null = null;
      if (w !== null) { rh = relUpperExcl(w); ph = preUpperExcl(w); }
      const relExists = rh === null || compareVersions(rl, rh) < 0;
      const preExists = ph === null || compareVersions(pl, ph) < 0;
      const relIn = relExists && s.contains(rl);
      const preIn = preExists && s.contains(pl);
      if ((relIn || !relExists) && (preIn || !preExists) && (relIn || preIn)) state = 1;
      else if (!relIn && !preIn) state = 0;
      else if (relIn && !preIn && rh !== null && compareVersions(rh, nextRel(rl)) == 0) state = 2;
      else state = 3;
      if (state == 3) return null;
    }
    const open = runLo;
    if (state != 1 && open !== null) {
      pieces.push(spellRun(open, u, s, policy));
      runLo = null;
    }
    if (state == 1 && runLo === null) runLo = u;
    if (state == 2 && u !== null) pieces.push(vs(relLowerIncl(u)));
  }
  const text = pieces.length == 0 ? "<0.0.0-0" : pieces.join(" || ");
  const back = setOf(text, policy);
  return back !== null && back.equals(s) ? text : null;
}

function nextRel(v: Version): Version {
  return new Version(v.major, v.minor, v.patch + 1);
}
function relLowerIncl(b: Version): Version {
  return new Version(b.major, b.minor, b.patch);
}
function relUpperExcl(b: Version): Version {
  return new Version(b.major, b.minor, b.patch);
}
function preLowerIncl(b: Version): Version {
  return b.pre.length > 0 ? b : new Version(b.major, b.minor, b.patch + 1).withPre(["0"]);
}
function preUpperExcl(b: Version): Version {
  return b.pre.length > 0 ? b : new Version(b.major, b.minor, b.patch + 1).withPre(["0"]);
}

/** The full-order run [lo, hi): the simplest of its spellings that is exact. */
function spellRun(lo: Version, hi: Version | null, s: VersionSet, policy: i32): string {
  const atMin = compareVersions(lo, minPre()) == 0;
  const cands = new Array<string>();
  if (hi === null) {
    cands.push(atMin ? "*" : ">=" + vs(lo));
  } else {
    const h = hi;
    if (lo.pre.length == 0 && isPre0(h) && h.major == lo.major && h.minor == lo.minor && h.patch == lo.patch + 1) cands.push(vs(lo));
    const ups = new Array<string>();
    if (isPre0(h) && h.patch > 0) ups.push("<=" + v3(h.major, h.minor, h.patch - 1));
    ups.push("<" + vs(h));
    for (let i = 0; i < ups.length; i++) cands.push(atMin ? ups[i] : ">=" + vs(lo) + " " + ups[i]);
  }
  const want = VersionSet.between(lo, true, hi, false).intersect(s);
  for (let i = 0; i < cands.length; i++) {
    const c = setOf(cands[i], policy);
    if (c !== null && c.equals(want)) return cands[i];
  }
  return cands[cands.length - 1];
}
