// The partial solution: the ordered list of assignments (decisions and
// derivations) with their decision levels, plus per package the conjunction of
// its assignments so far, which is what propagation tests terms against.
import { Term, termIntersect, satisfies } from "./term";
import { singleton, setSize } from "./intervals";
import { DecisionQueue } from "./decision_queue";

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
  /** required, undecided packages by (key, arrival): see `key` */
  queue: DecisionQueue = new DecisionQueue();
  /** scratch list of the packages a backtrack touched */
  private touched: Array<i32> = [];
  /** package id -> how many conflicts it took part in (see `blame`) */
  culprit: Array<i32> = [];

  ensure(p: i32): void {
    while (this.terms.length <= p) {
      this.terms.push(null);
      this.decided.push(-1);
      this.perPackage.push(new Array<i32>());
      this.culprit.push(0);
    }
    this.queue.ensure(p);
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

  /** Queue p for a decision if it is required and undecided, or move it to its current key. */
  private note(p: i32): void {
    const t = this.terms[p];
    if (t === null || !t.positive || this.decided[p] >= 0) return;
    this.queue.set(p, this.key(p, t));
  }

  /** The undecided required package with the smallest key, or -1. */
  next(): i32 {
    const q = this.queue;
    while (true) {
      const p = q.top();
      if (p < 0) return -1;
      const t = this.terms[p];
      // No longer decidable (decided, or not required after a backtrack): drop it.
      if (t === null || !t.positive || this.decided[p] >= 0) {
        q.popTop();
        continue;
      }
      return p;
    }
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
