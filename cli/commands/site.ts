// `cairn site DIR`: write the registry's HTML pages (index.html,
// packages/<name>.html) into a registry directory, so a static host shows
// what `cairn serve` shows (cli/registry/web/static-export.ts, docs/DEPLOY.md).
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Command } from "../command.js";
import { flagBool } from "../args.js";
import { info } from "../output.js";
import { CairnError, EXIT } from "../../bindings/errors.js";
import { exportSite } from "../registry/web/static-export.js";

export const site: Command = {
  name: "site",
  summary: "write a registry directory's web pages as static HTML files",
  usage: "cairn site DIR [--json]\n\nWrites DIR/index.html and DIR/packages/<name>.html (download counts as recorded by `cairn serve`).",
  async run(args, io) {
    const dirArg = args.positionals[0];
    if (!dirArg || args.positionals.length > 1) throw new CairnError("E_USAGE", "which registry directory? `cairn site DIR`");
    const dir = resolve(io.cwd, dirArg);
    if (!existsSync(join(dir, "config.json")) && !existsSync(join(dir, "search.json"))) {
      throw new CairnError("E_USAGE", `\`${dir}\` is not a registry directory (no config.json or search.json)`, { hint: "point it at a directory written by `cairn serve`, `cairn publish` or `cairn mirror`" });
    }
    const written = await exportSite(dir);
    if (flagBool(args, "json")) io.out(`${JSON.stringify({ ok: true, dir, written })}\n`);
    else info(io, `wrote ${written.length} pages into ${dir}`);
    return EXIT.ok;
  },
};
