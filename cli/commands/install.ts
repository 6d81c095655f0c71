// `cairn install` (= sync): resolve if the lock is stale, fetch, verify,
// install into the profile's layout. `--frozen` installs the lock as it is
// with no network; `--locked` fails instead of changing the lock.
import type { Command } from "../command.js";
import { context, openProject, openRegistry, syncOptions } from "../project/context.js";
import { reportSync } from "../project/report.js";
import { sync } from "../install/sync.js";
import { EXIT } from "../../bindings/errors.js";

export const install: Command = {
  name: "install",
  summary: "resolve if needed, fetch, verify and install the dependencies (sync)",
  usage: "cairn install [--offline] [--locked] [--frozen] [--registry URL] [--target T] [--features a,b] [--json]",
  async run(args, io) {
    const ctx = context(args, io);
    const project = openProject(ctx);
    const r = await sync(project, openRegistry(ctx, project), syncOptions(ctx));
    reportSync(ctx, project, r, "installed");
    return EXIT.ok;
  },
};
