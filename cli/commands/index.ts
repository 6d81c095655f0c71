// The command table: one file per command under cli/commands/.
import type { Command } from "../command.js";
import { serve } from "./serve.js";
import { pack } from "./pack.js";
import { publish } from "./publish.js";
import { login } from "./login.js";
import { yank } from "./yank.js";
import { unyank } from "./unyank.js";
import { search } from "./search.js";
import { info } from "./info.js";
import { cache } from "./cache.js";
import { init } from "./init.js";
import { add } from "./add.js";
import { remove } from "./remove.js";
import { install } from "./install.js";
import { update } from "./update.js";
import { lock } from "./lock.js";
import { check } from "./check.js";
import { verify } from "./verify.js";
import { tree } from "./tree.js";
import { why } from "./why.js";
import { outdated } from "./outdated.js";
import { paths } from "./paths.js";
import { manifestCommand } from "./manifest.js";
import { solveCommand } from "./solve.js";
import { mirror } from "./mirror.js";
import { site } from "./site.js";
import { vendor } from "./vendor.js";

export const commands: Command[] = [
  serve, pack, publish, login, yank, unyank, search, info, cache,
  init, add, remove, install, update, lock, check, verify, tree, why, outdated, paths,
  manifestCommand,
  solveCommand,
  mirror,
  site,
  vendor,
];

export function findCommand(name: string): Command | undefined {
  return commands.find((c) => c.name === name);
}
