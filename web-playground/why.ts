// "Why is this package here?": the paths from the root to a node, each edge
// carrying the requirement that pulled the next package in (like `cargo tree
// -i` / `pnpm why`). Shortest paths first, a bounded number of them.
import type { GraphData, GraphEdge } from "./protocol.js";

export function pathsFromRoot(graph: GraphData, target: string, max = 8): GraphEdge[][] {
  const root = graph.nodes.find((n) => n.root)?.id;
  if (root === undefined) return [];
  if (target === root) return [[]];
  const incoming = new Map<string, GraphEdge[]>();
  for (const e of graph.edges) {
    if (e.from === e.to) continue;
    const list = incoming.get(e.to);
    if (list) list.push(e);
    else incoming.set(e.to, [e]);
  }
  // Breadth-first backwards from the target: partial paths grow towards the
  // root, so the first complete ones found are the shortest. Simple paths only.
  const found: GraphEdge[][] = [];
  let frontier: { at: string; path: GraphEdge[]; seen: Set<string> }[] = [{ at: target, path: [], seen: new Set([target]) }];
  let budget = 20_000; // bounds the work on dense graphs
  while (frontier.length > 0 && found.length < max && budget > 0) {
    const next: typeof frontier = [];
    for (const f of frontier) {
      for (const e of incoming.get(f.at) ?? []) {
        if (--budget <= 0 || found.length >= max) break;
        if (f.seen.has(e.from)) continue;
        const path = [e, ...f.path];
        if (e.from === root) found.push(path);
        else next.push({ at: e.from, path, seen: new Set([...f.seen, e.from]) });
      }
    }
    frontier = next;
  }
  return found;
}

/** Direct dependents of a node, with the requirement each one states. */
export function dependents(graph: GraphData, target: string): GraphEdge[] {
  return graph.edges.filter((e) => e.to === target && e.from !== target);
}
