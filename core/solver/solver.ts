// PubGrub (Dart pub's doc/solver.md; pubgrub-rs): unit propagation over
// incompatibilities, conflict resolution with learning and backjumping, and
// decision making. Sans-IO and resumable: when a decision needs metadata the
// host has not fed yet, `step` returns NEEDS and the same decision is retried
// on the next run (the state it depends on has not changed).
import { Term, satisfies, contradicts, termDifference, termIntersect } from "./term";
import { Incompatibility, IncompatibilityStore, derive } from "./incompatibility";
import { PartialSolution, Assignment } from "./partial_solution";
import { PackageTable, Pkg, RawDep } from "./packages";
import { ISet, singleton, rangeSet, setSize, isEmpty, contains, fromIndices, intersect, emptySet } from "./intervals";
import { parseRange, Range } from "../semver/range";
import { filterSorted } from "../semver/filter";
import { parseVersion, compareVersions } from "../semver/version";
import {
  PKG_REAL, PKG_ROOT, PKG_FEATURE, PKG_LINE, PKG_RANGE,
  CAUSE_ROOT, CAUSE_DEPENDENCY, CAUSE_UNKNOWN_PACKAGE, CAUSE_DEP_NO_MATCH, CAUSE_YANKED,
  CAUSE_MISSING_FEATURE, CAUSE_CYCLE, CAUSE_ROOT_VERSION,
  EV_DECIDE, EV_CONFLICT, EV_BACKJUMP, EV_DERIVE,
} from "./protocol";
import { E_INVALID_VERSION_REQ } from "../abi/codes";

export const RUN_SOLVED = 0;
export const RUN_NEEDS = 1;
export const RUN_FAILED = 2;
export const RUN_LIMIT = 3;
export const RUN_ERROR = 4;
/** Stopped at `pauseAt` so the host side can collect garbage; run again to go on. */
export const RUN_PAUSED = 5;

/** Backjumps longer than this many levels become chronological backtracks (64: chosen from 4–256 by step counts on the bench graphs, docs/RESOLVER.md). */
const CHRONO_DISTANCE = 64;

/** Dependency keys from text start here; smaller ones are word keys (PackageTable.wordKey). */
const STRING_KEYS: i32 = 0x40000000;

const REL_SATISFIED = -1;
const REL_CONTRADICTED = -2;
const REL_INCONCLUSIVE = -3;

export class Options {
  prerelease: i32 = 0;
  lowest: bool = false;
  cargo: bool = false;
  forbidCycles: bool = false;
  missingFeatureError: bool = false;
  exactOnly: bool = false;
  maxSteps: i32 = 0;
  trace: bool = false;
  target: string = "";
  rootName: string = "";
}

export class Solver {
  store: IncompatibilityStore = new IncompatibilityStore();
  ps: PartialSolution = new PartialSolution();
  changed: Array<i32> = [];
  inChanged: Array<bool> = [];
  added: Map<string, Incompatibility | null> = new Map();
  addedDeps: Map<u64, Array<Incompatibility>> = new Map();
  depKeys: Map<string, i32> = new Map();
  fromIds: Map<u64, i32> = new Map();
  depCache: Map<u64, Array<Incompatibility>> = new Map();
  parsedRanges: Map<string, Range> = new Map();
  rootDeps: Array<RawDep> = [];
  overrides: Map<string, string> = new Map();
  locked: Map<string, string> = new Map();
  /** names pinned exactly by the root (for yanked versions) */
  pinned: Map<string, string> = new Map();
  failure: i32 = -1;
  needs: Array<string> = [];
  steps: i32 = 0;
  /** run() returns RUN_PAUSED once `steps` reaches this (a safe point for the collector, core/abi/collect.ts). */
  pauseAt: i32 = 0x7fffffff;
  decisions: i32 = 0;
  conflicts: i32 = 0;
  derivations: i32 = 0;
  events: Array<i32> = [];
  started: bool = false;
  /**
   * incompatibility id -> decision level at which propagation found it
   * contradicted (-1: not known to be). It stays contradicted until a
   * backtrack below that level, so propagation skips it until then
   * (pubgrub-rs keeps the same map). `contradictedAt[l]` lists the ids
   * recorded at level l, forgotten when a backtrack goes below l.
   */
  contradicted: Array<i32> = [];
  contradictedAt: Array<Array<i32>> = [];

