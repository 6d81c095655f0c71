// solve(scenario): resolve a self-contained scenario (inline registry)
// synchronously. The same session loop as the async Resolver: the core asks
// for the metadata it needs and only those packages are encoded and fed.
import { own, setOwn } from "./own.js";
import { parseScenario, validateScenario, type Scenario } from "./scenario.js";
import { scanScenario } from "./scenario-scan.js";
import { Session, scenarioPackage, type RunResult, type SolveStats, type ResolverEvent, type RequestInput, type PackageMetadata } from "./session.js";
import { CairnError, type ErrorCode, type ErrorLocation } from "./errors.js";
import { explain } from "./explain/report.js";
import { involvedPackages, type DerivationTree } from "./explain/tree.js";
import type { Core } from "./core.js";
import * as P from "../core/solver/protocol.js";

export type Solution = Record<string, string | string[]>;

export interface SolveError {
  code: ErrorCode;
  message: string;
  /** packages the explanation involves (the root excluded) */
  packages: string[];
  hint?: string;
  location?: ErrorLocation;
  /** the derivation tree (E_NO_SOLUTION only) */
  tree?: DerivationTree;
}

export type SolveResult =
  | { ok: true; solution: Solution; stats: SolveStats & { fetched: number } }
  | { ok: false; error: SolveError; stats?: SolveStats & { fetched: number } };

export interface SolveOptions {
  maxSteps?: number;
  onEvent?: (e: ResolverEvent) => void;
  core?: Core;
}

/** Scenario text at least this large is scanned lazily instead of parsed and checked whole. */
export const LAZY_THRESHOLD = 1 << 20;

/** Steps per run call: between slices the async resolver checks for cancellation. */
export const SLICE_STEPS = 20000;

export function solutionOf(pairs: [string, string][]): Solution {
  const out: Solution = {};
  for (const [n, v] of pairs) {
    const cur = own(out, n);
    setOwn(out, n, cur === undefined ? v : Array.isArray(cur) ? [...cur, v] : [cur, v]);
  }
  return out;
}

/** Where a core input error points, as a scenario field path. */
function pathOf(detail: string): string | undefined {
  const f = detail.split("\t");
  if (f[0] === "dep" && f.length === 4) return `registry.${f[1]}.${f[2]}.${f[3]}`;
  if (f[0] === "root" && f.length === 2) return `root.${f[1]}`;
  if (f[0] === "version" && f.length === 3) return `registry.${f[1]}.${f[2]}`;
  if (detail === "root_version") return "root_version";
  return undefined;
}

/** Turn a final run result into a SolveResult. */
export function finishRun(r: RunResult, fetched: number, maxSteps: number): SolveResult {
  if (r.kind === "solved") return { ok: true, solution: solutionOf(r.pairs), stats: { ...r.stats, fetched } };
  if (r.kind === "no_solution") {
    return {
      ok: false,
      error: { code: "E_NO_SOLUTION", message: explain(r.tree), packages: involvedPackages(r.tree), tree: r.tree },
      stats: { ...r.stats, fetched },
    };
  }
  if (r.kind === "limit") {
    return {
      ok: false,
      error: {
        code: "E_STEP_LIMIT",
        message: `the resolver spent its budget of ${maxSteps} steps (${r.stats.decisions} decisions, ${r.stats.conflicts} conflicts) without an answer`,
        packages: [],
        hint: "raise the budget with --max-steps (options.max_steps), or pin some dependencies",
      },
      stats: { ...r.stats, fetched },
    };
  }
  if (r.kind === "error") {
    const path = pathOf(r.detail);
    return { ok: false, error: { code: r.code, message: r.message, packages: [], ...(path ? { location: { path } } : {}) } };
  }
  return { ok: false, error: { code: "E_INTERNAL", message: "the resolver stopped while it still needed metadata", packages: [] } };
}

export function budgetOf(req: RequestInput, maxSteps?: number): number {
  return maxSteps ?? req.options?.max_steps ?? P.DEFAULT_MAX_STEPS;
}

/** Resolve a scenario (object, or JSON text/bytes) synchronously. Never throws for bad input. */
export function solve(scenario: Scenario | string | Uint8Array, opts: SolveOptions = {}): SolveResult {
  let request: RequestInput;
  let lookup: (name: string) => PackageMetadata | null;
  try {
    if ((typeof scenario === "string" || scenario instanceof Uint8Array) && scenario.length >= LAZY_THRESHOLD) {
      // Large text is scanned, not parsed: a package's versions become objects
      // (and are checked) only when the resolver needs that package.
      const lazy = scanScenario(scenario);
      request = lazy.request;
      lookup = (name) => lazy.package(name);
    } else {
      const s = typeof scenario === "string" || scenario instanceof Uint8Array ? parseScenario(scenario) : validateScenario(scenario);
      request = s;
      lookup = (name) => scenarioPackage(s, name);
    }
  } catch (e) {
    if (e instanceof CairnError) return { ok: false, error: { code: e.code, message: e.message, packages: [], hint: e.hint, location: e.location } };
    throw e;
  }
  const budget = budgetOf(request, opts.maxSteps);
  const session = Session.open(request, { maxSteps: budget, trace: opts.onEvent !== undefined, core: opts.core });
  if (!(session instanceof Session)) return finishRun({ kind: "error", ...session.error }, 0, budget);
  let fetched = 0;
  try {
    for (;;) {
      const r = session.run();
      if (opts.onEvent) for (const e of "events" in r ? r.events : []) opts.onEvent(e);
      if (r.kind !== "needs") return finishRun(r, fetched, budget);
      opts.onEvent?.({ type: "fetch", packages: r.packages });
      const fed = session.feed(r.packages, r.packages.map(lookup));
      fetched += r.packages.length;
      if (fed) return finishRun(fed, fetched, budget);
    }
  } catch (e) {
    if (e instanceof CairnError) return { ok: false, error: { code: e.code, message: e.message, packages: [], hint: e.hint, location: e.location } };
    throw e;
  } finally {
    session.free();
  }
}
