// The TypeScript side of the wire format (docs/ABI.md, core/abi/wire.ts).
import { MAX_MESSAGE_BYTES } from "../core/solver/protocol.js";
import { CairnError } from "./errors.js";
export const WIRE_MAGIC = 0x4e524143;
export const WIRE_VERSION = 1;
export const HEADER_SIZE = 16;

const utf8 = new TextEncoder();
const utf8d = new TextDecoder();

/**
 * UTF-8 length of `s` as TextEncoder writes it, or -1 if `s` holds a
 * surrogate (then it is encoded on its own: joined to a neighbour, a lone
 * surrogate could pair up and change the bytes).
 */
function utf8Length(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) continue;
    if (c >= 0xd800 && c <= 0xdfff) return -1;
    n += c < 0x800 ? 1 : 2;
  }
  return n;
}

const MAX_WORDS = MAX_MESSAGE_BYTES / 4;

function tooLarge(): never {
  throw new CairnError("E_INPUT_TOO_LARGE", `a wire message would be larger than ${MAX_MESSAGE_BYTES / 2 ** 20} MiB`);
}

export class WireWriter {
  /** The string table: text (encoded at finish) or raw bytes. */
  private strings: (string | Uint8Array)[] = [];
  /** Byte length of each entry, encoded. */
  private lengths: number[] = [];
  private index = new Map<string, number>();
  private words: number[] = [];
  private blobLen = 0;
  private allPlainText = true;

  constructor(readonly kind: number) {}

  str(s: string): number {
    const hit = this.index.get(s);
    if (hit !== undefined) return hit;
    const i = this.strings.length;
    let len = utf8Length(s);
    if (len < 0) {
      this.allPlainText = false;
      len = utf8.encode(s).length;
    }
    this.strings.push(s);
    this.lengths.push(len);
    this.blobLen += len;
    if (this.blobLen > MAX_MESSAGE_BYTES) tooLarge();
    this.index.set(s, i);
    return i;
  }

  bytes(b: Uint8Array): number {
    const i = this.strings.length;
    this.strings.push(b);
    this.lengths.push(b.length);
    this.blobLen += b.length;
    if (this.blobLen > MAX_MESSAGE_BYTES) tooLarge();
    this.allPlainText = false;
    return i;
  }

  word(w: number): void {
    if (this.words.length >= MAX_WORDS) tooLarge();
    this.words.push(w >>> 0);
  }

  get wordCount(): number {
    return this.words.length;
  }

  /** Writes a placeholder word (a count not known yet); returns its index for setWord. */
  reserve(): number {
    if (this.words.length >= MAX_WORDS) tooLarge();
    this.words.push(0);
    return this.words.length - 1;
  }

  setWord(i: number, w: number): void {
    this.words[i] = w >>> 0;
  }

  finish(): Uint8Array {
    const n = this.strings.length;
    const w = this.words.length;
    const out = new Uint8Array(HEADER_SIZE + n * 8 + w * 4 + this.blobLen);
    const dv = new DataView(out.buffer);
    dv.setUint32(0, WIRE_MAGIC, true);
    dv.setUint16(4, WIRE_VERSION, true);
    dv.setUint16(6, this.kind, true);
    dv.setUint32(8, n, true);
    dv.setUint32(12, w, true);
    let t = HEADER_SIZE;
    let off = 0;
    const lengths = this.lengths;
    for (let i = 0; i < n; i++) {
      dv.setUint32(t, off, true);
      dv.setUint32(t + 4, lengths[i]!, true);
      t += 8;
      off += lengths[i]!;
    }
    for (const x of this.words) {
      dv.setUint32(t, x, true);
      t += 4;
    }
    if (this.allPlainText) {
      // One encode for the whole table: an encode per string was most of
      // writing a large metadata message.
      utf8.encodeInto((this.strings as string[]).join(""), out.subarray(t));
      return out;
    }
    for (const s of this.strings) {
      const b = typeof s === "string" ? utf8.encode(s) : s;
      out.set(b, t);
      t += b.length;
    }
    return out;
  }
}

export class WireReader {
  readonly kind: number;
  readonly stringCount: number;
  readonly wordCount: number;
  private dv: DataView;
  private stringsAt: number;
  private wordsAt: number;
  private blobAt: number;
  pos = 0;

  constructor(readonly buf: Uint8Array) {
    this.dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    if (buf.length < HEADER_SIZE || this.dv.getUint32(0, true) !== WIRE_MAGIC) {
      throw new Error("not a cairn wire message");
    }
    this.kind = this.dv.getUint16(6, true);
    this.stringCount = this.dv.getUint32(8, true);
    this.wordCount = this.dv.getUint32(12, true);
    this.stringsAt = HEADER_SIZE;
    this.wordsAt = this.stringsAt + this.stringCount * 8;
    this.blobAt = this.wordsAt + this.wordCount * 4;
  }

  strBytes(i: number): Uint8Array {
    const off = this.dv.getUint32(this.stringsAt + i * 8, true);
    const len = this.dv.getUint32(this.stringsAt + i * 8 + 4, true);
    return this.buf.subarray(this.blobAt + off, this.blobAt + off + len);
  }

  str(i: number): string {
    return utf8d.decode(this.strBytes(i));
  }

  word(i: number): number {
    return this.dv.getUint32(this.wordsAt + i * 4, true);
  }

  next(): number {
    if (this.pos >= this.wordCount) throw new Error("wire message ends early");
    return this.word(this.pos++);
  }

  hasMore(): boolean {
    return this.pos < this.wordCount;
  }
}

export const KIND_ERROR = 1;
export const KIND_STRINGS = 2;