  constructor(public table: PackageTable, public opt: Options, public root: Pkg) {}

  private trace(type: i32, a: i32, b: i32): void {
    if (this.opt.trace && this.events.length < 300000) {
      this.events.push(type);
      this.events.push(a);
      this.events.push(b);
    }
  }

  private markChanged(p: i32): void {
    while (this.inChanged.length <= p) this.inChanged.push(false);
    if (!this.inChanged[p]) {
      this.inChanged[p] = true;
      this.changed.push(p);
    }
  }

  private addIncompat(inc: Incompatibility): i32 {
    const id = this.store.add(inc);
    for (let i = 0; i < inc.terms.length; i++) this.markChanged(inc.terms[i].pkg);
    return id;
  }

  /** Run until solved, failed, blocked on metadata, out of budget or bad input. */
  run(): i32 {
    if (!this.started) {
      this.started = true;
      // "The root must be selected."
      this.addIncompat(new Incompatibility([new Term(this.root.id, false, singleton(0))], CAUSE_ROOT));
    }
    if (this.failure >= 0) return RUN_FAILED;
    this.needs = [];
    while (true) {
      if (this.opt.maxSteps > 0 && this.steps >= this.opt.maxSteps) return RUN_LIMIT;
      if (this.steps >= this.pauseAt) return RUN_PAUSED;
      if (!this.propagate()) return this.table.errCode != 0 ? RUN_ERROR : RUN_FAILED;
      const p = this.pickPackage();
      if (p < 0) {
        if (this.opt.forbidCycles && this.breakCycle()) {
          if (this.failure >= 0) return RUN_FAILED;
          continue;
        }
        return RUN_SOLVED;
      }
      const r = this.decide(p);
      if (r != -1) return r;
    }
    return RUN_SOLVED;
  }

  // ---------------------------------------------------------------- propagation

  private relation(inc: Incompatibility): i32 {
    let unsatisfied = -1;
    const terms = inc.terms;
    for (let i = 0; i < terms.length; i++) {
      const t = unchecked(terms[i]);
      const a = this.ps.termOf(t.pkg);
      if (a !== null) {
        if (satisfies(a, t)) continue;
        if (contradicts(a, t)) return REL_CONTRADICTED;
      }
      if (unsatisfied >= 0) return REL_INCONCLUSIVE;
      unsatisfied = i;
    }
    return unsatisfied < 0 ? REL_SATISFIED : unsatisfied;
  }

  private markContradicted(id: i32): void {
    const level = this.ps.level;
    while (this.contradicted.length <= id) this.contradicted.push(-1);
    while (this.contradictedAt.length <= level) this.contradictedAt.push(new Array<i32>());
    unchecked(this.contradicted[id] = level);
    unchecked(this.contradictedAt[level]).push(id);
  }

  /** Forget the contradictions recorded above `level` (they may hold no longer). */
  private backtrack(level: i32): void {
    this.ps.backtrack(level);
    for (let l = this.contradictedAt.length - 1; l > level; l--) {
      const ids = unchecked(this.contradictedAt[l]);
      for (let k = 0; k < ids.length; k++) unchecked(this.contradicted[unchecked(ids[k])] = -1);
      ids.length = 0;
    }
  }

