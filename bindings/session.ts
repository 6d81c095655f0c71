// The TypeScript side of resolution sessions: encodes requests and metadata
// into the wire format (docs/ABI.md, "Resolution sessions") and decodes the
// core's answers. No resolution logic lives here; the core decides everything.
import { own } from "./own.js";
import { WireWriter, WireReader } from "./wire.js";
import { Core, core as sharedCore } from "./core.js";
import { CairnError, CORE_CODE_NAMES, type ErrorCode } from "./errors.js";
import * as P from "../core/solver/protocol.js";
import * as C from "../core/abi/codes.js";
import type { Scenario } from "./scenario.js";
import { decodeTree, readPackage, readTerm, termPackageName, type DerivationTree, type TreePackage, type TreeTerm } from "./explain/tree.js";
import { scenarioMetadata } from "./scenario-scan.js";

/** One version's metadata as a provider (registry client, playground) returns it. */
export interface VersionMetadata {
  dependencies?: Record<string, string>;
  /** feature name → extra dependencies */
  features?: Record<string, Record<string, string>>;
  /** `when` (target name or `!name`) → dependencies that apply on that target */
  targets?: Record<string, Record<string, string>>;
  /** dependency name → features of it that this version requests */
  dependency_features?: Record<string, string[]>;
  yanked?: boolean;
  [extra: string]: unknown;
}

export interface PackageMetadata {
  name: string;
  versions: Record<string, VersionMetadata>;
}

export interface SolveStats {
  steps: number;
  decisions: number;
  conflicts: number;
  derivations: number;
}

export type ResolverEvent =
  | { type: "fetch"; packages: string[] }
  | { type: "decision"; package: string; version: string }
  | { type: "conflict"; package: string }
  | { type: "backjump"; level: number }
  /**
   * Unit propagation derived a term: `positive` — the package is required with a version in
   * `range`; otherwise a version in `range` is ruled out. `range` is the simplest range over the
   * package's versions, "" for every version (docs/ABI.md, "Run results").
   */
  | { type: "propagation"; package: string; positive: boolean; range: string };

export type RunResult =
  | { kind: "solved"; pairs: [string, string][]; stats: SolveStats; events: ResolverEvent[] }
  | { kind: "needs"; packages: string[]; stats: SolveStats; events: ResolverEvent[] }
  | { kind: "no_solution"; tree: DerivationTree; stats: SolveStats; events: ResolverEvent[] }
  | { kind: "limit"; stats: SolveStats; events: ResolverEvent[] }
  | { kind: "error"; code: ErrorCode; message: string; detail: string };

export type RequestInput = Omit<Scenario, "registry">;

const ENUM_VALUES: Record<string, Record<string, number>> = {
  prerelease: { npm: 0, include: 1, fallback: 2 },
  versions: { highest: 0, lowest: 1 },
  policy: { single: 0, cargo: 1 },
  cycles: { allow: 0, forbid: 1 },
  missing_feature: { ignore: 0, error: 1 },
};
const OPT_KEYS: Record<string, number> = {
  prerelease: P.OPT_PRERELEASE,
  versions: P.OPT_VERSIONS,
  policy: P.OPT_POLICY,
  cycles: P.OPT_CYCLES,
  missing_feature: P.OPT_MISSING_FEATURE,
};

function writeDep(w: WireWriter, name: string, range: string, when: string | undefined, features: string[] | undefined): void {
  w.word(w.str(name));
  w.word(w.str(range));
  w.word(when === undefined ? P.NONE : w.str(when));
  if (features === undefined) {
    w.word(0);
    return;
  }
  w.word(features.length);
  for (const f of features) w.word(w.str(f));
}

