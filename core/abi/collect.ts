// When the core collects garbage. The module is built with AssemblyScript's
// "minimal" runtime (two-colour mark & sweep, no shadow stack): the
// incremental one instruments every function that holds a managed local and
// runs the collector inside allocations, which cost 25–40 % of a solve
// (docs/RESOLVER.md, "Memory"). A mark & sweep without a shadow stack cannot
// see references held only in locals, so it may run only where no such
// reference exists: at the entry of an export (the host holds no managed
// pointers) and between the solver's slices (everything live hangs off the
// session table). Every export that allocates calls `collectPoint` first.
//
// The policy is deterministic and needs no allocator internals. Work is
// counted in units (a solver step, or 256 bytes of input to a call); a
// collection is due once the work since the last one reaches what is live
// (as a session estimates it, in the same units; at least INTERVAL), or when
// memory grew (the heap filled up) after at least half that much work. A
// collection costs about what is live, so tying the interval to it keeps the
// collector's share of the time bounded however big the session; memory
// stays within a small multiple of what is live however long the host keeps
// the instance. (Collecting on every growth spent most collections on a heap
// that was growing because live data was: 7 collections on the deep graph,
// -20 % there.)

/** The least work between collections: 4,096 solver steps, or 1 MiB of input. */
// @ts-ignore: decorator
@inline const INTERVAL: i32 = 4096;

let pagesAtCollect: i32 = memory.size();
let work: i32 = 0;
let live: i32 = 0;

/** Work units of a call whose input is `len` bytes. */
export function callUnits(len: i32): i32 {
  return 1 + (max(len, 0) >> 8);
}

/**
 * A safe point: `units` of work were done since the last one. `liveUnits` is
 * the caller's estimate of what is live, or -1 to keep the last estimate.
 */
export function collectPoint(units: i32, liveUnits: i32 = -1): void {
  work += units;
  if (liveUnits >= 0) live = liveUnits;
  const due = work >= max(INTERVAL, live) || (memory.size() > pagesAtCollect && work >= live >> 1);
  if (!due) return;
  __collect();
  pagesAtCollect = memory.size();
  work = 0;
}