  private propagate(): bool {
    const contradicted = this.contradicted;
    while (this.changed.length > 0) {
      const pkg = this.changed.pop();
      this.inChanged[pkg] = false;
      const list = this.store.forPackage(pkg);
      for (let i = list.length - 1; i >= 0; i--) {
        const id = unchecked(list[i]);
        if (id < contradicted.length && unchecked(contradicted[id]) >= 0) continue;
        const inc = this.store.get(id);
        const rel = this.relation(inc);
        if (rel == REL_CONTRADICTED) {
          this.markContradicted(id);
        } else if (rel == REL_SATISFIED) {
          const rootCause = this.resolveConflict(inc);
          if (rootCause === null) return false;
          // The learned incompatibility is now almost satisfied: derive its last term's negation.
          const r2 = this.relation(rootCause);
          for (let k = 0; k < this.changed.length; k++) this.inChanged[this.changed[k]] = false;
          this.changed.length = 0;
          if (r2 >= 0) {
            const t = rootCause.terms[r2];
            this.ps.derive(t.negate(), rootCause.id);
            this.derivations++;
            this.trace(EV_DERIVE, rootCause.id, r2);
            this.markChanged(t.pkg);
            this.markContradicted(rootCause.id);
          }
          break;
        } else if (rel >= 0) {
          const t = inc.terms[rel];
          this.ps.derive(t.negate(), inc.id);
          this.derivations++;
          this.trace(EV_DERIVE, inc.id, rel);
          this.markChanged(t.pkg);
          this.markContradicted(id);
        }
      }
    }
    return true;
  }

  private isFailure(inc: Incompatibility): bool {
    if (inc.terms.length == 0) return true;
    return inc.terms.length == 1 && inc.terms[0].positive && inc.terms[0].pkg == this.root.id;
  }

  /** Conflict resolution; returns the learned incompatibility, or null when solving failed. */
  private resolveConflict(start: Incompatibility): Incompatibility | null {
    let inc = start;
    let isNew = false;
    this.conflicts++;
    while (!this.isFailure(inc)) {
      this.steps++;
      let mostRecentTerm: Term | null = null;
      let mostRecent: Assignment | null = null;
      let diff: Term | null = null;
      let prevLevel = 1;
      for (let i = 0; i < inc.terms.length; i++) {
        const t = inc.terms[i];
        const sat = this.ps.satisfier(t);
        if (mostRecent === null || mostRecent.index < sat.index) {
          if (mostRecent !== null) prevLevel = max(prevLevel, mostRecent.level);
          mostRecentTerm = t;
          mostRecent = sat;
          diff = null;
        } else {
          prevLevel = max(prevLevel, sat.level);
        }
        if (mostRecentTerm === t) {
          diff = termDifference(mostRecent.term, t);
          if (diff !== null) prevLevel = max(prevLevel, this.ps.satisfier(diff.negate()).level);
        }
      }
      const satisfier = mostRecent!;
      this.trace(EV_CONFLICT, satisfier.term.pkg, -1);
      if (!isNew) this.ps.blame(satisfier.term.pkg);
      if (prevLevel < satisfier.level || satisfier.cause < 0) {
        // Backjump to where the learned incompatibility becomes unit — unless
        // that would throw away many unrelated decisions (wide graphs, and the
        // chains-meeting-at-a-hub shape): then backtrack chronologically, just
        // below the satisfier's level. Both keep the learned incompatibility
        // asserting; the latter keeps the decisions in between.
        const target = satisfier.level - prevLevel > CHRONO_DISTANCE ? satisfier.level - 1 : prevLevel;
        this.backtrack(target);
        this.trace(EV_BACKJUMP, target, -1);
        if (isNew) this.addIncompat(inc);
        // Every package of the learned incompatibility took part in the conflict.
        for (let k = 0; k < inc.terms.length; k++) this.ps.blame(inc.terms[k].pkg);
        return inc;
      }
      const cause = this.store.get(satisfier.cause);
      const terms = new Array<Term>();
      for (let i = 0; i < inc.terms.length; i++) if (inc.terms[i] !== mostRecentTerm) terms.push(inc.terms[i]);
      for (let i = 0; i < cause.terms.length; i++) if (cause.terms[i].pkg != satisfier.term.pkg) terms.push(cause.terms[i]);
      if (diff !== null) terms.push(diff.negate());
      const next = derive(terms, this.root.id, inc.id, cause.id);
      this.store.record(next);
      inc = next;
      isNew = true;
    }
    this.failure = inc.id;
    return null;
  }

