// The wire writer's string table: encoded in one go when it can be, and
// byte-identical to encoding each string on its own, whatever the text.
import { describe, it, expect } from "vitest";
import fc from "fast-check";
import { WireWriter, WireReader, HEADER_SIZE } from "../../bindings/wire.js";
import { CairnError } from "../../bindings/errors.js";
import { MAX_MESSAGE_BYTES } from "../../core/solver/protocol.js";

const utf8 = new TextEncoder();

/** The table's bytes as the writer laid them out, one Uint8Array per entry. */
function tableOf(bytes: Uint8Array): Uint8Array[] {
  const dv = new DataView(bytes.buffer, bytes.byteOffset);
  const n = dv.getUint32(8, true), words = dv.getUint32(12, true);
  const blob = HEADER_SIZE + 8 * n + 4 * words;
  const out: Uint8Array[] = [];
  for (let i = 0; i < n; i++) {
    const off = dv.getUint32(HEADER_SIZE + 8 * i, true), len = dv.getUint32(HEADER_SIZE + 8 * i + 4, true);
    out.push(bytes.subarray(blob + off, blob + off + len));
  }
  return out;
}

describe("WireWriter", () => {
  it("stops with E_INPUT_TOO_LARGE at the message limit instead of exhausting memory", () => {
    const w = new WireWriter(11);
    const words = MAX_MESSAGE_BYTES / 4;
    for (let i = 0; i < words; i++) w.word(i);
    let err: unknown;
    try {
      w.word(0);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(CairnError);
    expect((err as CairnError).code).toBe("E_INPUT_TOO_LARGE");
    const s = new WireWriter(11);
    expect(() => s.str("x".repeat(MAX_MESSAGE_BYTES + 1))).toThrow(/larger than 64 MiB/);
  });


  it("lays out each string exactly as TextEncoder encodes it, lone surrogates and raw bytes included", () => {
    const piece = fc.constantFrom("a", "é", "€", "\u{1f600}", "\ud800", "\udc00", "\0", "x".repeat(40));
    fc.assert(
      fc.property(fc.array(fc.array(piece, { maxLength: 4 }).map((p) => p.join("")), { maxLength: 10 }), fc.boolean(), (texts, withBytes) => {
        const w = new WireWriter(11);
        const ids = texts.map((t) => w.str(t));
        if (withBytes) w.bytes(new Uint8Array([0xff, 0x00]));
        w.word(ids.length);
        const bytes = w.finish();
        const table = tableOf(bytes);
        const r = new WireReader(bytes);
        texts.forEach((t, k) => {
          expect([...table[ids[k]!]!]).toEqual([...utf8.encode(t)]);
          if (!/[\ud800-\udfff]/.test(t)) expect(r.str(ids[k]!)).toBe(t);
        });
        // Equal strings share one entry.
        expect(table.length).toBe(new Set(texts).size + (withBytes ? 1 : 0));
      }),
      { numRuns: 400, seed: 11 },
    );
  });

  it("never lets a lone high surrogate pair up with the next string's low one", () => {
    const w = new WireWriter(11);
    w.str("a\ud83d");
    w.str("\ude00b");
    const table = tableOf(w.finish());
    expect([...table[0]!]).toEqual([...utf8.encode("a\ud83d")]);
    expect([...table[1]!]).toEqual([...utf8.encode("\ude00b")]);
  });
});
