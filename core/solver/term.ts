// A term: a statement about one package's selected version. Positive
// `P ∈ S` says P is selected with a version in S; negative `¬(P ∈ S)` says P is
// either not selected or selected outside S (PubGrub's universe includes "not
// selected"). S is an index set over P's sorted version list.
import { ISet, intersect, union, difference, isSubset, disjoint, isEmpty } from "./intervals";

export class Term {
  /** the negation, made once: propagation negates the same dependency terms over and over */
  private neg: Term | null = null;

  constructor(public pkg: i32, public positive: bool, public vs: ISet) {}

  negate(): Term {
    let n = this.neg;
    if (n === null) {
      n = new Term(this.pkg, !this.positive, this.vs);
      n.neg = this;
      this.neg = n;
    }
    return n;
  }
}

/** Conjunction of two terms about the same package. */
export function termIntersect(a: Term, b: Term): Term {
  if (a.positive && b.positive) return new Term(a.pkg, true, intersect(a.vs, b.vs));
  if (a.positive) return new Term(a.pkg, true, difference(a.vs, b.vs));
  if (b.positive) return new Term(a.pkg, true, difference(b.vs, a.vs));
  return new Term(a.pkg, false, union(a.vs, b.vs));
}

/** a ∧ ¬b, or null when that is impossible. */
export function termDifference(a: Term, b: Term): Term | null {
  const t = termIntersect(a, b.negate());
  if (t.positive && isEmpty(t.vs)) return null;
  return t;
}

/** Every assignment allowed by `a` is allowed by `t` (a ⊆ t). */
export function satisfies(a: Term, t: Term): bool {
  if (a.positive) {
    if (t.positive) return isSubset(a.vs, t.vs);
    return disjoint(a.vs, t.vs);
  }
  // a admits "not selected", which only a negative t admits.
  if (t.positive) return false;
  return isSubset(t.vs, a.vs);
}

/** No assignment satisfies both (a ∩ t = ∅). */
export function contradicts(a: Term, t: Term): bool {
  if (a.positive) {
    if (t.positive) return disjoint(a.vs, t.vs);
    return isSubset(a.vs, t.vs);
  }
  if (t.positive) return isSubset(t.vs, a.vs);
  return false;
}