  // ---------------------------------------------------------------- decisions

  /** Undecided package with a positive term and the fewest candidates (Dart pub's order). */
  private pickPackage(): i32 {
    return this.ps.next();
  }

  /** The preferred version of `p` among `allowed`: locked, else newest (or lowest), stable first under "fallback". */
  private chooseVersion(p: Pkg, allowed: ISet): i32 {
    const real = this.table.realOf(p);
    if (real.kind == PKG_REAL && this.locked.has(real.name)) {
      const want = this.locked.get(real.name);
      for (let k = 0; k < allowed.length; k += 2) {
        for (let i = allowed[k]; i < allowed[k + 1]; i++) {
          if (this.table.versionString(p, i) == want) return i;
        }
      }
    }
    const stableFirst = this.opt.prerelease == 2;
    if (this.opt.lowest) {
      if (stableFirst) {
        for (let k = 0; k < allowed.length; k += 2)
          for (let i = allowed[k]; i < allowed[k + 1]; i++) if (!this.table.versionOf(p, i).isPrerelease()) return i;
      }
      return allowed[0];
    }
    if (stableFirst) {
      for (let k = allowed.length - 2; k >= 0; k -= 2)
        for (let i = allowed[k + 1] - 1; i >= allowed[k]; i--) if (!this.table.versionOf(p, i).isPrerelease()) return i;
    }
    return allowed[allowed.length - 1] - 1;
  }

  /** Returns -1 to continue, or a RUN_* status. */
  private decide(pid: i32): i32 {
    const p = this.table.get(pid);
    const t = this.ps.termOf(pid)!;
    const v = this.chooseVersion(p, t.vs);
    const key = (<u64>pid << 32) | <u64>v;
    let incs: Array<Incompatibility>;
    if (this.depCache.has(key)) {
      // Decided before (and undone by a backjump): its incompatibilities are in the store.
      incs = this.depCache.get(key);
    } else {
      // Metadata of every dependency must be known before the dependencies can become terms.
      const missing = this.missingMetadata(p, v);
      if (missing.length > 0) {
        this.prefetch(pid, missing);
        this.needs = missing;
        return RUN_NEEDS;
      }
      const real = this.table.realOf(p);
      if ((p.kind == PKG_REAL || p.kind == PKG_LINE) && real.versions[this.table.baseIndex(p, v)].yanked) {
        const vs = this.table.versionString(p, v);
        const ok = (this.pinned.has(real.name) && this.pinned.get(real.name) == vs) || (this.locked.has(real.name) && this.locked.get(real.name) == vs);
        if (!ok) {
          this.steps++;
          this.addIncompat(new Incompatibility([new Term(pid, true, singleton(v))], CAUSE_YANKED));
          return -1;
        }
      }
      incs = new Array<Incompatibility>();
      if (!this.dependencies(p, v, incs)) return RUN_ERROR;
      for (let i = 0; i < incs.length; i++) if (incs[i].id < 0) this.addIncompat(incs[i]);
      this.depCache.set(key, incs);
    }
    this.steps++;
    let conflict = false;
    for (let i = 0; i < incs.length && !conflict; i++) {
      const inc = incs[i];
      let all = true;
      for (let k = 0; k < inc.terms.length; k++) {
        const it = inc.terms[k];
        if (it.pkg == pid) {
          // Would deciding v satisfy this term?
          if (contains(it.vs, v) != it.positive) { all = false; break; }
          continue;
        }
        const a = this.ps.termOf(it.pkg);
        if (a === null || !satisfies(a, it)) { all = false; break; }
      }
      if (all) conflict = true;
    }
    if (!conflict) {
      this.ps.decide(pid, v);
      this.decisions++;
      this.trace(EV_DECIDE, pid, v);
    }
    this.markChanged(pid);
    return -1;
  }

