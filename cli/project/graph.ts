// The resolved graph for read-only commands (tree, why, paths, outdated): the
// lock when its format records edges (cairn.lock, mzp.lock), else the graph
// the last install recorded next to the installed packages.
import semver from "semver";
import { CairnError } from "../../bindings/errors.js";
import type { Lock, LockedPackage } from "../../bindings/lock/model.js";
import { installedGraph, loadLock } from "../install/sync.js";
import { layoutFor } from "../install/layout.js";
import type { Context } from "./context.js";
import type { Project } from "./project.js";

export function readGraph(ctx: Context, project: Project): Lock {
  const loaded = loadLock(project, ctx.registryUrl ?? "");
  if (!loaded.lock) throw new CairnError("E_LOCK_OUTDATED", `there is no ${loaded.format.fileName} yet`, { hint: "run `cairn install` (or `cairn lock`)" });
  if (loaded.format.recordsGraph) return loaded.lock;
  const g = installedGraph(layoutFor(project.profile, project.dir, ctx.io.env));
  if (!g) throw new CairnError("E_NOT_INSTALLED", `${loaded.format.fileName} records no dependency graph, and nothing is installed`, { hint: "run `cairn install`" });
  return g;
}

/** The locked package an edge leads to (the one satisfying the requirement when several versions are locked). */
export function target(lock: Lock, name: string, req: string): LockedPackage | undefined {
  const all = lock.packages.filter((p) => p.name === name);
  if (all.length <= 1) return all[0];
  const r = req.split(" ")[0]!;
  return all.find((p) => semver.validRange(r) && semver.satisfies(p.version, r, { includePrerelease: true })) ?? all[0];
}