/** Encode the root requirements and options (everything but the registry). */
export function encodeRequest(req: RequestInput, opts: { maxSteps?: number; trace?: boolean } = {}): Uint8Array {
  const w = new WireWriter(P.KIND_SESSION_REQUEST);
  const o = req.options ?? {};
  const pairs: [number, number][] = [];
  for (const [k, key] of Object.entries(OPT_KEYS)) {
    const v = (o as Record<string, unknown>)[k];
    if (v !== undefined) pairs.push([key, ENUM_VALUES[k]![v as string]!]);
  }
  if (o.exact_only) pairs.push([P.OPT_EXACT_ONLY, 1]);
  const steps = opts.maxSteps ?? o.max_steps;
  if (steps) pairs.push([P.OPT_MAX_STEPS, steps]);
  if (opts.trace) pairs.push([P.OPT_TRACE, 1]);
  if (req.root_name !== undefined) pairs.push([P.OPT_ROOT_NAME, w.str(req.root_name)]);
  if (req.root_version !== undefined) pairs.push([P.OPT_ROOT_VERSION, w.str(req.root_version)]);
  if (req.target !== undefined) pairs.push([P.OPT_TARGET, w.str(req.target)]);
  w.word(pairs.length);
  for (const [k, v] of pairs) {
    w.word(k);
    w.word(v);
  }
  const deps: [string, string, string | undefined, number][] = [];
  for (const [n, r] of Object.entries(req.root ?? {})) deps.push([n, r, undefined, P.DEP_NORMAL]);
  for (const [n, r] of Object.entries(req.root_dev ?? {})) deps.push([n, r, undefined, P.DEP_DEV]);
  for (const [when, ds] of Object.entries(req.root_target_deps ?? {})) for (const [n, r] of Object.entries(ds)) deps.push([n, r, when, P.DEP_NORMAL]);
  w.word(deps.length);
  for (const [n, r, when, kind] of deps) {
    w.word(w.str(n));
    w.word(w.str(r));
    w.word(when === undefined ? P.NONE : w.str(when));
    w.word(kind);
    const fs = own(req.root_features, n) ?? [];
    w.word(fs.length);
    for (const f of fs) w.word(w.str(f));
  }
  const ov = Object.entries(req.overrides ?? {});
  w.word(ov.length);
  for (const [n, r] of ov) {
    w.word(w.str(n));
    w.word(w.str(r));
  }
  const lk = Object.entries(req.locked ?? {});
  w.word(lk.length);
  for (const [n, v] of lk) {
    w.word(w.str(n));
    w.word(w.str(v));
  }
  return w.finish();
}

/** Writes the (own) entries of `deps` as dependency records; returns how many. */
function writeDeps(w: WireWriter, deps: Record<string, string>, when: string | undefined, features: Record<string, string[]> | undefined): number {
  let n = 0;
  for (const d in deps) {
    if (!Object.prototype.hasOwnProperty.call(deps, d)) continue;
    writeDep(w, d, deps[d]!, when, own(features, d));
    n++;
  }
  return n;
}

/** Encode metadata answers; `null` means the package does not exist. */
export function encodeMetadata(names: string[], answers: (PackageMetadata | null)[]): Uint8Array {
  // for-in over the (JSON-born, prototype-plain) objects: Object.entries
  // built an array per version and per dependency list.
  const w = new WireWriter(P.KIND_METADATA);
  w.word(names.length);
  for (let i = 0; i < names.length; i++) {
    const m = answers[i];
    w.word(w.str(names[i]!));
    w.word(m ? 1 : 0);
    const versions = m?.versions ?? {};
    const versionCount = w.reserve();
    let nv = 0;
    for (const v in versions) {
      if (!Object.prototype.hasOwnProperty.call(versions, v)) continue;
      const meta = versions[v];
      nv++;
      w.word(w.str(v));
      w.word(meta?.yanked ? P.VERSION_YANKED : 0);
      const df = meta?.dependency_features;
      const targets = meta?.targets ?? {};
      const depCount = w.reserve();
      let nd = writeDeps(w, meta?.dependencies ?? {}, undefined, df);
      for (const when in targets) if (Object.prototype.hasOwnProperty.call(targets, when)) nd += writeDeps(w, targets[when]!, when, df);
      w.setWord(depCount, nd);
      const feats = meta?.features ?? {};
      const featCount = w.reserve();
      let nf = 0;
      for (const f in feats) {
        if (!Object.prototype.hasOwnProperty.call(feats, f)) continue;
        nf++;
        w.word(w.str(f));
        const listCount = w.reserve();
        w.setWord(listCount, writeDeps(w, feats[f] ?? {}, undefined, undefined));
      }
      w.setWord(featCount, nf);
    }
    w.setWord(versionCount, nv);
  }
  return w.finish();
}

/** The metadata of one scenario package, in provider form. */
export function scenarioPackage(s: Scenario, name: string): PackageMetadata | null {
  if (!Object.prototype.hasOwnProperty.call(s.registry, name)) return null;
  return scenarioMetadata(s, name, s.registry[name]!);
}

function readStats(r: WireReader): SolveStats {
  return { steps: r.next(), decisions: r.next(), conflicts: r.next(), derivations: r.next() };
}

