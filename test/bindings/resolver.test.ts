// The async Resolver: metadata comes from a provider, only for the packages
// the core asks for; events come from the core; cancellation and a
// misbehaving provider end in coded errors.
import { describe, it, expect } from "vitest";
import { Resolver, type MetadataProvider, type PackageMetadata } from "../../bindings/resolver.js";
import { solve } from "../../bindings/solve.js";
import { scenarioPackage } from "../../bindings/session.js";
import type { Scenario } from "../../bindings/scenario.js";
import { optionScenario } from "../core/solver/random-scenarios.js";

const scenario: Scenario = {
  registry: {
    app: { "1.0.0": { lib: "^1.0.0", util: "^2.0.0" } },
    lib: { "1.0.0": { util: "^1.0.0" }, "1.1.0": { util: "^2.0.0" } },
    util: { "1.0.0": {}, "2.0.0": {}, "2.1.0": {} },
    unrelated: { "1.0.0": { huge: "*" } },
    huge: { "1.0.0": {} },
  },
  root: { app: "*" },
};

function provider(s: Scenario, log: string[][]): MetadataProvider {
  return {
    async fetch(names) {
      log.push(names);
      await new Promise((r) => setTimeout(r, 1));
      return names.map((n) => scenarioPackage(s, n));
    },
  };
}

describe("Resolver", () => {
  it("resolves with an async provider, fetching only what the solver asks for", async () => {
    const log: string[][] = [];
    const { registry: _r, ...request } = scenario;
    const res = await new Resolver(request).resolve(provider(scenario, log));
    expect(res.ok && res.solution).toEqual({ app: "1.0.0", lib: "1.1.0", util: "2.1.0" });
    expect(res).toEqual({ ...solve(scenario), stats: res.ok ? res.stats : undefined });
    const fetched = log.flat();
    expect(fetched.sort()).toEqual(["app", "lib", "util"]);
    expect(fetched).not.toContain("unrelated");
    expect(res.ok && res.stats.fetched).toBe(3);
  });

  it("streams the core's events: fetches, propagations and decisions", async () => {
    const events: { type: string }[] = [];
    const { registry: _r, ...request } = scenario;
    await new Resolver(request, { onEvent: (e) => events.push(e) }).resolve(provider(scenario, []));
    // The root is required before anything is fetched.
    expect(events.slice(0, 2)).toEqual([
      { type: "propagation", package: "root", positive: true, range: "" },
      { type: "fetch", packages: ["app"] },
    ]);
    expect(events).toContainEqual({ type: "propagation", package: "util", positive: true, range: "^2.0.0" });
    expect(events).toContainEqual({ type: "decision", package: "util", version: "2.1.0" });
  });

  it("treats null as a package that does not exist", async () => {
    const res = await new Resolver({ root: { nowhere: "^1.0.0" } }).resolve({ fetch: async (names) => names.map(() => null) });
    expect(!res.ok && res.error.code).toBe("E_NO_SOLUTION");
    expect(!res.ok && res.error.message).toMatch(/nowhere, which doesn't exist/);
  });

  it("can be cancelled while waiting for metadata", async () => {
    const ac = new AbortController();
    const slow: MetadataProvider = {
      fetch: (names) =>
        new Promise<(PackageMetadata | null)[]>((r) => {
          ac.abort();
          setTimeout(() => r(names.map((n) => scenarioPackage(scenario, n))), 1);
        }),
    };
    const res = await new Resolver({ root: { app: "*" } }, { signal: ac.signal }).resolve(slow);
    expect(!res.ok && res.error.code).toBe("E_CANCELLED");
  });

  it("reports a provider that answers with the wrong number of packages", async () => {
    const res = await new Resolver({ root: { app: "*" } }).resolve({ fetch: async () => [] });
    expect(res.ok).toBe(false);
    expect(!res.ok && res.error.message).toMatch(/returned 0 answers for 1 packages/);
  });

  it("applies the step budget across slices", async () => {
    const res = await new Resolver({ root: { app: "*" } }, { maxSteps: 2 }).resolve(provider(scenario, []));
    expect(!res.ok && res.error.code).toBe("E_STEP_LIMIT");
  });

  it("answers as solve() does, whatever the options, fetching in rounds (1,000 random scenarios)", async () => {
    const differ: string[] = [];
    for (let seed = 1; seed <= 1000 && differ.length < 3; seed++) {
      const s = optionScenario(seed);
      const { registry: _r, ...request } = s;
      const a = solve(s);
      const b = await new Resolver(request).resolve({ async fetch(names) { return names.map((n) => scenarioPackage(s, n)); } });
      // The stats count fetch rounds differently; the answer and the explanation must not differ.
      const strip = (r: typeof a) => (r.ok ? { ok: true, solution: r.solution } : { ok: false, code: r.error.code, message: r.error.message });
      if (JSON.stringify(strip(a)) !== JSON.stringify(strip(b))) differ.push(`seed ${seed}: ${JSON.stringify(strip(a))} vs ${JSON.stringify(strip(b))}`);
    }
    expect(differ).toEqual([]);
  });
});
