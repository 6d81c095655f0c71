// Where each registry package's value lies in a scanned scenario's bytes,
// found by name. A string and a Map entry per key cost a third of scanning a
// 10,000-package registry, and the resolver asks for a tenth of the packages:
// plain keys (printable ASCII, no escapes: every real package name) are hashed straight
// from the bytes and compared byte by byte on lookup. One key with an escape
// or a non-ASCII byte switches the index to decoded names, so lookups follow
// JSON.parse exactly, including "the last of duplicate keys wins".

import { parseWellFormed } from "./well-formed.js";

const utf8 = new TextDecoder();
const enum C {
  Q = 0x22,
  BS = 0x5c,
}

function isPlain(b: Uint8Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = b[i]!;
    if (c === C.BS || c >= 0x80 || c < 0x20) return false;
  }
  return true;
}

export class PackageSpans {
  /** Per entry: key start, key end (inside the quotes), value start, value end. */
  private entries = new Int32Array(256);
  private n = 0;
  /** Hash table of entry index + 1 (0 = empty), built by finish(). */
  private table = new Int32Array(0);
  private unique = 0;
  /** Decoded-name mode: set once a key is not plain. */
  private byName: Map<string, [number, number]> | null = null;

  constructor(private readonly bytes: Uint8Array) {}

  /** Records a package: its key string at bytes[keyStart] === '"' up to keyEnd (exclusive), its value's span. */
  add(keyStart: number, keyEnd: number, valueStart: number, valueEnd: number): void {
    const b = this.bytes;
    if (this.byName === null && (b[keyStart] !== C.Q || !isPlain(b, keyStart + 1, keyEnd - 1))) this.decodeAll();
    if (this.byName !== null) {
      this.byName.set(this.keyText(keyStart, keyEnd), [valueStart, valueEnd]);
      return;
    }
    if (4 * this.n + 4 > this.entries.length) {
      const grown = new Int32Array(this.entries.length * 2);
      grown.set(this.entries);
      this.entries = grown;
    }
    const e = this.entries, at = 4 * this.n++;
    e[at] = keyStart + 1;
    e[at + 1] = keyEnd - 1;
    e[at + 2] = valueStart;
    e[at + 3] = valueEnd;
  }

  private keyText(keyStart: number, keyEnd: number): string {
    return parseWellFormed(utf8.decode(this.bytes.subarray(keyStart, keyEnd))) as string;
  }

  private decodeAll(): void {
    const m = new Map<string, [number, number]>();
    const e = this.entries;
    for (let k = 0; k < this.n; k++) m.set(this.keyText(e[4 * k]! - 1, e[4 * k + 1]! + 1), [e[4 * k + 2]!, e[4 * k + 3]!]);
    this.byName = m;
    this.n = 0;
  }

  private hashBytes(start: number, end: number): number {
    const b = this.bytes;
    let h = 0x811c9dc5;
    for (let i = start; i < end; i++) h = Math.imul(h ^ b[i]!, 0x01000193);
    return h >>> 0;
  }

  private sameKey(k: number, l: number): boolean {
    const e = this.entries, b = this.bytes;
    const s1 = e[4 * k]!, s2 = e[4 * l]!, len = e[4 * k + 1]! - s1;
    if (e[4 * l + 1]! - s2 !== len) return false;
    for (let i = 0; i < len; i++) if (b[s1 + i] !== b[s2 + i]) return false;
    return true;
  }

  /** Builds the lookup table once every package is added. */
  finish(): void {
    if (this.byName !== null) return;
    let size = 16;
    while (size < 2 * this.n) size *= 2;
    const t = new Int32Array(size), mask = size - 1, e = this.entries;
    let unique = 0;
    for (let k = 0; k < this.n; k++) {
      let slot = this.hashBytes(e[4 * k]!, e[4 * k + 1]!) & mask;
      for (;;) {
        const at = t[slot]!;
        if (at === 0) {
          t[slot] = k + 1;
          unique++;
          break;
        }
        if (this.sameKey(at - 1, k)) {
          t[slot] = k + 1; // a later duplicate replaces the earlier one, as in JSON.parse
          break;
        }
        slot = (slot + 1) & mask;
      }
    }
    this.table = t;
    this.unique = unique;
  }

  get size(): number {
    return this.byName !== null ? this.byName.size : this.unique;
  }

  /** The value span of package `name`, or undefined. */
  get(name: string): [number, number] | undefined {
    if (this.byName !== null) return this.byName.get(name);
    // Plain keys are ASCII without escapes, so a name with other characters matches none.
    let h = 0x811c9dc5;
    for (let i = 0; i < name.length; i++) {
      const c = name.charCodeAt(i);
      if (c >= 0x80 || c === C.BS || c === C.Q) return undefined;
      h = Math.imul(h ^ c, 0x01000193);
    }
    const t = this.table, mask = t.length - 1, e = this.entries, b = this.bytes;
    if (t.length === 0) return undefined;
    for (let slot = (h >>> 0) & mask; ; slot = (slot + 1) & mask) {
      const at = t[slot]!;
      if (at === 0) return undefined;
      const k = at - 1, s = e[4 * k]!;
      if (e[4 * k + 1]! - s !== name.length) continue;
      let i = 0;
      while (i < name.length && b[s + i] === name.charCodeAt(i)) i++;
      if (i === name.length) return [e[4 * k + 2]!, e[4 * k + 3]!];
    }
  }
}
