// The partial solution: the ordered list of assignments (decisions and
// derivations) with their decision levels, plus per package the conjunction of
// its assignments so far, which is what propagation tests terms against.
import { Term, termIntersect, satisfies } from "./term";
import { singleton, setSize } from "./intervals";

/** Conflicts a package must take part in before it is decided ahead of the rest (10: best total and worst case of step counts over the bench graphs and 12 more seeds; uv uses 5). */
const CULPRIT_THRESHOLD = 10;

export class Assignment {
  /** conjunction of this package's assignments up to and including this one */
  acc: Term;
  constructor(
    public term: Term,
    public level: i32,
    /** incompatibility id, or -1 for a decision */
    public cause: i32,
    public index: i32,
  ) {
    this.acc = term;
  }
}

export class PartialSolution {
  assignments: Array<Assignment> = [];
  /** package id -> conjunction of its assignments (null = none) */
  terms: Array<Term | null> = [];
  /** package id -> decided version index, -1 if undecided */
  decided: Array<i32> = [];
  /** package id -> indices of its assignments */
  perPackage: Array<Array<i32>> = [];
  level: i32 = 0;
  /**
   * Decision queue: a binary heap of (candidate count, arrival, package)
   * entries, invalidated lazily. Arrival order breaks ties, as Dart pub's
   * "first unsatisfied package" does.
   */
  heapCount: Array<i32> = [];
  heapSeq: Array<i32> = [];
  heapPkg: Array<i32> = [];
  inPending: Array<bool> = [];
  seq: Array<i32> = [];
  lastSeq: Array<i32> = [];
  lastCount: Array<i32> = [];
  nextSeq: i32 = 0;
  /** scratch list of the packages a backtrack touched */
  private touched: Array<i32> = [];
  /** package id -> how many conflicts it took part in (see `blame`) */
  culprit: Array<i32> = [];

  ensure(p: i32): void {
    while (this.terms.length <= p) {
      this.terms.push(null);
      this.decided.push(-1);
      this.perPackage.push(new Array<i32>());
      this.inPending.push(false);
      this.seq.push(0);
      this.lastSeq.push(-1);
      this.lastCount.push(-1);
      this.culprit.push(0);
    }
  }

  /**
   * Queue key: fewest candidates first, but a package that keeps causing
   * conflicts is decided before every other one (uv's conflict-driven
   * priority): deciding it early turns later clashes into cheap derivations
   * instead of backjumps over the decisions made meanwhile.
   */
  private key(p: i32, t: Term): i32 {
    const c = setSize(t.vs);
    return unchecked(this.culprit[p]) >= CULPRIT_THRESHOLD ? c - 0x40000000 : c;
  }

  /** Count a conflict p took part in; once it crosses the threshold p is re-queued ahead. */
  blame(p: i32): void {
    this.ensure(p);
    const n = ++this.culprit[p];
    if (n == CULPRIT_THRESHOLD) this.note(p);
  }

  private less(i: i32, j: i32): bool {
    const ci = unchecked(this.heapCount[i]), cj = unchecked(this.heapCount[j]);
    return ci < cj || (ci == cj && unchecked(this.heapSeq[i]) < unchecked(this.heapSeq[j]));
  }

  private swap(i: i32, j: i32): void {
    const c = this.heapCount[i], s = this.heapSeq[i], p = this.heapPkg[i];
    this.heapCount[i] = this.heapCount[j];
    this.heapSeq[i] = this.heapSeq[j];
    this.heapPkg[i] = this.heapPkg[j];
    this.heapCount[j] = c;
    this.heapSeq[j] = s;
    this.heapPkg[j] = p;
  }

