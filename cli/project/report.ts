// How install-like commands report: a summary on stderr (it is a log, not
// data), `--json` on stdout with the same facts.
import { relative } from "node:path";
import type { Io } from "../output.js";
import { info, style } from "../output.js";
import type { SyncResult } from "../install/sync.js";
import type { Context } from "./context.js";
import type { Project } from "./project.js";

export function syncJson(project: Project, r: SyncResult, extra: Record<string, unknown> = {}) {
  return {
    ok: true,
    profile: project.profile,
    lock: relative(project.dir, r.lockPath),
    lockChanged: r.lockChanged,
    added: r.added.map((n) => ({ name: n, version: r.lock.packages.find((p) => p.name === n)?.version })),
    removed: r.removed,
    updated: r.updated,
    packages: r.lock.packages.map((p) => ({ name: p.name, version: p.version, source: p.source.kind })),
    ...(!extra.lockOnly ? { installed: r.upToDate ? 0 : r.installed.length, upToDate: Boolean(r.upToDate), layout: relative(project.dir, r.layout.root) || "." } : {}),
    ...extra,
  };
}

export function reportSync(ctx: Context, project: Project, r: SyncResult, verb: "installed" | "locked"): void {
  const io: Io = ctx.io;
  if (ctx.json) {
    io.out(`${JSON.stringify(syncJson(project, r, verb === "locked" ? { lockOnly: true } : {}))}\n`);
    return;
  }
  const v = (n: string) => r.lock.packages.find((p) => p.name === n)?.version ?? "";
  for (const n of r.added) info(io, `  ${style.green(io, "+")} ${n} ${v(n)}`);
  for (const u of r.updated) info(io, `  ${style.yellow(io, "~")} ${u.name} ${u.from} -> ${u.to}`);
  for (const n of r.removed) info(io, `  ${style.red(io, "-")} ${n}`);
  const lockName = relative(project.dir, r.lockPath);
  const n = r.lock.packages.length;
  const what = `${n} package${n === 1 ? "" : "s"}`;
  if (verb === "locked") info(io, `${style.bold(io, r.lockChanged ? "Locked" : "Lock unchanged:")} ${what} in ${lockName}`);
  else {
    const where = relative(ctx.cwd, r.layout.root) || ".";
    if (r.upToDate) return info(io, `${style.bold(io, "Up to date:")} ${what} in ${where}`);
    info(io, `${style.bold(io, "Installed")} ${what} into ${where}${r.lockChanged ? ` (${lockName} updated)` : ""}`);
  }
}