  /**
   * Also ask for what the other queued packages' preferred versions will need,
   * so a wide graph takes a few round trips instead of one per decision. These
   * are the versions the solver is about to decide, not speculation.
   */
  private prefetch(except: i32, out: Array<string>): void {
    const ps = this.ps;
    const seen = new Set<i32>();
    seen.add(except);
    const queued = ps.queue.heap;
    // A set beside `out`: includes() over up to 512 names was quadratic in string compares.
    const asked = new Set<string>();
    for (let k = 0; k < out.length; k++) asked.add(out[k]);
    for (let i = 0; i < queued.length && i < 128 && out.length < 512; i++) {
      const q = queued[i];
      if (seen.has(q)) continue;
      seen.add(q);
      const t = ps.termOf(q);
      if (t === null || !t.positive || ps.decided[q] >= 0) continue;
      const pk = this.table.get(q);
      const v = this.chooseVersion(pk, t.vs);
      if (this.depCache.has((<u64>q << 32) | <u64>v)) continue;
      const more = this.missingMetadata(pk, v);
      for (let k = 0; k < more.length; k++) {
        if (asked.has(more[k])) continue;
        asked.add(more[k]);
        out.push(more[k]);
      }
    }
  }

  // ---------------------------------------------------------------- dependencies

  private rawDeps(p: Pkg, v: i32): Array<RawDep> {
    const real = this.table.realOf(p);
    if (p.kind == PKG_ROOT) return this.rootDeps;
    if (p.kind == PKG_REAL || p.kind == PKG_LINE) return this.table.versionDeps(real, this.table.baseIndex(p, v), this.opt.target);
    if (p.kind == PKG_FEATURE) {
      const fd = this.table.featureDeps(real, v, p.label, this.opt.target);
      return fd === null ? new Array<RawDep>() : fd;
    }
    return new Array<RawDep>();
  }

  private missingMetadata(p: Pkg, v: i32): Array<string> {
    const out = new Array<string>();
    const deps = this.rawDeps(p, v);
    for (let i = 0; i < deps.length; i++) {
      const n = deps[i].name;
      if (n == this.opt.rootName && n.length > 0) continue;
      const d = this.table.real(n);
      if (!d.known && !out.includes(n)) out.push(n);
    }
    if (p.kind == PKG_ROOT) {
      const keys = this.overrides.keys();
      for (let i = 0; i < keys.length; i++) {
        const d = this.table.real(keys[i]);
        if (!d.known && !out.includes(keys[i])) out.push(keys[i]);
      }
    }
    return out;
  }

  /** Index set of `range` over real package d's versions; null on a bad range (error recorded). */
  private rangeSet(d: Pkg, range: string, from: Pkg, fromVersion: string): ISet | null {
    if (d.rangeCache.has(range)) return d.rangeCache.get(range);
    // The same range text recurs across many packages: parse it once.
    let parsed: Range | null = this.parsedRanges.has(range) ? this.parsedRanges.get(range) : null;
    if (parsed !== null) {
      const set = fromIndices(filterSorted(d.vers, parsed, this.opt.prerelease));
      d.rangeCache.set(range, set);
      return set;
    }
    const rp = parseRange(range, this.opt.exactOnly);
    if (rp.range !== null) this.parsedRanges.set(range, rp.range!);
    if (rp.range === null) {
      const code = rp.code != 0 ? rp.code : E_INVALID_VERSION_REQ;
      const where = from.kind == PKG_ROOT ? "root\t" + d.name : "dep\t" + this.table.realOf(from).name + "\t" + fromVersion + "\t" + d.name;
      const who = from.kind == PKG_ROOT ? "the root" : this.table.realOf(from).name + " " + fromVersion;
      this.table.fail(code, who + " requires " + d.name + " \"" + range + "\": " + rp.message, where);
      return null;
    }
    const set = fromIndices(filterSorted(d.vers, rp.range!, this.opt.prerelease));
    d.rangeCache.set(range, set);
    return set;
  }

