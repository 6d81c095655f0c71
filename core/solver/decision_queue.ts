// The queue of packages waiting for a decision: a binary min-heap over
// package ids with a position index, so a package is in it at most once and
// a change of its key moves it in place (pubgrub-rs keeps a priority queue
// with change_priority the same way). Ties on the key go to the package that
// entered first, as Dart pub's "first unsatisfied package" does. Entries that
// stop being decidable are dropped lazily by the owner (PartialSolution.next).
export class DecisionQueue {
  /** package ids in heap order */
  heap: Array<i32> = [];
  /** package id -> its index in `heap`, or -1 */
  private pos: Array<i32> = [];
  /** package id -> key (smaller is decided first) */
  private key: Array<i32> = [];
  /** package id -> arrival number, the tie-break */
  private seq: Array<i32> = [];
  private nextSeq: i32 = 0;

  ensure(p: i32): void {
    while (this.pos.length <= p) {
      this.pos.push(-1);
      this.key.push(0);
      this.seq.push(0);
    }
  }

  /** Insert p with key k, or move it to key k. */
  set(p: i32, k: i32): void {
    const i = unchecked(this.pos[p]);
    if (i < 0) {
      unchecked((this.key[p] = k));
      unchecked((this.seq[p] = this.nextSeq++));
      this.heap.push(p);
      this.up(this.heap.length - 1, p);
      return;
    }
    const old = unchecked(this.key[p]);
    if (old == k) return;
    unchecked((this.key[p] = k));
    if (k < old) this.up(i, p);
    else this.down(i, p);
  }

  /** The package with the smallest key, or -1. */
  top(): i32 {
    return this.heap.length > 0 ? unchecked(this.heap[0]) : -1;
  }

  popTop(): void {
    const p = unchecked(this.heap[0]);
    unchecked((this.pos[p] = -1));
    const last = this.heap.pop();
    if (this.heap.length > 0 && last != p) this.down(0, last);
  }

  private before(a: i32, b: i32): bool {
    const ka = unchecked(this.key[a]), kb = unchecked(this.key[b]);
    return ka < kb || (ka == kb && unchecked(this.seq[a]) < unchecked(this.seq[b]));
  }

  /** Sift p up from index i (moving parents down into the hole). */
  private up(i: i32, p: i32): void {
    const heap = this.heap;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const q = unchecked(heap[parent]);
      if (!this.before(p, q)) break;
      unchecked((heap[i] = q));
      unchecked((this.pos[q] = i));
      i = parent;
    }
    unchecked((heap[i] = p));
    unchecked((this.pos[p] = i));
  }

  /** Sift p down from index i. */
  private down(i: i32, p: i32): void {
    const heap = this.heap;
    const n = heap.length;
    while (true) {
      const l = 2 * i + 1;
      if (l >= n) break;
      let c = l;
      let q = unchecked(heap[l]);
      if (l + 1 < n) {
        const r = unchecked(heap[l + 1]);
        if (this.before(r, q)) {
          c = l + 1;
          q = r;
        }
      }
      if (!this.before(q, p)) break;
      unchecked((heap[i] = q));
      unchecked((this.pos[q] = i));
      i = c;
    }
    unchecked((heap[i] = p));
    unchecked((this.pos[p] = i));
  }
}
