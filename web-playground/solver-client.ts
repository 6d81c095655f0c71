// The page's handle on the solver worker. Cancelling terminates the worker
// outright and starts a fresh one: a solve inside Wasm cannot be interrupted
// from outside, and a new worker costs a few milliseconds (the module is
// compiled again from the bytes in worker.js).
import type { FromWorker, GraphData, Layout, SolveInput, SolveOutcome, TimelineEvent } from "./protocol.js";

export class Cancelled extends Error {
  constructor() {
    super("cancelled");
  }
}

interface Pending {
  id: number;
  resolve: (v: never) => void;
  reject: (e: unknown) => void;
}

export class SolverClient {
  private worker!: Worker;
  private nextId = 1;
  private pending = new Map<number, Pending>();
  private solveId = 0;

  constructor(
    private readonly onEvents: (events: TimelineEvent[]) => void,
    private readonly onProgress: (text: string) => void,
  ) {
    this.spawn();
  }

  private spawn(): void {
    this.worker = new Worker(new URL("worker.js", import.meta.url), { type: "module", name: "cairn-solver" });
    this.worker.onmessage = (e: MessageEvent<FromWorker>) => this.receive(e.data);
    this.worker.onerror = (e) => {
      // An uncaught failure (out of memory, a script that failed to load): answer
      // what was pending and start over with a fresh worker.
      const err = new Error(`the solver worker failed: ${e.message || "unknown error"}`);
      for (const p of this.pending.values()) p.reject(err);
      this.pending.clear();
      this.worker.terminate();
      this.spawn();
    };
  }

  private receive(m: FromWorker): void {
    if (m.type === "ready") return;
    if (m.type === "events") {
      if (m.id === this.solveId) this.onEvents(m.events);
      return;
    }
    if (m.type === "progress") {
      if (m.id === this.solveId) this.onProgress(m.text);
      return;
    }
    const p = this.pending.get(m.id);
    if (!p) return;
    this.pending.delete(m.id);
    (p.resolve as (v: unknown) => void)(m.type === "result" ? m.outcome : m.layout);
  }

  private call<T>(msg: Record<string, unknown>): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { id, resolve: resolve as (v: never) => void, reject });
      this.worker.postMessage({ ...msg, id });
    });
  }

  get busy(): boolean {
    return this.pending.size > 0;
  }

  solve(input: SolveInput): Promise<SolveOutcome> {
    if (this.busy) this.cancel();
    const p = this.call<SolveOutcome>({ type: "solve", input });
    this.solveId = this.nextId - 1;
    return p;
  }

  /** Lays out the neighbourhood of `focus` (large graphs). */
  focus(graph: GraphData, focus: string): Promise<Layout> {
    return this.call<Layout>({ type: "focus", graph, focus });
  }

  /** Stops whatever the worker is doing; pending calls reject with Cancelled. */
  cancel(): void {
    this.worker.terminate();
    for (const p of this.pending.values()) p.reject(new Cancelled());
    this.pending.clear();
    this.solveId = 0;
    this.spawn();
  }
}
