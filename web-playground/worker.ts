// The solver worker: owns the Wasm core (inlined in this bundle), reads the
// input (scenario or manifest, with the profile readers), resolves with the
// bindings' async Resolver against the scenario's inline registry or a live
// static registry, streams solver events to the page in batches, and returns
// everything the page draws — including the graph layout, so that dagre's work
// never blocks the page either.
import { parseScenario, validateScenario, type Scenario } from "../bindings/scenario.js";
import { Resolver, type MetadataProvider } from "../bindings/resolver.js";
import { scenarioPackage, type PackageMetadata, type ResolverEvent } from "../bindings/session.js";
import { LAZY_THRESHOLD, type SolveResult } from "../bindings/solve.js";
import { scanScenario } from "../bindings/scenario-scan.js";
import { CairnError, type ErrorLocation } from "../bindings/errors.js";
import { detectProfile, isProfile, readManifest, toResolution } from "../bindings/profiles/index.js";
import type { ErrorInfo, FromWorker, SolveInput, SolveOutcome, TimelineEvent, ToWorker } from "./protocol.js";
import { applyPageOptions, type ScenarioDoc } from "./scenario-options.js";
import { failureGraph, lockText, solutionGraph, type RootRequest } from "./graph-model.js";
import { RegistryProvider } from "./registry-provider.js";
import { layoutGraph } from "./layout.js";
import { describeEvent } from "./event-text.js";

/** Events kept for the timeline; a huge solve reports how many more there were. */
const MAX_EVENTS = 50_000;
/** Events are posted in batches of this size (one message per event would flood the page). */
const BATCH = 500;

const post = (m: FromWorker): void => (self as unknown as Worker).postMessage(m);

function where(loc: ErrorLocation | undefined): string | undefined {
  if (!loc) return undefined;
  let s = loc.file ?? "";
  if (loc.line !== undefined) s += `${s ? ":" : "line "}${loc.line}${loc.column !== undefined ? `:${loc.column}` : ""}`;
  if (loc.path) s += `${s ? ": " : ""}${loc.path}`;
  return s || undefined;
}

function errorInfo(e: { code: string; message: string; hint?: string; location?: ErrorLocation }): ErrorInfo {
  const w = where(e.location);
  return { code: e.code, message: e.message, ...(w ? { where: w } : {}), ...(e.hint ? { hint: e.hint } : {}) };
}

class EventStream {
  private batch: TimelineEvent[] = [];
  private count = 0;
  constructor(private readonly id: number) {}
  private previous: ResolverEvent | undefined;
  push = (e: ResolverEvent): void => {
    this.count++;
    const previous = this.previous;
    this.previous = e;
    if (this.count > MAX_EVENTS) return;
    this.batch.push(describeEvent(e, previous));
    if (this.batch.length >= BATCH) this.flush();
  };
  flush(): void {
    if (this.count > MAX_EVENTS) {
      this.batch.push({ kind: "note", text: `${this.count - MAX_EVENTS} more events are not shown (the timeline keeps ${MAX_EVENTS})`, packages: [] });
      this.count = MAX_EVENTS;
    }
    if (this.batch.length) post({ type: "events", id: this.id, events: this.batch });
    this.batch = [];
  }
}

/**
 * An inline registry as a provider: only what the solver asks for is looked
 * up — from a parsed scenario, or (large text) from a scanned one that parses
 * a package at a time, as `solve(text)` does.
 */
function inlineProvider(lookup: (name: string) => PackageMetadata | null): MetadataProvider & { fetched: Map<string, PackageMetadata> } {
  const fetched = new Map<string, PackageMetadata>();
  return {
    fetched,
    async fetch(names) {
      return names.map((n) => {
        const m = lookup(n);
        if (m) fetched.set(n, m);
        return m;
      });
    },
  };
}

interface Prepared {
  notes?: string[];
  request: Omit<Scenario, "registry">;
  root: RootRequest;
  provider: MetadataProvider & { fetched: Map<string, PackageMetadata> };
  registryUrl?: string;
}

