// Messages between the page (main.ts) and the Web Worker (worker.ts). Only
// plain data crosses (structured clone); the worker owns the Wasm core.

export type PrereleasePolicy = "npm" | "include" | "fallback";
export type VersionOrder = "highest" | "lowest";

/** Options the page adds on top of the scenario's own (an empty field keeps the scenario's value). */
export interface PageOptions {
  prerelease?: PrereleasePolicy;
  versions?: VersionOrder;
  target?: string;
  features?: string[];
  /** Soft preferences, as from a previous lock file. */
  locked?: Record<string, string>;
  maxSteps: number;
}

export type SolveInput =
  | { mode: "scenario"; scenarioText: string; options: PageOptions; registryUrl?: string }
  | {
      mode: "manifest";
      fileName: string;
      /** A profile name, or "auto" to detect it from the file name and text. */
      profile: string;
      manifestText: string;
      /** The inline registry comes from here when there is no registry URL. */
      scenarioText: string;
      options: PageOptions;
      registryUrl?: string;
    };

/** One solver event for the step-through timeline. */
export interface TimelineEvent {
  kind: string;
  text: string;
  /** Packages the event is about (highlighted in the graph). */
  packages: string[];
}

export interface GraphNode {
  id: string;
  name: string;
  version?: string;
  root?: boolean;
  /** Named by the failure explanation. */
  involved?: boolean;
}
export interface GraphEdge {
  from: string;
  to: string;
  /** The requirement as written by the dependent. */
  req: string;
}
export interface GraphData {
  nodes: GraphNode[];
  edges: GraphEdge[];
}

export interface Point {
  x: number;
  y: number;
}
export interface Layout {
  width: number;
  height: number;
  nodes: { id: string; x: number; y: number; w: number; h: number }[];
  edges: { from: string; to: string; req: string; points: Point[]; label?: Point }[];
  /** Set when only part of the graph is drawn (large graphs): the node in focus. */
  focus?: string;
  totalNodes: number;
}

export interface ErrorInfo {
  code: string;
  message: string;
  where?: string;
  hint?: string;
}

export type SolveOutcome =
  | {
      ok: true;
      solution: Record<string, string | string[]>;
      graph: GraphData;
      layout: Layout;
      lock: { fileName: string; text: string };
      elapsedMs: number;
      steps?: number;
      /** What the page left out, e.g. a manifest's path, git and stdlib dependencies. */
      notes?: string[];
    }
  | {
      ok: false;
      /** "no-solution" for a proof of unsatisfiability; "error" for bad input, limits, network. */
      kind: "no-solution" | "error";
      error: ErrorInfo;
      /** Packages the explanation involves. */
      packages: string[];
      /** The explanation: numbered proof steps in prose, one per line. */
      explanation: string[];
      graph?: GraphData;
      layout?: Layout;
      elapsedMs: number;
    };

export type ToWorker =
  | { type: "solve"; id: number; input: SolveInput }
  | { type: "focus"; id: number; graph: GraphData; focus: string };

export type FromWorker =
  | { type: "ready" }
  | { type: "events"; id: number; events: TimelineEvent[] }
  | { type: "progress"; id: number; text: string }
  | { type: "result"; id: number; outcome: SolveOutcome }
  | { type: "layout"; id: number; layout: Layout };
