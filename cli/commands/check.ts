// `cairn check` (for CI): the manifest, the lock and the installed packages
// agree. Reads only local files: no network, nothing written (except
// finishing an install a crash interrupted after its commit point).
import { relative } from "node:path";
import type { Command } from "../command.js";
import { context, openProject } from "../project/context.js";
import { directDeps } from "../project/requirements.js";
import { installedGraph, lockDigest, lockIsCurrent, loadLock } from "../install/sync.js";
import { layoutFor } from "../install/layout.js";
import { recover } from "../install/transaction.js";
import { readState, verifyInstall } from "../install/verify.js";
import { info } from "../output.js";
import { CairnError, EXIT } from "../../bindings/errors.js";

export const check: Command = {
  name: "check",
  summary: "check that the manifest, the lock and the installed packages agree",
  usage: "cairn check [--json]",
  async run(args, io) {
    const ctx = context(args, io);
    const project = openProject(ctx);
    const layout = layoutFor(project.profile, project.dir, io.env);
    recover(project.dir, layout.shared ? [] : [layout.root]);
    const loaded = loadLock(project, ctx.registryUrl ?? "");
    const lockName = loaded.format.fileName;
    if (!loaded.lock || loaded.text === undefined) throw new CairnError("E_LOCK_OUTDATED", `there is no ${lockName}`, { location: { file: lockName }, hint: "run `cairn lock`" });
    const stale = lockIsCurrent(project, directDeps(project), loaded.lock, loaded.format, installedGraph(layout), { target: ctx.target, features: ctx.features });
    if (stale) throw new CairnError("E_LOCK_OUTDATED", `out of date: ${stale}`, { location: { file: lockName }, hint: "run `cairn lock` (or `cairn install`) and commit the result" });
    const state = readState(layout);
    if (!state) throw new CairnError("E_NOT_INSTALLED", "nothing is installed yet", { hint: "run `cairn install`" });
    if (state.lock !== lockDigest(loaded.text)) throw new CairnError("E_NOT_INSTALLED", `the installed packages were installed from a different ${lockName}`, { hint: "run `cairn install`" });
    const { problems } = verifyInstall(layout, loaded.lock);
    if (problems.length) {
      const names = problems.map((p) => `${p.name} ${p.version} (${p.kind})`).join(", ");
      throw new CairnError(problems.some((p) => p.kind === "modified" || p.kind === "missing") ? "E_TREE_MISMATCH" : "E_NOT_INSTALLED", `installed packages differ from ${lockName}: ${names}`, { hint: "`cairn verify` names the files; `cairn install` restores them" });
    }
    const where = relative(ctx.cwd, layout.root) || ".";
    if (ctx.json) io.out(`${JSON.stringify({ ok: true, lock: lockName, layout: where, packages: loaded.lock.packages.length })}\n`);
    else info(io, `ok: the manifest, ${lockName} and ${where} agree (${loaded.lock.packages.length} package${loaded.lock.packages.length === 1 ? "" : "s"})`);
    return EXIT.ok;
  },
};
