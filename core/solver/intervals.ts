// Sets of version indices as sorted, disjoint, half-open intervals
// [lo0, hi0, lo1, hi1, ...] over a package's version list (ascending order).
// Every set operation of the solver reduces to these few merges, which is why
// terms are index sets rather than semver ranges.

export type ISet = StaticArray<i32>;

// @ts-ignore: decorator
@lazy const EMPTY_SET: StaticArray<i32> = new StaticArray<i32>(0);

export function emptySet(): ISet {
  return EMPTY_SET;
}

export function rangeSet(lo: i32, hi: i32): ISet {
  if (lo >= hi) return EMPTY_SET;
  const s = new StaticArray<i32>(2);
  s[0] = lo;
  s[1] = hi;
  return s;
}

export function singleton(i: i32): ISet {
  return rangeSet(i, i + 1);
}

export function isEmpty(a: ISet): bool {
  return a.length == 0;
}

export function setSize(a: ISet): i32 {
  let n = 0;
  for (let i = 0; i < a.length; i += 2) n += unchecked(a[i + 1]) - unchecked(a[i]);
  return n;
}

export function contains(a: ISet, x: i32): bool {
  for (let i = 0; i < a.length; i += 2) {
    if (x < unchecked(a[i])) return false;
    if (x < unchecked(a[i + 1])) return true;
  }
  return false;
}

export function setEquals(a: ISet, b: ISet): bool {
  if (a.length != b.length) return false;
  for (let i = 0; i < a.length; i++) if (unchecked(a[i]) != unchecked(b[i])) return false;
  return true;
}

// Shared scratch for building results; copied out at the end.
let scratch = new Array<i32>(64);

function finish(n: i32): ISet {
  if (n == 0) return EMPTY_SET;
  const out = new StaticArray<i32>(n);
  for (let i = 0; i < n; i++) unchecked((out[i] = scratch[i]));
  return out;
}

function push(n: i32, lo: i32, hi: i32): i32 {
  if (lo >= hi) return n;
  if (n > 0 && scratch[n - 1] >= lo) {
    if (hi > scratch[n - 1]) scratch[n - 1] = hi;
    return n;
  }
  if (n + 2 > scratch.length) scratch.length = scratch.length * 2;
  scratch[n] = lo;
  scratch[n + 1] = hi;
  return n + 2;
}

export function intersect(a: ISet, b: ISet): ISet {
  if (a.length == 0 || b.length == 0) return EMPTY_SET;
  let i = 0, j = 0, n = 0;
  while (i < a.length && j < b.length) {
    const lo = max(unchecked(a[i]), unchecked(b[j]));
    const ah = unchecked(a[i + 1]), bh = unchecked(b[j + 1]);
    const hi = min(ah, bh);
    if (lo < hi) n = push(n, lo, hi);
    if (ah < bh) i += 2;
    else j += 2;
  }
  return finish(n);
}

export function union(a: ISet, b: ISet): ISet {
  if (a.length == 0) return b;
  if (b.length == 0) return a;
  let i = 0, j = 0, n = 0;
  while (i < a.length || j < b.length) {
    if (j >= b.length || (i < a.length && unchecked(a[i]) <= unchecked(b[j]))) {
      n = push(n, unchecked(a[i]), unchecked(a[i + 1]));
      i += 2;
    } else {
      n = push(n, unchecked(b[j]), unchecked(b[j + 1]));
      j += 2;
    }
  }
  return finish(n);
}

/** a \ b */
export function difference(a: ISet, b: ISet): ISet {
  if (a.length == 0 || b.length == 0) return a;
  let n = 0;
  let j = 0;
  for (let i = 0; i < a.length; i += 2) {
    let lo = unchecked(a[i]);
    const hi = unchecked(a[i + 1]);
    while (j < b.length && unchecked(b[j + 1]) <= lo) j += 2;
    let k = j;
    while (k < b.length && unchecked(b[k]) < hi) {
      const bl = unchecked(b[k]), bh = unchecked(b[k + 1]);
      if (bl > lo) n = push(n, lo, bl);
      if (bh > lo) lo = bh;
      if (lo >= hi) break;
      k += 2;
    }
    if (lo < hi) n = push(n, lo, hi);
  }
  return finish(n);
}

/** a ⊆ b */
export function isSubset(a: ISet, b: ISet): bool {
  let j = 0;
  for (let i = 0; i < a.length; i += 2) {
    const lo = unchecked(a[i]), hi = unchecked(a[i + 1]);
    while (j < b.length && unchecked(b[j + 1]) <= lo) j += 2;
    if (j >= b.length) return false;
    if (unchecked(b[j]) > lo || unchecked(b[j + 1]) < hi) return false;
  }
  return true;
}

export function disjoint(a: ISet, b: ISet): bool {
  let i = 0, j = 0;
  while (i < a.length && j < b.length) {
    const ah = unchecked(a[i + 1]), bh = unchecked(b[j + 1]);
    if (max(unchecked(a[i]), unchecked(b[j])) < min(ah, bh)) return false;
    if (ah < bh) i += 2;
    else j += 2;
  }
  return true;
}

/** Build a set from ascending indices. */
export function fromIndices(idx: Array<i32>): ISet {
  let n = 0;
  for (let i = 0; i < idx.length; i++) {
    const x = idx[i];
    n = push(n, x, x + 1);
  }
  return finish(n);
}