function scenarioFrom(text: string, input: SolveInput, file: string): Scenario {
  const parsed = parseScenario(text, file);
  return validateScenario(applyPageOptions(parsed as unknown as ScenarioDoc, input.options), file);
}

function prepare(input: SolveInput, id: number): Prepared {
  const onFetch = (names: string[]): void => post({ type: "progress", id, text: `Resolving… fetching ${names.length} package${names.length === 1 ? "" : "s"} from the registry` });
  if (input.mode === "scenario") {
    // Megabytes of inline registry: scan, don't parse (the solver reads a fraction of it).
    const lazy = !input.registryUrl && input.scenarioText.length >= LAZY_THRESHOLD ? scanScenario(input.scenarioText, "scenario.json") : null;
    const s = lazy
      ? validateScenario(applyPageOptions({ ...lazy.request, registry: {} } as unknown as ScenarioDoc, input.options), "scenario.json")
      : scenarioFrom(input.scenarioText, input, "scenario.json");
    const { registry: _registry, ...request } = s;
    const root: RootRequest = {
      name: s.root_name ?? "root",
      root: s.root,
      ...(s.root_dev ? { root_dev: s.root_dev } : {}),
      ...(s.root_target_deps ? { root_target_deps: s.root_target_deps } : {}),
      ...(s.root_features ? { root_features: s.root_features } : {}),
      ...(s.target !== undefined ? { target: s.target } : {}),
    };
    const provider = input.registryUrl ? new RegistryProvider(input.registryUrl, onFetch) : inlineProvider(lazy ? (n) => lazy.package(n) : (n) => scenarioPackage(s, n));
    return { request, root, provider, ...(input.registryUrl ? { registryUrl: input.registryUrl } : {}) };
  }
  const profile = input.profile === "auto" ? detectProfile(input.fileName) : input.profile;
  if (profile === null || !isProfile(profile)) {
    throw new CairnError("E_USAGE", `cannot tell the profile of \`${input.fileName}\``, {
      location: { file: input.fileName },
      hint: "name the file cairn.toml, oripk.toml, module.toml, mzp.toml, Cavefile, package.edn or module.sexp, or pick a profile",
    });
  }
  const manifest = readManifest(profile, input.manifestText, { fileName: input.fileName });
  const o = input.options;
  const bare = (o.features ?? []).filter((f) => !f.includes("/"));
  const res = toResolution(manifest, { ...(o.target ? { target: o.target } : {}), features: bare });
  const options: Record<string, unknown> = {};
  for (const k of ["prerelease", "versions", "policy", "cycles", "missing_feature"] as const) if (res.options[k]) options[k] = res.options[k];
  if (res.options.exactOnly) options.exact_only = true;
  const rootFeatures = { ...res.root_features };
  for (const f of (o.features ?? []).filter((x) => x.includes("/"))) {
    const [dep, feat] = f.split("/", 2) as [string, string];
    rootFeatures[dep] = [...new Set([...(rootFeatures[dep] ?? []), feat])];
  }
  const doc: ScenarioDoc = {
    registry: {},
    root: res.root,
    root_dev: res.root_dev,
    root_features: rootFeatures,
    root_target_deps: res.root_target_deps,
    ...(res.overrides ? { overrides: res.overrides } : {}),
    ...(Object.keys(options).length ? { options } : {}),
    ...(res.options.target !== undefined ? { target: res.options.target } : {}),
  };
  const s = validateScenario(applyPageOptions(doc, { ...o, features: [] }), input.fileName);
  const { registry: _r, ...request } = s;
  const pkg = manifest.package as { name?: unknown } | null | undefined;
  const root: RootRequest = {
    name: typeof pkg?.name === "string" ? pkg.name : input.fileName,
    root: s.root,
    root_dev: s.root_dev ?? {},
    root_target_deps: s.root_target_deps ?? {},
    root_features: s.root_features ?? {},
    ...(s.target !== undefined ? { target: s.target } : {}),
  };
  let provider: Prepared["provider"];
  if (input.registryUrl) provider = new RegistryProvider(input.registryUrl, onFetch);
  else {
    let inline: Scenario;
    try {
      inline = parseScenario(input.scenarioText, "scenario.json");
    } catch (e) {
      if (e instanceof CairnError) {
        throw new CairnError(e.code, `the inline registry (the Scenario tab) is not usable: ${e.message}`, {
          location: e.location,
          hint: "fix the scenario, or give a registry URL",
        });
      }
      throw e;
    }
    provider = inlineProvider((n) => scenarioPackage(inline, n));
  }
  // The browser resolves registry packages only; say what that leaves out.
  const notes: string[] = [];
  if (res.stdlib.length) notes.push(`standard library, provided by the toolchain: ${res.stdlib.join(", ")}`);
  if (Object.keys(res.paths).length) notes.push(`path dependencies, which the CLI reads from disk: ${Object.keys(res.paths).join(", ")}`);
  if (Object.keys(res.git).length) notes.push(`git dependencies, which the CLI fetches: ${Object.keys(res.git).join(", ")}`);
  return { request, root, provider, ...(notes.length ? { notes } : {}), ...(input.registryUrl ? { registryUrl: input.registryUrl } : {}) };
}

