// The core's abort handler. It replaces AssemblyScript's imported `env.abort`
// so the module has zero imports, and it keeps the message in a static buffer
// (no allocation: aborts also fire on out-of-memory and stack overflow) so the
// host can read it after the trap through `last_error_ptr/len`.

// @ts-ignore: decorator
@lazy const ERR_CAP: i32 = 512;
// @ts-ignore: decorator
@lazy const errBuf: usize = memory.data(512);
// @ts-ignore: decorator
@lazy let errLen: i32 = 0;

function put(s: string | null, at: i32): i32 {
  if (s === null) return at;
  const p = changetype<usize>(s), n = s.length;
  for (let i = 0; i < n && at < ERR_CAP - 3; i++) {
    const c = <u32>load<u16>(p + (<usize>i << 1));
    if (c < 0x80) {
      store<u8>(errBuf + at++, <u8>c);
    } else if (c < 0x800) {
      store<u8>(errBuf + at++, <u8>(0xc0 | (c >> 6)));
      store<u8>(errBuf + at++, <u8>(0x80 | (c & 63)));
    } else {
      store<u8>(errBuf + at++, <u8>(0xe0 | (c >> 12)));
      store<u8>(errBuf + at++, <u8>(0x80 | ((c >> 6) & 63)));
      store<u8>(errBuf + at++, <u8>(0x80 | (c & 63)));
    }
  }
  return at;
}

function putNum(v: u32, at: i32): i32 {
  let d = 1;
  for (let t = v; t >= 10; t /= 10) d++;
  if (at + d >= ERR_CAP) return at;
  for (let i = d - 1; i >= 0; i--) {
    store<u8>(errBuf + at + i, <u8>(48 + (v % 10)));
    v /= 10;
  }
  return at + d;
}

export function coreAbort(message: string | null, fileName: string | null, line: u32, column: u32): void {
  let at = put(message !== null ? message : "abort", 0);
  at = put(" at ", at);
  at = put(fileName, at);
  at = put(":", at);
  at = putNum(line, at);
  at = put(":", at);
  at = putNum(column, at);
  errLen = at;
  unreachable();
}

export function lastErrorPtr(): usize {
  return errBuf;
}

export function lastErrorLen(): i32 {
  return errLen;
}
