// Turns solver state into result messages: the solution, the list of packages
// whose metadata is needed, and — for failures — the derivation tree as data
// (incompatibility nodes with their terms and causes). Prose is the bindings'
// job (bindings/explain/); the core only says what was proved and why.
import { WireWriter } from "../abi/wire";
import { Solver } from "./solver";
import { Incompatibility } from "./incompatibility";
import { Term } from "./term";
import { ISet } from "./intervals";
import { PKG_ROOT, PKG_REAL, PKG_LINE, PKG_FEATURE, PKG_RANGE, CAUSE_DERIVED, KIND_SOLUTION, KIND_NEEDS_METADATA, KIND_NO_SOLUTION, KIND_LIMIT, EV_DECIDE, EV_CONFLICT, EV_DERIVE } from "./protocol";

const NO: u32 = 0xffffffff;

function stats(w: WireWriter, s: Solver): void {
  w.word(<u32>s.steps);
  w.word(<u32>s.decisions);
  w.word(<u32>s.conflicts);
  w.word(<u32>s.derivations);
}

/** A package record, as in the derivation tree: name, kind, base name, label, versions. */
function writePackage(w: WireWriter, s: Solver, pid: i32): void {
  const p = s.table.get(pid);
  const real = s.table.realOf(p);
  w.word(w.str(p.name));
  w.word(<u32>p.kind);
  w.word(w.str(real.name));
  w.word(w.str(p.label));
  w.word(<u32>p.size);
  for (let v = 0; v < p.size; v++) w.word(w.str(s.table.versionString(p, v)));
}

/** A term record: package index, positive, interval count, (lo, hi)*. */
function writeTerm(w: WireWriter, pkg: i32, positive: bool, vs: ISet): void {
  w.word(<u32>pkg);
  w.word(positive ? 1 : 0);
  w.word(<u32>(vs.length / 2));
  for (let j = 0; j < vs.length; j++) w.word(<u32>vs[j]);
}

/** Index of package `pid` in a message's package list, adding it if new. */
function indexOf(pid: i32, idx: Map<i32, i32>, list: Array<i32>): i32 {
  if (idx.has(pid)) return idx.get(pid);
  idx.set(pid, list.length);
  list.push(pid);
  return list.length - 1;
}

/**
 * The event list, then the derived terms its EV_DERIVE events refer to: package count, package
 * records, term count, term records (docs/ABI.md, "Run results").
 */
function events(w: WireWriter, s: Solver): void {
  const ev = s.events;
  const n = ev.length / 3;
  w.word(<u32>n);
  const derived = new Array<Term>();
  for (let i = 0; i < ev.length; i += 3) {
    const type = ev[i], a = ev[i + 1], b = ev[i + 2];
    w.word(<u32>type);
    if (type == EV_DECIDE) {
      const p = s.table.get(a);
      w.word(w.str(p.name));
      w.word(w.str(s.table.versionString(p, b)));
    } else if (type == EV_DERIVE) {
      // Propagation derived the negation of term b of incompatibility a.
      const t = s.store.get(a).terms[b];
      w.word(w.str(s.table.get(t.pkg).name));
      w.word(<u32>derived.length);
      derived.push(t);
    } else if (type == EV_CONFLICT) {
      w.word(w.str(s.table.get(a).name));
      w.word(NO);
    } else {
      w.word(<u32>a);
      w.word(NO);
    }
  }
  const pkgIdx = new Map<i32, i32>();
  const pkgs = new Array<i32>();
  const termPkg = new Array<i32>(derived.length);
  for (let i = 0; i < derived.length; i++) termPkg[i] = indexOf(derived[i].pkg, pkgIdx, pkgs);
  w.word(<u32>pkgs.length);
  for (let i = 0; i < pkgs.length; i++) writePackage(w, s, pkgs[i]);
  w.word(<u32>derived.length);
  for (let i = 0; i < derived.length; i++) writeTerm(w, termPkg[i], !derived[i].positive, derived[i].vs);
  s.events = [];
}

class Entry {
  constructor(public name: string, public version: string, public order: i32) {}
}

