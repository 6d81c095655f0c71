// `cairn yank NAME@VERSION` / `cairn unyank NAME@VERSION`: mark a version so
// new resolutions skip it (lock files that name it keep working), or undo that.
import type { Command } from "../command.js";
import { info } from "../output.js";
import { EXIT } from "../../bindings/errors.js";
import { clientFromArgs, nameAndVersion } from "../registry/cli-client.js";
import { checkName, checkVersion } from "../registry/names.js";

function yankCommand(yanked: boolean): Command {
  const verb = yanked ? "yank" : "unyank";
  return {
    name: verb,
    summary: yanked ? "yank a published version (new resolutions skip it; locked ones keep it)" : "undo a yank",
    usage: `cairn ${verb} NAME@VERSION --registry URL`,
    async run(args, io) {
      const { name, version } = nameAndVersion(args);
      checkName(name);
      checkVersion(version);
      await clientFromArgs(args, io, { withToken: true }).setYanked(name, version, yanked);
      info(io, `${yanked ? "yanked" : "unyanked"} ${name} ${version}`);
      return EXIT.ok;
    },
  };
}

export const yank = yankCommand(true);
export const unyank = yankCommand(false);
