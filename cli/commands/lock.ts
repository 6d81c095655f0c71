// `cairn lock`: resolve (keeping locked versions where they still fit) and
// write the lock file; install nothing.
import type { Command } from "../command.js";
import { context, openProject, openRegistry, syncOptions } from "../project/context.js";
import { reportSync } from "../project/report.js";
import { sync } from "../install/sync.js";
import { EXIT } from "../../bindings/errors.js";

export const lock: Command = {
  name: "lock",
  summary: "resolve and write the lock file without installing",
  usage: "cairn lock [--offline] [--locked] [--registry URL] [--json]",
  async run(args, io) {
    const ctx = context(args, io);
    const project = openProject(ctx);
    const r = await sync(project, openRegistry(ctx, project), syncOptions(ctx, { lockOnly: true }));
    reportSync(ctx, project, r, "locked");
    return EXIT.ok;
  },
};