/** KIND_SOLUTION: stats(4), count, (name, version)*, events. Sorted by name then version order. */
export function solutionMessage(s: Solver): ArrayBuffer {
  const w = new WireWriter(<u16>KIND_SOLUTION);
  stats(w, s);
  const list = new Array<Entry>();
  const decided = s.ps.decided;
  for (let pid = 0; pid < decided.length; pid++) {
    const v = decided[pid];
    if (v < 0) continue;
    const p = s.table.get(pid);
    if (p.kind != PKG_REAL && p.kind != PKG_LINE) continue;
    const real = s.table.realOf(p);
    list.push(new Entry(real.name, s.table.versionString(p, v), s.table.baseIndex(p, v)));
  }
  list.sort((a: Entry, b: Entry): i32 => {
    if (a.name < b.name) return -1;
    if (a.name > b.name) return 1;
    return a.order - b.order;
  });
  w.word(<u32>list.length);
  for (let i = 0; i < list.length; i++) {
    w.word(w.str(list[i].name));
    w.word(w.str(list[i].version));
  }
  events(w, s);
  return w.finish();
}

/** KIND_NEEDS_METADATA: stats(4), count, names, events. */
export function needsMessage(s: Solver): ArrayBuffer {
  const w = new WireWriter(<u16>KIND_NEEDS_METADATA);
  stats(w, s);
  w.word(<u32>s.needs.length);
  for (let i = 0; i < s.needs.length; i++) w.word(w.str(s.needs[i]));
  events(w, s);
  return w.finish();
}

/** KIND_LIMIT: stats(4), events. */
export function limitMessage(s: Solver): ArrayBuffer {
  const w = new WireWriter(<u16>KIND_LIMIT);
  stats(w, s);
  events(w, s);
  return w.finish();
}

/**
 * KIND_NO_SOLUTION: stats(4), then
 *   package count, per package: name, kind, base name, label, version count, versions...
 *   node count, per node: cause, a, b, label, term count, per term: package, positive, interval count, (lo, hi)*
 * Nodes are in dependency order (causes before what they prove); the last one is the failure.
 * For CAUSE_DERIVED, a and b are node indices; otherwise a is a package index or NONE.
 */
export function noSolutionMessage(s: Solver): ArrayBuffer {
  const w = new WireWriter(<u16>KIND_NO_SOLUTION);
  stats(w, s);
  const store = s.store;
  // Post-order walk from the failure, iteratively (trees can be deep).
  const nodeOf = new Map<i32, i32>();
  const order = new Array<Incompatibility>();
  const stack = new Array<i32>();
  const expanded = new Array<bool>();
  stack.push(s.failure);
  expanded.push(false);
  while (stack.length > 0) {
    const id = stack[stack.length - 1];
    const ex = expanded[expanded.length - 1];
    if (nodeOf.has(id)) {
      stack.pop();
      expanded.pop();
      continue;
    }
    const inc = store.get(id);
    if (inc.cause == CAUSE_DERIVED && !ex) {
      expanded[expanded.length - 1] = true;
      if (!nodeOf.has(inc.b)) { stack.push(inc.b); expanded.push(false); }
      if (!nodeOf.has(inc.a)) { stack.push(inc.a); expanded.push(false); }
      continue;
    }
    stack.pop();
    expanded.pop();
    nodeOf.set(id, order.length);
    order.push(inc);
  }
  // Packages mentioned.
  const pkgIdx = new Map<i32, i32>();
  const pkgs = new Array<i32>();
  for (let i = 0; i < order.length; i++) {
    const inc = order[i];
    for (let k = 0; k < inc.terms.length; k++) {
      indexOf(inc.terms[k].pkg, pkgIdx, pkgs);
    }
    if (inc.cause != CAUSE_DERIVED && inc.a >= 0) indexOf(inc.a, pkgIdx, pkgs);
  }
  w.word(<u32>pkgs.length);
  for (let i = 0; i < pkgs.length; i++) writePackage(w, s, pkgs[i]);
  w.word(<u32>order.length);
  for (let i = 0; i < order.length; i++) {
    const inc = order[i];
    w.word(<u32>inc.cause);
    if (inc.cause == CAUSE_DERIVED) {
      w.word(<u32>nodeOf.get(inc.a));
      w.word(<u32>nodeOf.get(inc.b));
    } else {
      w.word(inc.a >= 0 ? <u32>pkgIdx.get(inc.a) : NO);
      w.word(NO);
    }
    w.word(w.str(inc.label));
    w.word(<u32>inc.terms.length);
    for (let k = 0; k < inc.terms.length; k++) {
      const t = inc.terms[k];
      writeTerm(w, pkgIdx.get(t.pkg), t.positive, t.vs);
    }
  }
  events(w, s);
  return w.finish();
}
