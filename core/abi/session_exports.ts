// Resolution sessions (docs/ABI.md, "Resolution sessions"): the sans-IO,
// resumable PubGrub of core/solver driven through the wire format.
//   session_new(ptr, len)            request message  -> result handle (KIND_SESSION_CREATED: [session id])
//   session_feed(ptr, len, session)  metadata message -> result handle (status 0, empty) or error
//   session_run(session, max_steps)  -> result handle: solved / needs metadata / no solution / limit / error
//   session_free(session)
import { putResult } from "./results";
import { WireWriter, errorPayload } from "./wire";
import { Session } from "../solver/session";
import { KIND_SESSION_CREATED } from "../solver/protocol";
import { STATUS_OK, STATUS_ERROR, E_BAD_HANDLE } from "./codes";
import { collectPoint, callUnits } from "./collect";

/** Solver steps between the collector's safe points inside one session_run. */
const SLICE: i32 = 256;

const sessions = new Map<u32, Session>();
let nextSession: u32 = 1;

export function session_new(ptr: usize, len: i32): u32 {
  collectPoint(callUnits(len));
  const s = Session.create(ptr, len);
  if (s.error !== null) return putResult(s.error!.status, s.error!.bytes);
  const id = nextSession++;
  sessions.set(id, s);
  const w = new WireWriter(<u16>KIND_SESSION_CREATED);
  w.word(id);
  return putResult(STATUS_OK, w.finish());
}

export function session_feed(ptr: usize, len: i32, session: u32): u32 {
  if (!sessions.has(session)) return putResult(STATUS_ERROR, errorPayload(E_BAD_HANDLE, "unknown session " + session.toString()));
  const s = sessions.get(session);
  collectPoint(callUnits(len), s.liveUnits());
  const o = s.feed(ptr, len);
  return putResult(o.status, o.bytes);
}

export function session_run(session: u32, maxSteps: i32): u32 {
  if (!sessions.has(session)) return putResult(STATUS_ERROR, errorPayload(E_BAD_HANDLE, "unknown session " + session.toString()));
  // The session is rooted in `sessions`, and nothing else lives across a
  // slice: between slices is a safe point for the collector.
  const s = sessions.get(session);
  collectPoint(1, s.liveUnits());
  while (true) {
    const o = s.run(maxSteps, SLICE);
    if (o !== null) return putResult(o.status, o.bytes);
    collectPoint(SLICE, s.liveUnits());
  }
}

export function session_free(session: u32): void {
  sessions.delete(session);
}
