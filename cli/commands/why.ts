// `cairn why PKG`: every path from a root to the package, with the
// requirement on each edge (what made it part of the graph).
import type { Command } from "../command.js";
import { context, openProject } from "../project/context.js";
import { readGraph, target } from "../project/graph.js";
import { style } from "../output.js";
import { CairnError, EXIT } from "../../bindings/errors.js";
import type { Lock } from "../../bindings/lock/model.js";

export interface Step {
  name: string;
  version: string;
  req: string;
  dev?: boolean;
}

export function pathsTo(lock: Lock, pkg: string, limit = 1000): { root: string; steps: Step[] }[] {
  const out: { root: string; steps: Step[] }[] = [];
  const walk = (root: string, name: string, steps: Step[], onPath: Set<string>) => {
    if (out.length >= limit) return;
    if (name === pkg) {
      out.push({ root, steps });
      return;
    }
    const p = steps.length ? target(lock, steps[steps.length - 1]!.name, steps[steps.length - 1]!.req) : undefined;
    for (const e of p?.dependencies ?? []) {
      const t = target(lock, e.name, e.req);
      if (!t || onPath.has(e.name)) continue; // cycles: each path visits a package once
      walk(root, e.name, [...steps, { name: e.name, version: t.version, req: e.req }], new Set([...onPath, e.name]));
    }
  };
  for (const r of lock.roots) {
    for (const [e, dev] of [...r.dependencies.map((x) => [x, false] as const), ...r.devDependencies.map((x) => [x, true] as const)]) {
      const t = target(lock, e.name, e.req);
      if (!t) continue;
      walk(r.name, e.name, [{ name: e.name, version: t.version, req: e.req, ...(dev ? { dev } : {}) }], new Set([e.name]));
    }
  }
  return out;
}

export const why: Command = {
  name: "why",
  summary: "show every path from the project to a package",
  usage: "cairn why <pkg> [--json]",
  async run(args, io) {
    const ctx = context(args, io);
    const pkg = args.positionals[0];
    if (!pkg) throw new CairnError("E_USAGE", "name the package to explain", { hint: "cairn why fmt" });
    const project = openProject(ctx);
    const lock = readGraph(ctx, project);
    const locked = lock.packages.filter((p) => p.name === pkg);
    if (!locked.length) throw new CairnError("E_UNKNOWN_PACKAGE", `${pkg} is not in the dependency graph`, { hint: "`cairn tree` shows the graph" });
    const paths = pathsTo(lock, pkg);
    if (ctx.json) {
      io.out(`${JSON.stringify({ package: pkg, versions: locked.map((p) => p.version), paths: paths.map((p) => ({ root: p.root, edges: p.steps })) })}\n`);
      return EXIT.ok;
    }
    io.out(`${pkg} ${locked.map((p) => p.version).join(", ")} is required by ${paths.length} path${paths.length === 1 ? "" : "s"}:\n`);
    for (const p of paths) {
      io.out(`  ${p.root}${p.steps.map((s) => ` --(${s.req}${s.dev ? ", dev" : ""})--> ${style.bold(io, s.name)} ${s.version}`).join("")}\n`);
    }
    return EXIT.ok;
  },
};
