// Layered graph layout with dagre (runs in the worker, so the page never waits
// for it). dagre's cost grows steeply with size (about 3 s for 500 nodes and
// 40 s for 2,000 on the 2-core reference machine), so large graphs are drawn as
// the neighbourhood of one package (its dependents and dependencies), which the
// user moves by clicking; the full list is in the lock file.
import dagre from "@dagrejs/dagre";
import type { GraphData, Layout } from "./protocol.js";
import { nodeLabel } from "./labels.js";

/** Graphs up to this many nodes are laid out whole. */
export const FULL_LAYOUT_MAX_NODES = 150;
/** Edge labels (requirements) are placed by dagre only on graphs this small. */
const LABEL_MAX_EDGES = 200;
/** In focus mode, at most this many dependencies/dependents are drawn around the focus. */
const FOCUS_NEIGHBOURS = 40;

const CHAR_W = 7.3;
/** Room for the state marker (⌂ ✘ ★ and a space) that graph-view.ts puts before a label. */
const MARKER_CHARS = 2;
const NODE_H = 30;

/** The subgraph drawn around `focus`: the node, its dependents and its dependencies. */
export function neighbourhood(graph: GraphData, focus: string): GraphData {
  const keep = new Set<string>([focus]);
  const ins = graph.edges.filter((e) => e.to === focus).slice(0, FOCUS_NEIGHBOURS);
  const outs = graph.edges.filter((e) => e.from === focus).slice(0, FOCUS_NEIGHBOURS);
  for (const e of ins) keep.add(e.from);
  for (const e of outs) keep.add(e.to);
  return {
    nodes: graph.nodes.filter((n) => keep.has(n.id)),
    edges: [...ins, ...outs],
  };
}

export function layoutGraph(graph: GraphData, focus?: string): Layout {
  const total = graph.nodes.length;
  let g = graph;
  let focusId: string | undefined;
  if (total > FULL_LAYOUT_MAX_NODES) {
    focusId = focus && graph.nodes.some((n) => n.id === focus) ? focus : (graph.nodes.find((n) => n.root)?.id ?? graph.nodes[0]?.id);
    if (focusId !== undefined) g = neighbourhood(graph, focusId);
  }
  const labels = g.edges.length <= LABEL_MAX_EDGES;
  const d = new dagre.graphlib.Graph({ multigraph: false });
  d.setGraph({ rankdir: "TB", nodesep: 18, ranksep: labels ? 46 : 60, edgesep: 8, marginx: 12, marginy: 12 });
  d.setDefaultEdgeLabel(() => ({}));
  for (const n of g.nodes) d.setNode(n.id, { width: Math.max(48, (nodeLabel(n).length + MARKER_CHARS) * CHAR_W + 18), height: NODE_H });
  for (const e of g.edges) {
    if (e.from === e.to) continue; // a self-dependency has no place in a layered drawing
    // 10.5px monospace is about 6.4px a character; the margin keeps neighbouring labels apart.
    d.setEdge(e.from, e.to, labels ? { width: e.req.length * 6.6 + 16, height: 12, labelpos: "c" } : {});
  }
  dagre.layout(d);
  const gl = d.graph() as { width?: number; height?: number };
  const byKey = new Map(g.edges.map((e) => [`${e.from}\u0000${e.to}`, e]));
  return {
    width: Math.ceil(gl.width ?? 0),
    height: Math.ceil(gl.height ?? 0),
    nodes: g.nodes.map((n) => {
      const p = d.node(n.id) as { x: number; y: number; width: number; height: number };
      return { id: n.id, x: p.x, y: p.y, w: p.width, h: p.height };
    }),
    edges: d.edges().map((ed: { v: string; w: string }) => {
      const lab = d.edge(ed) as { points?: { x: number; y: number }[]; x?: number; y?: number };
      const src = byKey.get(`${ed.v}\u0000${ed.w}`);
      return {
        from: ed.v,
        to: ed.w,
        req: src?.req ?? "",
        points: (lab.points ?? []).map((p) => ({ x: p.x, y: p.y })),
        ...(labels && lab.x !== undefined && lab.y !== undefined ? { label: { x: lab.x, y: lab.y } } : {}),
      };
    }),
    ...(focusId !== undefined ? { focus: focusId } : {}),
    totalNodes: total,
  };
}