  private heapPush(count: i32, seq: i32, p: i32): void {
    this.heapCount.push(count);
    this.heapSeq.push(seq);
    this.heapPkg.push(p);
    let i = this.heapCount.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(i, parent)) break;
      this.swap(i, parent);
      i = parent;
    }
  }

  private heapPop(): void {
    const last = this.heapCount.length - 1;
    this.swap(0, last);
    this.heapCount.pop();
    this.heapSeq.pop();
    this.heapPkg.pop();
    const n = this.heapCount.length;
    let i = 0;
    while (true) {
      const l = 2 * i + 1, r = l + 1;
      let m = i;
      if (l < n && this.less(l, m)) m = l;
      if (r < n && this.less(r, m)) m = r;
      if (m == i) break;
      this.swap(i, m);
      i = m;
    }
  }

  /** Queue p for a decision if it is required and undecided. */
  private note(p: i32): void {
    const t = this.terms[p];
    if (t === null || !t.positive || this.decided[p] >= 0) return;
    if (!this.inPending[p]) {
      this.inPending[p] = true;
      this.seq[p] = this.nextSeq++;
    }
    const c = this.key(p, t!);
    // An identical entry is still queued (valid entries are never popped).
    if (this.lastSeq[p] == this.seq[p] && this.lastCount[p] == c) return;
    this.lastSeq[p] = this.seq[p];
    this.lastCount[p] = c;
    this.heapPush(c, this.seq[p], p);
  }

  /** The undecided required package with the fewest candidates, or -1. */
  next(): i32 {
    while (this.heapCount.length > 0) {
      const p = this.heapPkg[0];
      const t = this.terms[p];
      if (t === null || !t.positive || this.decided[p] >= 0) {
        if (this.heapSeq[0] == this.seq[p]) this.inPending[p] = false;
        this.heapPop();
        continue;
      }
      if (this.heapSeq[0] != this.seq[p] || this.heapCount[0] != this.key(p, t)) {
        this.heapPop();
        continue;
      }
      return p;
    }
    return -1;
  }

  termOf(p: i32): Term | null {
    return p < this.terms.length ? unchecked(this.terms[p]) : null;
  }

  private push(t: Term, cause: i32): void {
    const p = t.pkg;
    this.ensure(p);
    const a = new Assignment(t, this.level, cause, this.assignments.length);
    this.perPackage[p].push(a.index);
    this.assignments.push(a);
    const cur = this.terms[p];
    const next = cur === null ? t : satisfies(cur, t) ? cur : termIntersect(cur, t);
    a.acc = next;
    this.terms[p] = next;
    if (cause >= 0) this.note(p);
  }

  decide(p: i32, version: i32): void {
    this.level++;
    this.push(new Term(p, true, singleton(version)), -1);
    this.decided[p] = version;
  }

  derive(t: Term, cause: i32): void {
    this.push(t, cause);
  }

  /** Drop every assignment above `level` and rebuild the affected conjunctions. */
  backtrack(level: i32): void {
    const touched = this.touched;
    touched.length = 0;
    while (this.assignments.length > 0) {
      const a = this.assignments[this.assignments.length - 1];
      if (a.level <= level) break;
      this.assignments.pop();
      const p = a.term.pkg;
      this.perPackage[p].pop();
      if (a.cause < 0) this.decided[p] = -1;
      touched.push(p);
    }
    this.level = level;
    for (let i = 0; i < touched.length; i++) {
      const p = touched[i];
      const list = this.perPackage[p];
      const t: Term | null = list.length > 0 ? this.assignments[list[list.length - 1]].acc : null;
      this.terms[p] = t;
      this.note(p);
    }
  }

  /** The earliest assignment after which the package's conjunction satisfies `t`. */
  satisfier(t: Term): Assignment {
    const list = this.perPackage[t.pkg];
    for (let j = 0; j < list.length; j++) {
      const a = unchecked(this.assignments[unchecked(list[j])]);
      if (satisfies(a.acc, t)) return a;
    }
    // Unreachable when called on a satisfied incompatibility.
    throw new Error("no satisfier for a satisfied term");
  }
}
