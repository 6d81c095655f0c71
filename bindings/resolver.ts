// The async Resolver: drives a core session with a metadata provider (the
// CLI's registry client, the playground's fetcher). The core says which
// packages it needs; the provider fetches them (in parallel, however it
// likes); the session resumes. Events come from the core's trace.
import type { Scenario } from "./scenario.js";
import { Session, type PackageMetadata, type ResolverEvent, type RequestInput } from "./session.js";
import { finishRun, budgetOf, SLICE_STEPS, type SolveResult } from "./solve.js";
import type { Core } from "./core.js";

export type { PackageMetadata, VersionMetadata, ResolverEvent } from "./session.js";

export interface MetadataProvider {
  /** One answer per name, in order; null = no such package. */
  fetch(names: string[]): Promise<(PackageMetadata | null)[]>;
}

export interface ResolverOptions {
  maxSteps?: number;
  onEvent?: (e: ResolverEvent) => void;
  signal?: AbortSignal;
  core?: Core;
}

const tick = () => new Promise<void>((r) => setTimeout(r, 0));

export class Resolver {
  constructor(
    readonly request: Omit<Scenario, "registry">,
    readonly opts: ResolverOptions = {},
  ) {}

  async resolve(provider: MetadataProvider): Promise<SolveResult> {
    const req = this.request as RequestInput;
    const budget = budgetOf(req, this.opts.maxSteps);
    const cancelled = (): SolveResult => ({ ok: false, error: { code: "E_CANCELLED", message: "the resolution was cancelled", packages: [] } });
    if (this.opts.signal?.aborted) return cancelled();
    const session = Session.open(req, { maxSteps: budget, trace: this.opts.onEvent !== undefined, core: this.opts.core });
    if (!(session instanceof Session)) return finishRun({ kind: "error", ...session.error }, 0, budget);
    let fetched = 0;
    let steps = 0;
    try {
      for (;;) {
        if (this.opts.signal?.aborted) return cancelled();
        // Run in slices so that a long resolution can be cancelled between them.
        const limit = Math.min(budget, steps + SLICE_STEPS);
        const r = session.run(limit);
        for (const e of "events" in r ? r.events : []) this.opts.onEvent?.(e);
        if (r.kind === "limit" && r.stats.steps < budget) {
          steps = r.stats.steps;
          await tick();
          continue;
        }
        if (r.kind !== "needs") return finishRun(r, fetched, budget);
        steps = r.stats.steps;
        this.opts.onEvent?.({ type: "fetch", packages: r.packages });
        const answers = await provider.fetch(r.packages);
        if (!Array.isArray(answers) || answers.length !== r.packages.length) {
          return { ok: false, error: { code: "E_INTERNAL", message: `the metadata provider returned ${Array.isArray(answers) ? answers.length : "no list of"} answers for ${r.packages.length} packages`, packages: [] } };
        }
        if (this.opts.signal?.aborted) return cancelled();
        const fed = session.feed(r.packages, answers);
        fetched += r.packages.length;
        if (fed) return finishRun(fed, fetched, budget);
      }
    } finally {
      session.free();
    }
  }
}
