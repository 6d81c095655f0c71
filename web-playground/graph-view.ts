// Draws a laid-out graph as SVG. Node states are shown by border style, weight
// and a text marker as well as colour: ⌂ root, ✘ named by a failure, ★ the
// package being pointed at (explanation link, timeline event).
import type { GraphData, Layout } from "./protocol.js";
import { nodeLabel } from "./labels.js";
import { el, svg } from "./dom.js";

export interface GraphViewState {
  selected?: string;
  highlighted: Set<string>;
  /** Edges on the "why" paths of the selected node, as "from\0to". */
  pathEdges: Set<string>;
}

export function renderGraph(
  container: HTMLElement,
  graph: GraphData,
  layout: Layout,
  state: GraphViewState,
  onSelect: (id: string) => void,
): void {
  container.replaceChildren();
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  if (layout.focus !== undefined) {
    const f = byId.get(layout.focus);
    container.append(
      el("p", { class: "graph-note" },
        `${layout.totalNodes} packages: too many to draw at once, so this shows the neighbourhood of `,
        el("strong", {}, f ? nodeLabel(f) : layout.focus),
        " (its dependents above, its dependencies below). Click a package to move there; the lock file lists all of them."),
    );
  }
  const root = svg("svg", { width: layout.width, height: layout.height, viewBox: `0 0 ${layout.width} ${layout.height}`, role: "img", "aria-label": "dependency graph" });
  root.append(
    svg("defs", {},
      svg("marker", { id: "arrow", viewBox: "0 0 10 10", refX: 9, refY: 5, markerWidth: 8, markerHeight: 8, markerUnits: "userSpaceOnUse", orient: "auto-start-reverse" },
        svg("path", { d: "M0,0 L10,5 L0,10 z", fill: "currentColor" }))),
  );
  const edges = svg("g", { class: "edges" });
  for (const e of layout.edges) {
    const onPath = state.pathEdges.has(`${e.from}\u0000${e.to}`);
    const d = e.points.map((p, i) => `${i === 0 ? "M" : "L"}${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(" ");
    const g = svg("g", { class: `edge${onPath ? " onpath" : ""}`, "data-from": e.from, "data-to": e.to });
    g.append(svg("path", { d, "marker-end": "url(#arrow)" }));
    if (e.label && e.req) g.append(svg("text", { x: e.label.x, y: e.label.y + 4, "text-anchor": "middle" }, e.req));
    g.append(svg("title", {}, `${e.from} requires ${e.to} ${e.req}`));
    edges.append(g);
  }
  root.append(edges);
  const nodes = svg("g", { class: "nodes" });
  for (const p of layout.nodes) {
    const n = byId.get(p.id);
    if (!n) continue;
    const cls = ["node"];
    let marker = "";
    if (n.root) { cls.push("root"); marker = "⌂ "; }
    if (n.involved) { cls.push("involved"); marker = "✘ "; }
    if (state.highlighted.has(n.id)) { cls.push("highlight"); marker = "★ "; }
    if (state.selected === n.id) cls.push("selected");
    const g = svg("g", {
      class: cls.join(" "),
      transform: `translate(${(p.x - p.w / 2).toFixed(1)},${(p.y - p.h / 2).toFixed(1)})`,
      tabindex: 0,
      role: "button",
      "data-id": n.id,
      "data-name": n.name,
      "aria-label": `${nodeLabel(n)}${n.root ? " (root)" : ""}${n.involved ? " (named by the failure)" : ""}${state.highlighted.has(n.id) ? " (highlighted)" : ""}`,
    });
    g.append(svg("rect", { width: p.w, height: p.h, rx: 5 }));
    g.append(svg("text", { x: p.w / 2, y: p.h / 2 + 4, "text-anchor": "middle" }, marker + nodeLabel(n)));
    g.addEventListener("click", () => onSelect(n.id));
    g.addEventListener("keydown", (ev) => {
      if ((ev as KeyboardEvent).key === "Enter" || (ev as KeyboardEvent).key === " ") { ev.preventDefault(); onSelect(n.id); }
    });
    nodes.append(g);
  }
  root.append(nodes);
  container.append(root);
}

/** Scrolls the graph so that node `id` is visible (if it is drawn). */
export function revealNode(container: HTMLElement, id: string): void {
  const g = container.querySelector(`g.node[data-id="${CSS.escape(id)}"]`);
  (g as SVGGElement | null)?.scrollIntoView?.({ block: "center", inline: "center", behavior: "smooth" });
}