  /** Versions of p around v (within p's own index space) that share dependency `key`. */
  private mergeRange(p: Pkg, v: i32, key: i32): ISet {
    if (p.kind != PKG_REAL && p.kind != PKG_LINE) return singleton(v);
    let lo = v, hi = v + 1;
    while (lo > 0 && this.hasDep(p, lo - 1, key)) lo--;
    while (hi < p.size && this.hasDep(p, hi, key)) hi++;
    return rangeSet(lo, hi);
  }

  private hasDep(p: Pkg, i: i32, key: i32): bool {
    if (key < STRING_KEYS && (p.kind == PKG_REAL || p.kind == PKG_LINE)) {
      // A plain dependency: compare word keys, decoding nothing.
      const real = this.table.realOf(p);
      return this.table.plainKeys(real, this.table.baseIndex(p, i), this.opt.target).includes(key);
    }
    const deps = this.rawDeps(p, i);
    for (let k = 0; k < deps.length; k++) if (this.keyOf(deps[k]) == key) return true;
    return false;
  }

  /** Dependencies compare by interned id: merging neighbours is then integer work. */
  private keyOf(d: RawDep): i32 {
    if (d.keyId < 0) {
      // Text keys live above STRING_KEYS, apart from the word keys of plain dependencies.
      const k = d.key();
      if (this.depKeys.has(k)) d.keyId = this.depKeys.get(k);
      else {
        d.keyId = STRING_KEYS + this.depKeys.size;
        this.depKeys.set(k, d.keyId);
      }
    }
    return d.keyId;
  }

  /** The incompatibilities that version v of p brings; false on bad input. */
  private dependencies(p: Pkg, v: i32, out: Array<Incompatibility>): bool {
    const real = this.table.realOf(p);
    if (p.kind == PKG_RANGE) {
      // "Some line matching the range": pin the line that holds this version.
      const bi = p.map[v];
      const li = this.table.lineOf(real, bi);
      const line = this.table.get(real.lines[li]);
      this.push(out, new Incompatibility([new Term(p.id, true, singleton(v)), new Term(line.id, false, singleton(bi - line.lo))], CAUSE_DEPENDENCY, line.id, -1, this.table.versionString(p, v)), "r" + p.id.toString() + ":" + v.toString());
      return true;
    }
    if (p.kind == PKG_FEATURE) {
      // A feature proxy is pinned to its package's version.
      let pin: Pkg = real;
      let pinIdx = v;
      if (this.opt.cargo) {
        pin = this.table.get(real.lines[this.table.lineOf(real, v)]);
        pinIdx = v - pin.lo;
      }
      this.push(out, new Incompatibility([new Term(p.id, true, singleton(v)), new Term(pin.id, false, singleton(pinIdx))], CAUSE_DEPENDENCY, pin.id, -1, this.table.versionString(p, v)), "f" + p.id.toString() + ":" + v.toString());
      if (this.table.featureDeps(real, v, p.label, this.opt.target) === null && this.opt.missingFeatureError) {
        this.push(out, new Incompatibility([new Term(p.id, true, singleton(v))], CAUSE_MISSING_FEATURE, real.id, -1, p.label), "m" + p.id.toString() + ":" + v.toString());
        return true;
      }
    }
    const deps = this.rawDeps(p, v);
    const fromVersion = this.table.versionString(p, v);
    for (let i = 0; i < deps.length; i++) {
      const d = deps[i];
      const key = this.keyOf(d);
      const from = this.mergeRange(p, v, key);
      // (package, first version of the merged range) as one id, then with the key: no bit overlap.
      const fromKey = (<u64>p.id << 32) | <u64>from[0];
      let fromId: i32;
      if (this.fromIds.has(fromKey)) fromId = this.fromIds.get(fromKey);
      else {
        fromId = this.fromIds.size;
        this.fromIds.set(fromKey, fromId);
      }
      const dedup = (<u64>fromId << 32) | <u64>(<u32>key);
      if (this.addedDeps.has(dedup)) {
        const prev = this.addedDeps.get(dedup);
        for (let k = 0; k < prev.length; k++) out.push(prev[k]);
        continue;
      }
      const before = out.length;
      if (!this.depIncompats(p, from, d, false, fromVersion, out)) return false;
      // Remember them for reuse by the other versions of the merged range.
      this.addedDeps.set(dedup, out.slice(before));
    }
    if (p.kind == PKG_ROOT) {
      const keys = this.overrides.keys();
      for (let i = 0; i < keys.length; i++) {
        const d = new RawDep(keys[i], this.overrides.get(keys[i]), [], "");
        if (!this.depIncompats(p, singleton(0), d, true, fromVersion, out)) return false;
      }
    }
    return true;
  }

