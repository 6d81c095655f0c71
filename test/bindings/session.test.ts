// The solver's trace as the bindings decode it (bindings/session.ts): which
// events a known resolution yields, in which order, and that tracing changes
// nothing about the answer.
import { describe, it, expect } from "vitest";
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { solve } from "../../bindings/solve.js";
import type { ResolverEvent } from "../../bindings/session.js";
import type { Scenario } from "../../bindings/scenario.js";

const root = resolve(__dirname, "../..");
const fixture = (name: string): Scenario => JSON.parse(readFileSync(join(root, "test/fixtures/scenarios", `${name}.json`), "utf8"));

function trace(s: Scenario): { events: ResolverEvent[]; result: ReturnType<typeof solve> } {
  const events: ResolverEvent[] = [];
  const result = solve(s, { onEvent: (e) => events.push(e) });
  return { events, result };
}

const at = (events: ResolverEvent[], want: ResolverEvent): number => events.findIndex((e) => JSON.stringify(e) === JSON.stringify(want));

describe("trace events", () => {
  const simple: Scenario = {
    registry: {
      app: { "1.0.0": { lib: "^1.0.0", util: "^2.0.0" } },
      lib: { "1.0.0": { util: "^1.0.0" }, "1.1.0": { util: "^2.0.0" } },
      util: { "1.0.0": {}, "2.0.0": {}, "2.1.0": {} },
    },
    root: { app: "*" },
  };

  it("reports what propagation derives, between the decision that caused it and the next decision", () => {
    const { events, result } = trace(simple);
    expect(result.ok).toBe(true);
    const decideApp = at(events, { type: "decision", package: "app", version: "1.0.0" });
    const narrowUtil = at(events, { type: "propagation", package: "util", positive: true, range: "^2.0.0" });
    const requireLib = at(events, { type: "propagation", package: "lib", positive: true, range: "" });
    const decideUtil = at(events, { type: "decision", package: "util", version: "2.1.0" });
    expect(decideApp).toBeGreaterThanOrEqual(0);
    expect(narrowUtil).toBeGreaterThan(decideApp);
    expect(requireLib).toBeGreaterThan(decideApp);
    expect(decideUtil).toBeGreaterThan(narrowUtil);
    // The root is required before anything is fetched.
    expect(events[0]).toEqual({ type: "propagation", package: "root", positive: true, range: "" });
  });

  it("derives every package as required before deciding it", () => {
    const { events } = trace(fixture("dart-pub/backjumps-after-partial-satisfier"));
    events.forEach((e, i) => {
      if (e.type !== "decision" || e.package === "root") return;
      const before = events.slice(0, i).filter((x) => x.type === "propagation" && x.package === e.package && x.positive);
      expect(before.length, `decision ${e.package} ${e.version} at ${i}`).toBeGreaterThan(0);
    });
  });

  it("reports the learned fact after a backjump, before the decision it forces", () => {
    const { events, result } = trace(fixture("dart-pub/backjumps-after-partial-satisfier"));
    expect(result.ok && result.solution).toEqual({ c: "1.0.0", y: "2.0.0" });
    // c 2.0.0 needs a and b, which together force x 1.0.0, which needs y 1.0.0: c 2.0.0 is ruled out.
    const ruledOut = at(events, { type: "propagation", package: "c", positive: false, range: "2.0.0" });
    const decideC1 = at(events, { type: "decision", package: "c", version: "1.0.0" });
    expect(ruledOut).toBeGreaterThan(0);
    expect(events[ruledOut - 1]!.type).toBe("backjump");
    expect(decideC1).toBeGreaterThan(ruledOut);
    // Every backjump is followed by what the learned incompatibility derives.
    events.forEach((e, i) => {
      if (e.type === "backjump") expect(events[i + 1]?.type, `event ${i + 1}`).toBe("propagation");
    });
  });

  it("has one propagation event per derivation, and tracing changes nothing else", () => {
    for (const name of ["dart-pub/backjumps-after-partial-satisfier", "dart-pub/diamond-dependency-graph", "pubgrub-rs/conflict-resolution", "pubgrub-rs/linear-error-reporting"]) {
      const s = fixture(name);
      const { events, result } = trace(s);
      const quiet = solve(s);
      expect(quiet).toEqual(result);
      expect(events.filter((e) => e.type === "propagation").length).toBe(result.stats!.derivations);
    }
  });

  it("is deterministic", () => {
    const s = fixture("dart-pub/backjumps-after-partial-satisfier");
    expect(trace(s).events).toEqual(trace(s).events);
  });
});
