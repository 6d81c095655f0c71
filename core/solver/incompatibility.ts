// Incompatibilities (sets of terms that must not all hold) and the store that
// indexes them by package for unit propagation. Each one records why it holds
// (its cause), which is what the derivation tree and the explanations are made of.
import { Term, termIntersect } from "./term";
import { CAUSE_DERIVED } from "./protocol";

export class Incompatibility {
  id: i32 = -1;
  constructor(
    public terms: Array<Term>,
    public cause: i32,
    /** cause-specific: a package id, or for derived ones the first cause's id */
    public a: i32 = -1,
    /** for derived ones the second cause's id */
    public b: i32 = -1,
    /** a range or feature name as written, for explanations */
    public label: string = "",
  ) {}

  termFor(pkg: i32): Term | null {
    for (let i = 0; i < this.terms.length; i++) if (this.terms[i].pkg == pkg) return this.terms[i];
    return null;
  }
}

/**
 * Builds a derived incompatibility: terms about the same package are merged
 * (conjunction), and the positive root term is dropped when other terms remain
 * (the root is always selected, so it adds nothing — as in Dart pub).
 */
export function derive(terms: Array<Term>, rootPkg: i32, a: i32, b: i32): Incompatibility {
  const merged = new Array<Term>();
  for (let i = 0; i < terms.length; i++) {
    const t = terms[i];
    let found = false;
    for (let j = 0; j < merged.length; j++) {
      if (merged[j].pkg == t.pkg) {
        merged[j] = termIntersect(merged[j], t);
        found = true;
        break;
      }
    }
    if (!found) merged.push(t);
  }
  if (merged.length > 1) {
    const out = new Array<Term>();
    for (let i = 0; i < merged.length; i++) {
      const t = merged[i];
      if (!(t.positive && t.pkg == rootPkg)) out.push(t);
    }
    if (out.length > 0) return new Incompatibility(out, CAUSE_DERIVED, a, b);
  }
  return new Incompatibility(merged, CAUSE_DERIVED, a, b);
}

export class IncompatibilityStore {
  all: Array<Incompatibility> = [];
  /** package id -> ids of incompatibilities that mention it */
  byPackage: Array<Array<i32>> = [];

  /** Keep an incompatibility for the derivation tree without indexing it for propagation. */
  record(inc: Incompatibility): i32 {
    if (inc.id < 0) {
      inc.id = this.all.length;
      this.all.push(inc);
    }
    return inc.id;
  }

  /** Record and index for propagation. */
  add(inc: Incompatibility): i32 {
    const id = this.record(inc);
    for (let i = 0; i < inc.terms.length; i++) {
      const p = inc.terms[i].pkg;
      while (this.byPackage.length <= p) this.byPackage.push(new Array<i32>());
      this.byPackage[p].push(id);
    }
    return id;
  }

  forPackage(p: i32): Array<i32> {
    while (this.byPackage.length <= p) this.byPackage.push(new Array<i32>());
    return this.byPackage[p];
  }

  get(id: i32): Incompatibility {
    return this.all[id];
  }
}
