// The binary wire format (docs/ABI.md): a 16-byte header, a string table and
// little-endian u32 words. Strings stay as (offset, length) slices of the
// input until something needs to print them, so decoding a large index costs
// no allocation per string.
//
//   0  u32 magic  0x4E524143 ("CARN")
//   4  u16 format version (WIRE_VERSION)
//   6  u16 message kind
//   8  u32 string count N
//  12  u32 word count W
//  16  N × (u32 offset, u32 length)   offsets into the blob
//      W × u32                        the message's words
//      blob                           UTF-8 bytes of every string

export const WIRE_MAGIC: u32 = 0x4e524143;
export const WIRE_VERSION: u16 = 1;
export const HEADER_SIZE: i32 = 16;

export class WireReader {
  ok: bool = false;
  error: string = "";
  kind: u16 = 0;
  stringCount: i32 = 0;
  wordCount: i32 = 0;
  private base: usize;
  private len: i32;
  private stringsAt: usize = 0;
  private wordsAt: usize = 0;
  private blobAt: usize = 0;
  private blobLen: i32 = 0;
  pos: i32 = 0;

  constructor(ptr: usize, len: i32) {
    this.base = ptr;
    this.len = len;
    this.init(ptr, len);
  }

  // Separate from the constructor because asc rejects an early `return` there.
  private init(ptr: usize, len: i32): void {
    if (len < HEADER_SIZE) { this.error = "input shorter than the wire header"; return; }
    if (load<u32>(ptr) != WIRE_MAGIC) { this.error = "bad magic: not a cairn wire message"; return; }
    if (load<u16>(ptr, 4) != WIRE_VERSION) { this.error = "unsupported wire format version"; return; }
    this.kind = load<u16>(ptr, 6);
    const n = load<u32>(ptr, 8);
    const w = load<u32>(ptr, 12);
    // u64 arithmetic so huge counts cannot wrap around the bounds check.
    const need = <u64>HEADER_SIZE + <u64>n * 8 + <u64>w * 4;
    if (need > <u64>len) { this.error = "string table or words run past the end of the input"; return; }
    this.stringCount = <i32>n;
    this.wordCount = <i32>w;
    this.stringsAt = ptr + HEADER_SIZE;
    this.wordsAt = this.stringsAt + (<usize>n << 3);
    this.blobAt = this.wordsAt + (<usize>w << 2);
    this.blobLen = len - <i32>(this.blobAt - ptr);
    for (let i: i32 = 0; i < <i32>n; i++) {
      const off = load<u32>(this.stringsAt + (<usize>i << 3));
      const sl = load<u32>(this.stringsAt + (<usize>i << 3) + 4);
      if (<u64>off + <u64>sl > <u64>this.blobLen) { this.error = "string slice outside the blob"; return; }
    }
    this.ok = true;
  }

  /** Pointer to the UTF-8 bytes of string `i`. */
  strPtr(i: i32): usize {
    return this.blobAt + load<u32>(this.stringsAt + (<usize>i << 3));
  }

  strLen(i: i32): i32 {
    return <i32>load<u32>(this.stringsAt + (<usize>i << 3) + 4);
  }

  str(i: i32): string {
    return String.UTF8.decodeUnsafe(this.strPtr(i), <usize>this.strLen(i));
  }

  word(i: i32): u32 {
    return load<u32>(this.wordsAt + (<usize>i << 2));
  }

  hasMore(): bool {
    return this.pos < this.wordCount;
  }

  /** Next word; past the end it returns 0 and marks the reader as failed. */
  next(): u32 {
    if (this.pos >= this.wordCount) {
      if (this.ok) { this.ok = false; this.error = "message ends early"; }
      return 0;
    }
    return load<u32>(this.wordsAt + (<usize>(this.pos++) << 2));
  }

  /** Next word read as a string index, checked against the table. */
  nextStr(): i32 {
    const s = this.next();
    if (s >= <u32>this.stringCount) {
      if (this.ok) { this.ok = false; this.error = "string index out of range"; }
      return 0;
    }
    return <i32>s;
  }
}

/** Builds a wire message. Strings are interned by content. */
export class WireWriter {
  kind: u16;
  private strings: Array<string> = [];
  private encoded: Array<ArrayBuffer> = [];
  private index: Map<string, u32> = new Map();
  private words: Array<u32> = [];
  private blobLen: i32 = 0;

  constructor(kind: u16) {
    this.kind = kind;
  }

  str(s: string): u32 {
    if (this.index.has(s)) return this.index.get(s);
    const i = <u32>this.strings.length;
    const b = String.UTF8.encode(s);
    this.strings.push(s);
    this.encoded.push(b);
    this.blobLen += b.byteLength;
    this.index.set(s, i);
    return i;
  }

  /** Add a raw byte string (no UTF-8 re-encoding), never interned. */
  bytes(b: ArrayBuffer): u32 {
    const i = <u32>this.strings.length;
    this.strings.push("");
    this.encoded.push(b);
    this.blobLen += b.byteLength;
    return i;
  }

  word(w: u32): void {
    this.words.push(w);
  }

  get wordCount(): i32 {
    return this.words.length;
  }

  setWord(i: i32, w: u32): void {
    this.words[i] = w;
  }

  finish(): ArrayBuffer {
    const n = this.encoded.length;
    const w = this.words.length;
    const total = HEADER_SIZE + n * 8 + w * 4 + this.blobLen;
    const out = new ArrayBuffer(total);
    const p = changetype<usize>(out);
    store<u32>(p, WIRE_MAGIC);
    store<u16>(p, WIRE_VERSION, 4);
    store<u16>(p, this.kind, 6);
    store<u32>(p, <u32>n, 8);
    store<u32>(p, <u32>w, 12);
    let t = p + HEADER_SIZE;
    let off: u32 = 0;
    for (let i = 0; i < n; i++) {
      const len = <u32>this.encoded[i].byteLength;
      store<u32>(t, off);
      store<u32>(t, len, 4);
      t += 8;
      off += len;
    }
    for (let i = 0; i < w; i++) {
      store<u32>(t, this.words[i]);
      t += 4;
    }
    for (let i = 0; i < n; i++) {
      const b = this.encoded[i];
      memory.copy(t, changetype<usize>(b), <usize>b.byteLength);
      t += <usize>b.byteLength;
    }
    return out;
  }
}

/** Message kinds (u16 at offset 6). */
export const KIND_ERROR: u16 = 1;
export const KIND_STRINGS: u16 = 2;

/**
 * An error payload: words [code, position, detailString], strings [message, detail].
 * `position` is a 0-based byte column (or 0xFFFFFFFF when there is none).
 */
export function errorPayload(code: i32, message: string, position: i32 = -1, detail: string = ""): ArrayBuffer {
  const w = new WireWriter(KIND_ERROR);
  w.word(<u32>code);
  w.word(<u32>position);
  w.word(w.str(message));
  w.word(w.str(detail));
  return w.finish();
}