  private push(out: Array<Incompatibility>, inc: Incompatibility, key: string): void {
    if (this.added.has(key)) return;
    this.added.set(key, inc);
    out.push(inc);
  }

  private depIncompats(p: Pkg, from: ISet, dep: RawDep, isOverride: bool, fromVersion: string, out: Array<Incompatibility>): bool {
    const self = new Term(p.id, true, from);
    if (dep.name == this.opt.rootName && this.opt.rootName.length > 0) {
      // A dependency on the root package by name.
      const set = this.rangeSet(this.root, dep.range, p, fromVersion);
      if (set === null) return false;
      if (isEmpty(set)) out.push(new Incompatibility([self], CAUSE_ROOT_VERSION, this.root.id, -1, dep.range));
      else this.depInc(out, self, new Term(this.root.id, false, set), this.root.id, dep.range);
      return true;
    }
    const d = this.table.real(dep.name);
    if (!this.table.parse(d)) return false;
    if (!d.found) {
      out.push(new Incompatibility([self], CAUSE_UNKNOWN_PACKAGE, d.id, -1, dep.range));
      return true;
    }
    let range = dep.range;
    let set: ISet;
    if (!isOverride && this.overrides.has(d.name) && !this.opt.cargo) {
      // Overridden: every other constraint on the package is ignored (the root's override applies).
      set = rangeSet(0, d.size);
      range = "*";
    } else if (!isOverride && this.overrides.has(d.name)) {
      // Under the cargo policy each requirement may pick its own line, so the override itself
      // must be what every dependent asks for: otherwise a line outside it could be chosen.
      range = this.overrides.get(d.name);
      const s = this.rangeSet(d, range, this.root, "");
      if (s === null) return false;
      set = s;
    } else {
      const s = this.rangeSet(d, range, p, fromVersion);
      if (s === null) return false;
      set = s;
    }
    if (isEmpty(set)) {
      out.push(new Incompatibility([self], CAUSE_DEP_NO_MATCH, d.id, -1, range));
      return true;
    }
    if (!this.opt.cargo) {
      this.depInc(out, self, new Term(d.id, false, set), d.id, range);
    } else {
      this.table.splitLines(d);
      const first = this.table.lineOf(d, set[0]);
      const last = this.table.lineOf(d, set[set.length - 1] - 1);
      if (first == last) {
        const line = this.table.get(d.lines[first]);
        const local = intersect(set, rangeSet(line.lo, line.lo + line.size));
        const shifted = new StaticArray<i32>(local.length);
        for (let k = 0; k < local.length; k++) shifted[k] = local[k] - line.lo;
        this.depInc(out, self, new Term(line.id, false, shifted), line.id, range);
      } else {
        const idx = new Array<i32>();
        for (let k = 0; k < set.length; k += 2) for (let x = set[k]; x < set[k + 1]; x++) idx.push(x);
        const q = this.table.rangeProxy(d, range, idx);
        this.depInc(out, self, new Term(q.id, false, rangeSet(0, q.size)), q.id, range);
      }
    }
    for (let f = 0; f < dep.features.length; f++) {
      const fp = this.table.feature(d, dep.features[f]);
      this.depInc(out, self, new Term(fp.id, false, set), fp.id, range);
    }
    return true;
  }

