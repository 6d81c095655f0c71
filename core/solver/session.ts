// A resolution session (DESIGN.md §3): created from a request message (root
// requirements and options), fed metadata messages, and run until it answers
// solved / needs metadata / no solution / limit reached / bad input.
import { WireReader, errorPayload } from "../abi/wire";
import { PackageTable, RawDep, readDeps } from "./packages";
import { Solver, Options, RUN_SOLVED, RUN_NEEDS, RUN_FAILED, RUN_LIMIT, RUN_PAUSED } from "./solver";
import { solutionMessage, needsMessage, noSolutionMessage, limitMessage } from "./report";
import { parseVersion, compareVersions } from "../semver/version";
import {
  KIND_SESSION_REQUEST, OPT_PRERELEASE, OPT_VERSIONS, OPT_POLICY, OPT_CYCLES, OPT_MISSING_FEATURE,
  OPT_EXACT_ONLY, OPT_MAX_STEPS, OPT_TRACE, OPT_ROOT_NAME, OPT_ROOT_VERSION, OPT_TARGET, DEFAULT_MAX_STEPS, DEP_DEV,
} from "./protocol";
import {
  STATUS_OK, STATUS_ERROR, STATUS_NEEDS_METADATA, STATUS_NO_SOLUTION, STATUS_LIMIT_REACHED,
  E_WIRE_FORMAT, E_BAD_OPTION, E_INVALID_VERSION,
} from "../abi/codes";

const NO: u32 = 0xffffffff;

export class Outcome {
  constructor(public status: i32, public bytes: ArrayBuffer) {}
}

export class Session {
  table: PackageTable = new PackageTable();
  solver: Solver | null = null;
  error: Outcome | null = null;

  /** Decode a request; on bad input `error` is set. */
  static create(ptr: usize, len: i32): Session {
    const s = new Session();
    const r = new WireReader(ptr, len);
    if (!r.ok) {
      s.error = new Outcome(STATUS_ERROR, errorPayload(E_WIRE_FORMAT, "request: " + r.error));
      return s;
    }
    if (<i32>r.kind != KIND_SESSION_REQUEST) {
      s.error = new Outcome(STATUS_ERROR, errorPayload(E_WIRE_FORMAT, "request: wrong message kind " + r.kind.toString()));
      return s;
    }
    const opt = new Options();
    opt.maxSteps = DEFAULT_MAX_STEPS;
    let rootName = "";
    let rootVersion = "0.0.0";
    const n = <i32>r.next();
    for (let i = 0; i < n && r.ok; i++) {
      const key = <i32>r.next();
      const val = r.next();
      let bad = false;
      if (key == OPT_PRERELEASE) { if (val > 2) bad = true; else opt.prerelease = <i32>val; }
      else if (key == OPT_VERSIONS) { if (val > 1) bad = true; else opt.lowest = val == 1; }
      else if (key == OPT_POLICY) { if (val > 1) bad = true; else opt.cargo = val == 1; }
      else if (key == OPT_CYCLES) { if (val > 1) bad = true; else opt.forbidCycles = val == 1; }
      else if (key == OPT_MISSING_FEATURE) { if (val > 1) bad = true; else opt.missingFeatureError = val == 1; }
      else if (key == OPT_EXACT_ONLY) { if (val > 1) bad = true; else opt.exactOnly = val == 1; }
      else if (key == OPT_MAX_STEPS) opt.maxSteps = val == 0 ? DEFAULT_MAX_STEPS : <i32>min<u32>(val, 0x7fffffff);
      else if (key == OPT_TRACE) opt.trace = val != 0;
      else if (key == OPT_ROOT_NAME || key == OPT_ROOT_VERSION || key == OPT_TARGET) {
        if (val >= <u32>r.stringCount) bad = true;
        else if (key == OPT_ROOT_NAME) rootName = r.str(<i32>val);
        else if (key == OPT_ROOT_VERSION) rootVersion = r.str(<i32>val);
        else opt.target = r.str(<i32>val);
      } else bad = true;
      if (bad) {
        s.error = new Outcome(STATUS_ERROR, errorPayload(E_BAD_OPTION, "request: option " + key.toString() + " has an unknown key or value " + val.toString()));
        return s;
      }
    }
    opt.rootName = rootName;
    const rv = parseVersion(rootVersion);
    if (rv === null) {
      s.error = new Outcome(STATUS_ERROR, errorPayload(E_INVALID_VERSION, "the root version \"" + rootVersion + "\" is not a valid version", -1, "root_version"));
      return s;
    }
    const root = s.table.addRoot(rootName, rootVersion, rv);
    s.table.cargo = opt.cargo;
    const solver = new Solver(s.table, opt, root);
    // Root dependencies: name, range, when, kind, feature count, features.
    const dc = <i32>r.next();
    const normal = new Map<string, i32>();
    for (let i = 0; i < dc && r.ok; i++) {
      const name = r.str(r.nextStr());
      const range = r.str(r.nextStr());
      const w = r.next();
      const when = w == NO || w >= <u32>r.stringCount ? "" : r.str(<i32>w);
      const kind = r.next();
      const fc = <i32>r.next();
      const feats = new Array<string>();
      for (let f = 0; f < fc && r.ok; f++) feats.push(r.str(r.nextStr()));
      if (w != NO && !whenHolds(when, opt.target)) continue;
      if (kind == DEP_DEV) {
        solver.rootDeps.push(new RawDep(name, range, feats, when));
        const exact = exactVersion(range);
        if (exact.length > 0) solver.pinned.set(name, exact);
      } else if (normal.has(name)) {
        // A platform-specific root requirement on a package the root already requires: one requirement.
        const at = normal.get(name);
        solver.rootDeps[at] = solver.rootDeps[at].foldedWith(range, feats);
      } else {
        normal.set(name, solver.rootDeps.length);
        solver.rootDeps.push(new RawDep(name, range, feats, when));
      }
    }
    // Pinned exactly (for yanked versions): by a dev requirement, or by the root's one requirement.
    const pinnedNames = normal.keys();
    for (let i = 0; i < pinnedNames.length; i++) {
      const exact = exactVersion(solver.rootDeps[normal.get(pinnedNames[i])].range);
      if (exact.length > 0) solver.pinned.set(pinnedNames[i], exact);
    }
    const oc = <i32>r.next();
    for (let i = 0; i < oc && r.ok; i++) {
      const name = r.str(r.nextStr());
      const range = r.str(r.nextStr());
      solver.overrides.set(name, range);
      const exact = exactVersion(range);
      if (exact.length > 0) solver.pinned.set(name, exact);
    }
    const lc = <i32>r.next();
    for (let i = 0; i < lc && r.ok; i++) {
      const name = r.str(r.nextStr());
      const version = r.str(r.nextStr());
      solver.locked.set(name, version);
    }
    if (!r.ok) {
      s.error = new Outcome(STATUS_ERROR, errorPayload(E_WIRE_FORMAT, "request: " + r.error));
      return s;
    }
    s.solver = solver;
    return s;
  }