async function solveInput(id: number, input: SolveInput): Promise<SolveOutcome> {
  const t0 = performance.now();
  const events = new EventStream(id);
  const elapsed = (): number => performance.now() - t0;
  let prepared: Prepared;
  let result: SolveResult;
  try {
    prepared = prepare(input, id);
    result = await new Resolver(prepared.request, { maxSteps: input.options.maxSteps, onEvent: events.push }).resolve(prepared.provider);
  } catch (e) {
    events.flush();
    if (e instanceof CairnError) return { ok: false, kind: "error", error: errorInfo(e), packages: [], explanation: [], elapsedMs: elapsed() };
    throw e;
  }
  events.flush();
  const solveMs = elapsed();
  const meta = prepared.provider.fetched;
  if (result.ok) {
    const graph = solutionGraph(result.solution, meta, prepared.root);
    return {
      ok: true,
      solution: result.solution,
      graph,
      layout: layoutGraph(graph),
      lock: { fileName: "cairn.lock", text: lockText(result.solution, meta, prepared.root, prepared.registryUrl) },
      elapsedMs: solveMs,
      steps: result.stats.steps,
      ...(prepared.notes ? { notes: prepared.notes } : {}),
    };
  }
  const err = result.error;
  if (err.code === "E_NO_SOLUTION") {
    const graph = failureGraph(err.packages, meta, prepared.root);
    return {
      ok: false,
      kind: "no-solution",
      error: errorInfo({ ...err, message: "version solving failed" }),
      packages: err.packages,
      explanation: err.message.split("\n"),
      graph,
      layout: layoutGraph(graph),
      elapsedMs: solveMs,
    };
  }
  return { ok: false, kind: "error", error: errorInfo(err), packages: err.packages, explanation: [], elapsedMs: solveMs };
}

self.onmessage = (e: MessageEvent<ToWorker>) => {
  const m = e.data;
  if (m.type === "focus") {
    post({ type: "layout", id: m.id, layout: layoutGraph(m.graph, m.focus) });
    return;
  }
  solveInput(m.id, m.input).then(
    (outcome) => post({ type: "result", id: m.id, outcome }),
    (err: unknown) =>
      post({
        type: "result",
        id: m.id,
        outcome: {
          ok: false,
          kind: "error",
          error: {
            // A trap in the core is a cairn bug with its own code; the bindings have already replaced the instance.
            code: (err as { code?: string })?.code === "E_CORE_TRAP" ? "E_CORE_TRAP" : "E_INTERNAL",
            message: `an unexpected failure in the solver: ${(err as Error)?.message ?? String(err)}`,
            hint: "please report it with the scenario (use Share link)",
          },
          packages: [],
          explanation: [],
          elapsedMs: 0,
        },
      }),
  );
};

post({ type: "ready" });