  /** {self, ¬target}; a dependency of a package on itself folds into one term (or nothing). */
  private depInc(out: Array<Incompatibility>, self: Term, target: Term, pkg: i32, label: string): void {
    if (self.pkg != target.pkg) {
      out.push(new Incompatibility([self, target], CAUSE_DEPENDENCY, pkg, -1, label));
      return;
    }
    const t = termIntersect(self, target);
    if (t.positive && isEmpty(t.vs)) return;
    out.push(new Incompatibility([t], CAUSE_DEPENDENCY, pkg, -1, label));
  }

  // ---------------------------------------------------------------- cycles

  /** With cycles forbidden: if the complete solution has a cycle, learn that it cannot be chosen. */
  private breakCycle(): bool {
    const ps = this.ps;
    // Nodes are real packages by name (as Cargo and the scenario checker see them).
    const names = new Map<string, i32>();
    const nodeNames = new Array<string>();
    const members = new Array<Array<i32>>();
    for (let pid = 0; pid < ps.decided.length; pid++) {
      if (ps.decided[pid] < 0) continue;
      const p = this.table.get(pid);
      if (p.kind == PKG_ROOT || p.kind == PKG_RANGE) continue;
      const n = this.table.realOf(p).name;
      if (!names.has(n)) {
        names.set(n, nodeNames.length);
        nodeNames.push(n);
        members.push(new Array<i32>());
      }
      members[names.get(n)].push(pid);
    }
    const edges = new Array<Array<i32>>();
    for (let i = 0; i < nodeNames.length; i++) edges.push(new Array<i32>());
    for (let i = 0; i < nodeNames.length; i++) {
      const ms = members[i];
      for (let k = 0; k < ms.length; k++) {
        const p = this.table.get(ms[k]);
        const deps = this.rawDeps(p, ps.decided[p.id]);
        for (let j = 0; j < deps.length; j++) {
          if (names.has(deps[j].name)) {
            const to = names.get(deps[j].name);
            if (!edges[i].includes(to)) edges[i].push(to);
          }
        }
      }
    }
    // Iterative DFS for a back edge.
    const state = new Array<i32>(nodeNames.length).fill(0);
    const parent = new Array<i32>(nodeNames.length).fill(-1);
    for (let s = 0; s < nodeNames.length; s++) {
      if (state[s] != 0) continue;
      const stack = new Array<i32>();
      const iter = new Array<i32>();
      stack.push(s);
      iter.push(0);
      state[s] = 1;
      while (stack.length > 0) {
        const n = stack[stack.length - 1];
        const it = iter[iter.length - 1];
        if (it < edges[n].length) {
          iter[iter.length - 1] = it + 1;
          const m = edges[n][it];
          if (state[m] == 1) {
            // Cycle m -> ... -> n -> m
            const cyc = new Array<i32>();
            let x = n;
            cyc.push(x);
            while (x != m) {
              x = parent[x];
              cyc.push(x);
            }
            const terms = new Array<Term>();
            for (let c = cyc.length - 1; c >= 0; c--) {
              const ms = members[cyc[c]];
              for (let k = 0; k < ms.length; k++) terms.push(new Term(ms[k], true, singleton(ps.decided[ms[k]])));
            }
            const inc = new Incompatibility(terms, CAUSE_CYCLE);
            this.addIncompat(inc);
            const learned = this.resolveConflict(inc);
            if (learned === null) {
              this.changed.length = 0;
              return true; // propagate() is clean; run() sees failure via pickPackage? handled below
            }
            const r2 = this.relation(learned);
            if (r2 >= 0) {
              const t = learned.terms[r2];
              this.ps.derive(t.negate(), learned.id);
              this.trace(EV_DERIVE, learned.id, r2);
              this.markChanged(t.pkg);
            }
            return true;
          }
          if (state[m] == 0) {
            state[m] = 1;
            parent[m] = n;
            stack.push(m);
            iter.push(0);
          }
        } else {
          state[n] = 2;
          stack.pop();
          iter.pop();
        }
      }
    }
    return false;
  }
}
