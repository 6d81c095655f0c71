// `cairn tree`: the locked graph from each root, with the requirement on each
// edge; a package seen before is printed once and marked (*).
import type { Command } from "../command.js";
import { flagString } from "../args.js";
import { context, openProject } from "../project/context.js";
import { readGraph, target } from "../project/graph.js";
import { style } from "../output.js";
import { CairnError, EXIT } from "../../bindings/errors.js";
import type { Lock, LockEdge } from "../../bindings/lock/model.js";

export const tree: Command = {
  name: "tree",
  summary: "print the dependency graph from the lock",
  usage: "cairn tree [--depth N] [--json]",
  async run(args, io) {
    const ctx = context(args, io);
    const depthFlag = flagString(args, "depth");
    const maxDepth = depthFlag === undefined ? Infinity : Number(depthFlag);
    if (!Number.isInteger(maxDepth) && maxDepth !== Infinity) throw new CairnError("E_USAGE", "--depth needs a whole number");
    const project = openProject(ctx);
    const lock = readGraph(ctx, project);
    if (ctx.json) {
      const ver = (e: LockEdge) => target(lock, e.name, e.req)?.version ?? null;
      io.out(
        `${JSON.stringify({
          roots: lock.roots.map((r) => ({ path: r.path, name: r.name, dependencies: r.dependencies.map((e) => ({ ...e, version: ver(e) })), devDependencies: r.devDependencies.map((e) => ({ ...e, version: ver(e) })) })),
          packages: lock.packages.map((p) => ({ name: p.name, version: p.version, source: p.source.kind, checksum: p.checksum, dependencies: p.dependencies.map((e) => ({ ...e, version: ver(e) })) })),
        })}\n`,
      );
      return EXIT.ok;
    }
    io.out(render(lock, maxDepth, io.color ? (s) => style.dim(io, s) : (s) => s));
    return EXIT.ok;
  },
};

export function render(lock: Lock, maxDepth: number, dim: (s: string) => string): string {
  let out = "";
  const seen = new Set<string>();
  const walk = (edges: (LockEdge & { dev?: boolean })[], prefix: string, depth: number) => {
    if (depth > maxDepth) return;
    edges.forEach((e, i) => {
      const last = i === edges.length - 1;
      const p = target(lock, e.name, e.req);
      if (!p) {
        // target-specific or optional dependencies that do not apply to this lock
        out += `${prefix}${last ? "└── " : "├── "}${e.name} ${dim(`${e.req} (not locked for this target or feature set)`)}\n`;
        return;
      }
      const key = p ? `${p.name}@${p.version}` : e.name;
      const again = seen.has(key) && (p?.dependencies.length ?? 0) > 0;
      const src = p && p.source.kind !== "registry" ? ` (${p.source.kind})` : "";
      out += `${prefix}${last ? "└── " : "├── "}${e.name} ${p?.version ?? "?"}${src} ${dim(`${e.req}${e.dev ? ", dev" : ""}`)}${again ? " (*)" : ""}\n`;
      if (again || !p) return;
      seen.add(key);
      walk(p.dependencies, prefix + (last ? "    " : "│   "), depth + 1);
    });
  };
  for (const r of lock.roots) {
    out += `${r.name}${r.path !== "." ? ` (${r.path})` : ""}\n`;
    walk([...r.dependencies, ...r.devDependencies.map((e) => ({ ...e, dev: true }))], "", 1);
  }
  if (!lock.roots.length) {
    // formats without roots: every package at the top
    walk(lock.packages.map((p) => ({ name: p.name, req: p.version })), "", 1);
  }
  return out;
}
