// Renders a derivation tree as prose in the style of Dart pub's reporter
// (doc/solver.md "Error Reporting"): "Because … and …, …", derived facts used
// more than once get a number and are referred back to, chains whose middle
// step is used once are collapsed into one sentence, and the last line says
// "So, because …, version solving failed."
import { termPackageName, type DerivationTree, type TreeNode, type TreeTerm } from "./tree.js";

type Line = { text: string; number?: number };

function subset(a: [number, number][], b: [number, number][]): boolean {
  return a.every(([lo, hi]) => b.some(([l, h]) => l <= lo && hi <= h));
}

export class Reporter {
  private lines: Line[] = [];
  private numbers = new Map<number, number>();
  private derivations = new Map<number, number>();

  constructor(private readonly tree: DerivationTree) {}

  private node(i: number): TreeNode {
    return this.tree.nodes[i]!;
  }

  private isDerived(i: number): boolean {
    return this.node(i).cause === "derived";
  }

  private pkgName(t: TreeTerm): string {
    return termPackageName(this.tree.packages[t.package]!);
  }

  private isRoot(t: TreeTerm): boolean {
    return this.tree.packages[t.package]!.kind === "root";
  }

  /** "foo ^1.0.0", "foo", or with allowEvery "every version of foo". */
  terse(t: TreeTerm, allowEvery = false): string {
    const name = this.pkgName(t);
    if (this.isRoot(t)) return name;
    if (t.range === "") return allowEvery ? `every version of ${name}` : name;
    return `${name} ${t.range}`;
  }

  /** A term with its one version spelled out when it has exactly one. */
  private exact(t: TreeTerm): string {
    const p = this.tree.packages[t.package]!;
    if (t.intervals.length === 1 && t.intervals[0]![1] - t.intervals[0]![0] === 1) return `${this.pkgName(t)} ${p.versions[t.intervals[0]![0]]}`;
    return this.terse(t);
  }

  /** The dependency's target term, printed with the range as written. */
  private depTarget(n: TreeNode): string {
    const t = n.terms.find((x) => !x.positive);
    if (!t) return "";
    const name = this.pkgName(t);
    if (this.tree.packages[t.package]!.kind === "root") return `${name} ${n.label}`;
    return n.label === "" || n.label === "*" ? name : `${name} ${n.label}`;
  }

  private targetName(n: TreeNode): string {
    if (n.target === undefined) return "?";
    return termPackageName(this.tree.packages[n.target]!);
  }

