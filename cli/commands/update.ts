// `cairn update [pkg…]`: re-resolve the named packages (all without names)
// while every other locked version stays preferred: the smallest change.
// `--precise V` pins the one named package to V.
import type { Command } from "../command.js";
import { flagString } from "../args.js";
import { context, openProject, openRegistry, syncOptions } from "../project/context.js";
import { reportSync } from "../project/report.js";
import { loadLock, sync } from "../install/sync.js";
import { CairnError, EXIT } from "../../bindings/errors.js";

export const update: Command = {
  name: "update",
  summary: "update locked versions (all, or the named packages) and install",
  usage: "cairn update [pkg…] [--precise VERSION] [--json]",
  async run(args, io) {
    const ctx = context(args, io);
    const precise = flagString(args, "precise");
    if (precise !== undefined && args.positionals.length !== 1) throw new CairnError("E_USAGE", "--precise needs exactly one package name");
    const project = openProject(ctx);
    const registry = openRegistry(ctx, project);
    const old = loadLock(project, registry.url).lock;
    for (const n of args.positionals) {
      if (old && !old.packages.some((p) => p.name === n)) throw new CairnError("E_UNKNOWN_PACKAGE", `${n} is not in the lock`, { hint: "`cairn tree` lists the locked packages" });
    }
    const r = await sync(project, registry, syncOptions(ctx, { update: args.positionals.length ? args.positionals : "all", ...(precise ? { precise } : {}) }));
    reportSync(ctx, project, r, "installed");
    return EXIT.ok;
  },
};