function readEvents(r: WireReader): ResolverEvent[] {
  if (!r.hasMore()) return [];
  const n = r.next();
  const raw: [number, number, number][] = [];
  for (let i = 0; i < n; i++) raw.push([r.next(), r.next(), r.next()]);
  // The terms that EV_DERIVE events point at, over their own package list.
  const packages: TreePackage[] = [];
  const terms: TreeTerm[] = [];
  if (r.hasMore()) {
    const pc = r.next();
    for (let i = 0; i < pc; i++) packages.push(readPackage(r));
    const tc = r.next();
    for (let i = 0; i < tc; i++) terms.push(readTerm(r, packages));
  }
  const out: ResolverEvent[] = [];
  for (const [type, a, b] of raw) {
    if (type === P.EV_DECIDE) out.push({ type: "decision", package: r.str(a), version: r.str(b) });
    else if (type === P.EV_CONFLICT) out.push({ type: "conflict", package: r.str(a) });
    else if (type === P.EV_BACKJUMP) out.push({ type: "backjump", level: a });
    else if (type === P.EV_DERIVE) {
      const t = terms[b]!;
      out.push({ type: "propagation", package: termPackageName(packages[t.package]!), positive: t.positive, range: t.range });
    }
  }
  return out;
}

export function decodeError(bytes: Uint8Array): { code: ErrorCode; message: string; detail: string; position: number } {
  const r = new WireReader(bytes);
  const code = r.next();
  const position = r.next();
  const message = r.str(r.next());
  const detail = r.str(r.next());
  return { code: CORE_CODE_NAMES.get(code) ?? "E_INTERNAL", message, detail, position: position === P.NONE ? -1 : position };
}

export function decodeRun(status: number, bytes: Uint8Array): RunResult {
  if (status === C.STATUS_ERROR) return { kind: "error", ...decodeError(bytes) };
  const r = new WireReader(bytes);
  const stats = readStats(r);
  if (status === C.STATUS_OK) {
    const n = r.next();
    const pairs: [string, string][] = [];
    for (let i = 0; i < n; i++) pairs.push([r.str(r.next()), r.str(r.next())]);
    return { kind: "solved", pairs, stats, events: readEvents(r) };
  }
  if (status === C.STATUS_NEEDS_METADATA) {
    const n = r.next();
    const packages: string[] = [];
    for (let i = 0; i < n; i++) packages.push(r.str(r.next()));
    return { kind: "needs", packages, stats, events: readEvents(r) };
  }
  if (status === C.STATUS_NO_SOLUTION) {
    const tree = decodeTree(r);
    return { kind: "no_solution", tree, stats, events: readEvents(r) };
  }
  if (status === C.STATUS_LIMIT_REACHED) return { kind: "limit", stats, events: readEvents(r) };
  throw new CairnError("E_INTERNAL", `the core answered with unknown status ${status}`);
}

/** A live session inside a core instance. Free it when done. */
export class Session {
  private freed = false;
  private constructor(
    readonly core: Core,
    readonly id: number,
    private readonly restarts: number,
  ) {}

  static open(req: RequestInput, opts: { maxSteps?: number; trace?: boolean; core?: Core } = {}): Session | { error: { code: ErrorCode; message: string; detail: string } } {
    const c = opts.core ?? sharedCore();
    let request: Uint8Array;
    try {
      request = encodeRequest(req, opts);
    } catch (e) {
      if (e instanceof CairnError) return { error: { code: e.code, message: e.message, detail: "" } };
      throw e;
    }
    const res = c.callWithInput("session_new", request);
    if (res.status !== C.STATUS_OK) {
      const e = decodeError(res.bytes);
      return { error: e };
    }
    const id = new WireReader(res.bytes).next();
    return new Session(c, id, c.restarts);
  }

  private alive(): void {
    if (this.core.restarts !== this.restarts) throw new CairnError("E_INTERNAL", "the core was restarted after a trap; the session is gone");
  }

  feed(names: string[], answers: (PackageMetadata | null)[]): RunResult | null {
    this.alive();
    let message: Uint8Array;
    try {
      message = encodeMetadata(names, answers);
    } catch (e) {
      if (e instanceof CairnError) return { kind: "error", code: e.code, message: e.message, detail: "" };
      throw e;
    }
    const res = this.core.callWithInput("session_feed", message, this.id);
    if (res.status !== C.STATUS_OK) return { kind: "error", ...decodeError(res.bytes) };
    return null;
  }

  run(maxSteps = 0): RunResult {
    this.alive();
    const x = this.core.exports;
    const res = this.core.guard(() => this.core.take((x.session_run as (s: number, m: number) => number)(this.id, maxSteps)));
    return decodeRun(res.status, res.bytes);
  }

  free(): void {
    if (this.freed || this.core.restarts !== this.restarts) return;
    this.freed = true;
    (this.core.exports.session_free as (s: number) => void)(this.id);
  }
}