  /** One incompatibility as a clause. */
  describe(i: number): string {
    const n = this.node(i);
    const terms = n.terms;
    const pos = terms.find((t) => t.positive);
    switch (n.cause) {
      case "root":
        return `${this.terse(terms[0]!)} is the root`;
      case "dependency":
        if (pos && terms.length === 2) return `${this.terse(pos, true)} depends on ${this.depTarget(n)}`;
        if (pos && terms.length === 1) return `${this.terse(pos, true)} depends on ${this.targetName(n)} ${n.label}`;
        break;
      case "unknown_package":
        return `${this.terse(terms[0]!, true)} depends on ${this.targetName(n)}, which doesn't exist`;
      case "dependency_no_match":
        return `${this.terse(terms[0]!, true)} depends on ${this.targetName(n)} ${n.label}, which doesn't match any versions`;
      case "root_version": {
        const root = n.target !== undefined ? this.tree.packages[n.target] : undefined;
        return `${this.terse(terms[0]!, true)} depends on ${this.targetName(n)} ${n.label}, but ${this.targetName(n)} is ${root?.versions[0] ?? "another version"}`;
      }
      case "yanked":
        return `${this.exact(terms[0]!)} is yanked`;
      case "missing_feature": {
        const p = this.tree.packages[terms[0]!.package]!;
        const v = this.exact(terms[0]!).slice(this.pkgName(terms[0]!).length).trim();
        return `${p.base}${v ? ` ${v}` : ""} doesn't have the feature "${n.label}"`;
      }
      case "cycle": {
        const names = terms.map((t) => this.exact(t));
        if (names.length === 1) return `${names[0]} depends on itself, and dependency cycles are forbidden`;
        const list = names.length === 2 ? names.join(" and ") : `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
        return `${list} depend on each other in a cycle, which is forbidden`;
      }
      case "no_versions":
        return `no versions of ${this.terse(terms[0]!)} exist`;
    }
    return this.generic(i);
  }

  private generic(i: number): string {
    const terms = this.node(i).terms;
    if (terms.length === 0 || (terms.length === 1 && terms[0]!.positive && this.isRoot(terms[0]!))) return "version solving failed";
    if (terms.length === 1) {
      const t = terms[0]!;
      return t.positive ? `${this.terse(t, true)} is forbidden` : `${this.terse(t)} is required`;
    }
    if (terms.length === 2 && terms[0]!.positive === terms[1]!.positive) {
      if (terms[0]!.positive) return `${this.terse(terms[0]!, true)} is incompatible with ${this.terse(terms[1]!, true)}`;
      return `either ${this.terse(terms[0]!)} or ${this.terse(terms[1]!)}`;
    }
    const positive = terms.filter((t) => t.positive);
    const negative = terms.filter((t) => !t.positive);
    if (positive.length && negative.length) {
      if (positive.length === 1) return `${this.terse(positive[0]!, true)} requires ${negative.map((t) => this.terse(t)).join(" or ")}`;
      return `if ${positive.map((t) => this.terse(t)).join(" and ")} then ${negative.map((t) => this.terse(t)).join(" or ")}`;
    }
    if (positive.length) return `one of ${positive.map((t) => this.terse(t)).join(" or ")} must be false`;
    return `one of ${negative.map((t) => this.terse(t)).join(" or ")} must be true`;
  }

  private single(i: number, positive: boolean): TreeTerm | undefined {
    const found = this.node(i).terms.filter((t) => t.positive === positive);
    return found.length === 1 ? found[0] : undefined;
  }

  private verb(i: number): string {
    return this.node(i).cause === "dependency" ? "depends on" : "requires";
  }

  private ref(line: number | undefined): string {
    return line === undefined ? "" : ` (${line})`;
  }

  /** "x and y"; a first clause with its own comma (", which doesn't exist") closes it: "x, and y". */
  private joinAnd(x: string, y: string): string {
    return x.includes(", ") ? `${x}, and ${y}` : `${x} and ${y}`;
  }

  /** Two clauses joined, using Dart's "depends on both", "which depends on" and "which is forbidden" forms. */
  private and(a: number, b: number, aLine?: number, bLine?: number): string {
    return this.requiresBoth(a, b, aLine, bLine) ?? this.requiresThrough(a, b, aLine, bLine) ?? this.requiresForbidden(a, b, aLine, bLine) ?? this.joinAnd(`${this.describe(a)}${this.ref(aLine)}`, `${this.describe(b)}${this.ref(bLine)}`);
  }

  private requiresBoth(a: number, b: number, aLine?: number, bLine?: number): string | undefined {
    const na = this.node(a), nb = this.node(b);
    if (na.terms.length === 1 || nb.terms.length === 1) return undefined;
    if (!this.plain(a) || !this.plain(b)) return undefined;
    const pa = this.single(a, true), pb = this.single(b, true);
    if (!pa || !pb || pa.package !== pb.package) return undefined;
    const negA = this.negatives(a), negB = this.negatives(b);
    const verb = na.cause === "dependency" && nb.cause === "dependency" ? "depends on" : "requires";
    return `${this.terse(pa, true)} ${verb} both ${negA}${this.ref(aLine)} and ${negB}${this.ref(bLine)}`;
  }

  private negatives(i: number): string {
    const n = this.node(i);
    if (n.cause === "dependency") return this.depTarget(n);
    return n.terms.filter((t) => !t.positive).map((t) => this.terse(t)).join(" or ");
  }

  /** Causes whose meaning is fully carried by their terms. */
  private plain(i: number): boolean {
    const c = this.node(i).cause;
    return c === "dependency" || c === "derived";
  }

  private requiresThrough(a: number, b: number, aLine?: number, bLine?: number): string | undefined {
    const na = this.node(a), nb = this.node(b);
    if (na.terms.length === 1 || nb.terms.length === 1) return undefined;
    if (!this.plain(a) || !this.plain(b)) return undefined;
    const negA = this.single(a, false), negB = this.single(b, false);
    const posA = this.single(a, true), posB = this.single(b, true);
    let prior: number, priorNeg: TreeTerm, latter: number, priorLine: number | undefined, latterLine: number | undefined;
    if (negA && posB && negA.package === posB.package && subset(negA.intervals, posB.intervals)) {
      [prior, priorNeg, latter, priorLine, latterLine] = [a, negA, b, aLine, bLine];
    } else if (negB && posA && negB.package === posA.package && subset(negB.intervals, posA.intervals)) {
      [prior, priorNeg, latter, priorLine, latterLine] = [b, negB, a, bLine, aLine];
    } else return undefined;
    const positives = this.node(prior).terms.filter((t) => t.positive);
    let s = positives.length > 1 ? `if ${positives.map((t) => this.terse(t)).join(" or ")} then ` : `${this.terse(positives[0]!, true)} ${this.verb(prior)} `;
    s += this.node(prior).cause === "dependency" ? this.depTarget(this.node(prior)) : this.terse(priorNeg);
    s += `${this.ref(priorLine)} which ${this.verb(latter)} ${this.negatives(latter)}${this.ref(latterLine)}`;
    return s;
  }

  private requiresForbidden(a: number, b: number, aLine?: number, bLine?: number): string | undefined {
    const na = this.node(a), nb = this.node(b);
    if (na.terms.length !== 1 && nb.terms.length !== 1) return undefined;
    const [prior, latter, priorLine, latterLine] = na.terms.length === 1 ? [b, a, bLine, aLine] : [a, b, aLine, bLine];
    if (this.node(prior).terms.length === 1 || !this.plain(prior)) return undefined;
    const neg = this.single(prior, false);
    const lt = this.node(latter).terms[0]!;
    if (!neg || !lt.positive || neg.package !== lt.package || !subset(neg.intervals, lt.intervals)) return undefined;
    if (!this.plain(latter)) return undefined;
    const positives = this.node(prior).terms.filter((t) => t.positive);
    let s = positives.length > 1 ? `if ${positives.map((t) => this.terse(t)).join(" or ")} then ` : `${this.terse(positives[0]!, true)} ${this.verb(prior)} `;
    s += `${this.node(prior).cause === "dependency" ? this.depTarget(this.node(prior)) : this.terse(neg)}${this.ref(priorLine)} which is forbidden${this.ref(latterLine)}`;
    return s;
  }

  private write(i: number | undefined, text: string, numbered: boolean): void {
    if (numbered && i !== undefined) {
      const number = this.numbers.size + 1;
      this.numbers.set(i, number);
      this.lines.push({ text, number });
    } else this.lines.push({ text });
  }

  private count(i: number): void {
    const n = this.node(i);
    const seen = this.derivations.get(i) ?? 0;
    this.derivations.set(i, seen + 1);
    if (seen === 0 && n.causes) {
      this.count(n.causes[0]);
      this.count(n.causes[1]);
    }
  }

  private collapsible(i: number): boolean {
    if ((this.derivations.get(i) ?? 0) > 1) return false;
    const n = this.node(i);
    if (!n.causes) return false;
    const [x, y] = n.causes;
    if (this.isDerived(x) && this.isDerived(y)) return false;
    if (!this.isDerived(x) && !this.isDerived(y)) return false;
    const complex = this.isDerived(x) ? x : y;
    return !this.numbers.has(complex);
  }

  private visit(i: number, conclusion = false): void {
    const numbered = conclusion || (this.derivations.get(i) ?? 0) > 1;
    const conjunction = conclusion || i === this.tree.failure ? "So," : "And";
    const text = this.describe(i);
    const [conflict, other] = this.node(i).causes!;
    const cd = this.isDerived(conflict), od = this.isDerived(other);
    if (cd && od) {
      const cl = this.numbers.get(conflict), ol = this.numbers.get(other);
      if (cl !== undefined && ol !== undefined) {
        this.write(i, `Because ${this.and(conflict, other, cl, ol)}, ${text}.`, numbered);
      } else if (cl !== undefined || ol !== undefined) {
        const [withLine, without, line] = cl !== undefined ? [conflict, other, cl] : [other, conflict, ol!];
        this.visit(without);
        this.write(i, `And because ${this.describe(withLine)} (${line}), ${text}.`, numbered);
      } else {
        const singleC = this.singleLine(conflict), singleO = this.singleLine(other);
        if (singleC || singleO) {
          const first = singleO ? conflict : other;
          const second = singleO ? other : conflict;
          this.visit(first);
          this.visit(second);
          this.write(i, `Thus, ${text}.`, numbered);
        } else {
          this.visit(conflict, true);
          this.lines.push({ text: "" });
          this.visit(other);
          this.write(i, `And because ${this.describe(conflict)} (${this.numbers.get(conflict)}), ${text}.`, numbered);
        }
      }
    } else if (cd || od) {
      const derived = cd ? conflict : other;
      const ext = cd ? other : conflict;
      const dl = this.numbers.get(derived);
      if (dl !== undefined) {
        this.write(i, `Because ${this.and(ext, derived, undefined, dl)}, ${text}.`, numbered);
      } else if (this.collapsible(derived)) {
        const [x, y] = this.node(derived).causes!;
        const collapsedDerived = this.isDerived(x) ? x : y;
        const collapsedExt = this.isDerived(x) ? y : x;
        this.visit(collapsedDerived);
        this.write(i, `${conjunction} because ${this.and(collapsedExt, ext)}, ${text}.`, numbered);
      } else {
        this.visit(derived);
        this.write(i, `${conjunction} because ${this.describe(ext)}, ${text}.`, numbered);
      }
    } else {
      this.write(i, `Because ${this.and(conflict, other)}, ${text}.`, numbered);
    }
  }

  private singleLine(i: number): boolean {
    const c = this.node(i).causes;
    return c !== undefined && !this.isDerived(c[0]) && !this.isDerived(c[1]);
  }

  render(): string {
    const f = this.tree.failure;
    const root = this.node(f);
    if (root.cause !== "derived") {
      return `Because ${this.describe(f)}, version solving failed.`;
    }
    this.count(f);
    this.visit(f);
    const width = this.numbers.size > 0 ? `(${this.numbers.size}) `.length : 0;
    return this.lines
      .map((l) => {
        if (l.text === "") return "";
        const prefix = l.number !== undefined ? `(${l.number}) `.padEnd(width) : " ".repeat(width);
        return prefix + l.text;
      })
      .join("\n");
  }
}

/** The explanation of a failed resolution as Dart-pub-style prose. */
export function explain(tree: DerivationTree): string {
  return new Reporter(tree).render();
}
