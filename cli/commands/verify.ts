// `cairn verify`: re-hash every installed package against what was installed
// from the lock and name each file that was added, removed or changed.
import { join, relative } from "node:path";
import type { Command } from "../command.js";
import { context, openProject } from "../project/context.js";
import { loadLock } from "../install/sync.js";
import { layoutFor } from "../install/layout.js";
import { verifyInstall } from "../install/verify.js";
import { info, style } from "../output.js";
import { CairnError, EXIT } from "../../bindings/errors.js";

export const verify: Command = {
  name: "verify",
  summary: "re-hash the installed packages and name any file that differs",
  usage: "cairn verify [--json]",
  async run(args, io) {
    const ctx = context(args, io);
    const project = openProject(ctx);
    const layout = layoutFor(project.profile, project.dir, io.env);
    const loaded = loadLock(project, ctx.registryUrl ?? "");
    if (!loaded.lock) throw new CairnError("E_LOCK_OUTDATED", `there is no ${loaded.format.fileName}`, { hint: "run `cairn install`" });
    const { problems, checked } = verifyInstall(layout, loaded.lock);
    const rel = (dir: string, f?: string) => relative(ctx.cwd, join(layout.root, dir, f ?? "")) || ".";
    if (ctx.json) {
      io.out(`${JSON.stringify({ ok: problems.length === 0, checked, problems: problems.map((p) => ({ ...p, dir: rel(p.dir) })) })}\n`);
      return problems.length ? EXIT.integrity : EXIT.ok;
    }
    if (!problems.length) {
      info(io, `ok: ${checked} installed package${checked === 1 ? " matches" : "s match"} ${loaded.format.fileName}`);
      return EXIT.ok;
    }
    for (const p of problems) {
      io.out(`${style.red(io, p.kind)}: ${p.name} ${p.version} (${rel(p.dir)})\n`);
      for (const f of p.changed) io.out(`  changed  ${rel(p.dir, f)}\n`);
      for (const f of p.added) io.out(`  added    ${rel(p.dir, f)}\n`);
      for (const f of p.removed) io.out(`  removed  ${rel(p.dir, f)}\n`);
    }
    const n = problems.length;
    throw new CairnError(problems.every((p) => p.kind === "not-installed" || p.kind === "not-locked") ? "E_NOT_INSTALLED" : "E_TREE_MISMATCH", `${n} package${n === 1 ? " differs" : "s differ"} from ${loaded.format.fileName}`);
  },
};
