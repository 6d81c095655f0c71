// The host-facing basics of the ABI: version, memory, result handles, traps.
import { collectPoint, callUnits } from "./collect";
import { lastErrorPtr, lastErrorLen } from "../abort";
import { putResult, hasResult, resultStatusOf, resultPtrOf, resultLenOf, freeResult } from "./results";
import { WIRE_VERSION } from "./wire";

/** Bumped on any breaking change to the exports or the wire format. */
export function abi_version(): u32 {
  return 1;
}

export function wire_version(): u32 {
  return WIRE_VERSION;
}

/** An unmanaged block for the host to write input into. */
export function alloc(len: usize): usize {
  return heap.alloc(len > 0 ? len : 1);
}

/** Frees an `alloc`ed block (input blocks stay owned by the host). */
export function dealloc(ptr: usize): void {
  if (ptr != 0) heap.free(ptr);
}

export function result_status(h: u32): i32 {
  return resultStatusOf(h);
}

export function result_ptr(h: u32): usize {
  return resultPtrOf(h);
}

export function result_len(h: u32): i32 {
  return resultLenOf(h);
}

export function result_free(h: u32): void {
  freeResult(h);
}

export function result_exists(h: u32): bool {
  return hasResult(h);
}

export function last_error_ptr(): usize {
  return lastErrorPtr();
}

export function last_error_len(): i32 {
  return lastErrorLen();
}

/** A full collection; useful between large calls in long-lived hosts. */
export function gc(): void {
  __collect();
}

// Kept for tests of the trap path: aborts with a known message.
export function debug_trap(): void {
  throw new Error("debug trap requested");
}

// Kept so unused-import elimination never drops putResult from the module's
// shape before the first feature uses it.
export function debug_echo(ptr: usize, len: i32): u32 {
  collectPoint(callUnits(len));
  const out = new ArrayBuffer(len);
  memory.copy(changetype<usize>(out), ptr, <usize>len);
  return putResult(0, out);
}
