// Solver events (bindings' ResolverEvent) as timeline rows: a kind, one line of
// text, and the packages to highlight in the graph while the row is current.
import type { ResolverEvent } from "../bindings/session.js";
import type { TimelineEvent } from "./protocol.js";

/**
 * The graph node of an event's package: the core's proxies are drawn as their package — a
 * feature `b[x]` as `b`, a cargo "some line matching" proxy `c >=1.0.0` as `c`.
 */
const node = (name: string): string => name.replace(/\[[^\]]*\]$/, "").replace(/ .*$/, "");

/** A propagation event as a sentence: what unit propagation now knows about the package. */
function propagation(e: Extract<ResolverEvent, { type: "propagation" }>): string {
  if (e.positive) return e.range === "" ? `derive: ${e.package} is required` : `derive: ${e.package} must be ${e.range}`;
  return e.range === "" ? `derive: ${e.package} must not be selected` : `derive: ${e.package} ${e.range} is ruled out`;
}

/**
 * The timeline row of one event. The core reports one conflict event per
 * conflict-resolution step; `previous` tells the first of a run from the steps
 * that trace it back.
 */
export function describeEvent(e: ResolverEvent, previous?: ResolverEvent): TimelineEvent {
  switch (e.type) {
    case "decision":
      return { kind: "decision", text: `decide ${e.package} ${e.version}`, packages: [node(e.package)] };
    case "propagation":
      return { kind: "propagation", text: propagation(e), packages: [node(e.package)] };
    case "conflict":
      return {
        kind: "conflict",
        text: previous?.type === "conflict" ? `conflict, traced back through ${e.package}` : `conflict: the requirements on ${e.package} cannot all hold`,
        packages: [node(e.package)],
      };
    case "backjump":
      return { kind: "backjump", text: `backjump to decision level ${e.level}`, packages: [] };
    case "fetch":
      return { kind: "fetch", text: `fetch metadata: ${e.packages.join(", ")}`, packages: e.packages };
  }
}
