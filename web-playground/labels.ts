// How a package is named on screen (graph nodes, the "why" panel).
export function nodeLabel(n: { name: string; version?: string }): string {
  return n.version ? `${n.name} ${n.version}` : n.name;
}