  feed(ptr: usize, len: i32): Outcome {
    if (!this.table.feed(ptr, len)) return this.takeError();
    return new Outcome(STATUS_OK, new ArrayBuffer(0));
  }

  private takeError(): Outcome {
    const t = this.table;
    const o = new Outcome(STATUS_ERROR, errorPayload(t.errCode, t.errMsg, -1, t.errDetail));
    t.errCode = 0;
    return o;
  }

  /** What this session keeps alive, in the collector's work units (core/abi/collect.ts): fed bytes / 256, incompatibilities, assignments. */
  liveUnits(): i32 {
    let n = this.table.fedBytes >> 8;
    const s = this.solver;
    if (s !== null) n += s.store.all.length + s.ps.assignments.length;
    return n;
  }

  /** Runs at most `slice` more steps; null when the slice ended first (call again to go on). */
  run(maxSteps: i32, slice: i32): Outcome | null {
    if (this.error !== null) return this.error!;
    const s = this.solver!;
    if (maxSteps > 0) s.opt.maxSteps = maxSteps;
    s.pauseAt = s.steps + slice;
    const r = s.run();
    if (r == RUN_PAUSED) return null;
    if (this.table.errCode != 0) {
      const o = this.takeError();
      this.error = o;
      return o;
    }
    if (r == RUN_SOLVED) return new Outcome(STATUS_OK, solutionMessage(s));
    if (r == RUN_NEEDS) return new Outcome(STATUS_NEEDS_METADATA, needsMessage(s));
    if (r == RUN_FAILED) return new Outcome(STATUS_NO_SOLUTION, noSolutionMessage(s));
    if (r == RUN_LIMIT) return new Outcome(STATUS_LIMIT_REACHED, limitMessage(s));
    return this.takeError();
  }
}

function whenHolds(when: string, target: string): bool {
  if (when.length == 0) return true;
  if (target.length == 0) return false;
  if (when.charCodeAt(0) == 33) return when.substring(1) != target;
  return when == target;
}

/** The version a range pins exactly ("1.2.3" or "=1.2.3"), or "". */
function exactVersion(range: string): string {
  let s = range.trim();
  if (s.startsWith("=")) s = s.substring(1).trim();
  if (s.startsWith("v")) s = s.substring(1);
  const v = parseVersion(s);
  if (v === null) return "";
  return s;
}
