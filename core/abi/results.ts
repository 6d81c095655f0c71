// Result buffers handed to the host. A result stays owned by the core (kept
// alive by this rooted map, so no pinning under any runtime) until the host
// calls `result_free(handle)`.

const resultBytes = new Map<u32, ArrayBuffer>();
const resultStatus = new Map<u32, i32>();
let nextHandle: u32 = 1;

export function putResult(status: i32, bytes: ArrayBuffer): u32 {
  const h = nextHandle++;
  if (nextHandle == 0) nextHandle = 1;
  resultBytes.set(h, bytes);
  resultStatus.set(h, status);
  return h;
}

export function hasResult(h: u32): bool {
  return resultBytes.has(h);
}

export function resultStatusOf(h: u32): i32 {
  return resultStatus.has(h) ? resultStatus.get(h) : -1;
}

export function resultPtrOf(h: u32): usize {
  return resultBytes.has(h) ? changetype<usize>(resultBytes.get(h)) : 0;
}

export function resultLenOf(h: u32): i32 {
  return resultBytes.has(h) ? resultBytes.get(h).byteLength : 0;
}

export function freeResult(h: u32): void {
  resultBytes.delete(h);
  resultStatus.delete(h);
}
