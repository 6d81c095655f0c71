// `cairn mirror SOURCE DEST`: copy a registry (URL or directory) into DEST, or
// update an earlier copy incrementally (cli/mirror/mirror.ts, docs/MIRRORS.md).
import { mkdirSync } from "node:fs";
import { resolve } from "node:path";
import type { Command } from "../command.js";
import { flagBool } from "../args.js";
import { debug, info, warn } from "../output.js";
import { CairnError, EXIT } from "../../bindings/errors.js";
import { openSource } from "../mirror/source.js";
import { mirrorRegistry } from "../mirror/mirror.js";
import { exportSite } from "../registry/web/static-export.js";
import { warnRetry } from "../registry/cli-client.js";

export const mirror: Command = {
  name: "mirror",
  summary: "copy or update a registry into a directory (incremental, verified, resumable)",
  usage: "cairn mirror SOURCE DEST [--verify] [--html] [--json]\n\n" +
    "SOURCE is an http(s):// registry, a file:// URL or a directory; DEST a directory, which\n" +
    "becomes a registry any static host (or `cairn serve`) can serve. Every archive is checked\n" +
    "against its sha256 before it is written; a rerun transfers only what changed, and an\n" +
    "interrupted run picks up where it stopped. --verify re-hashes archives already in DEST;\n" +
    "--html also writes the web pages (index.html, packages/<name>.html) into DEST.",
  async run(args, io) {
    const [src, dst] = args.positionals;
    if (!src || !dst || args.positionals.length > 2) throw new CairnError("E_USAGE", "expected `cairn mirror SOURCE DEST`");
    const dest = resolve(io.cwd, dst);
    const source = openSource(src, io.cwd, {
      onRetry: (r) => warnRetry(io, r),
    });
    mkdirSync(dest, { recursive: true });
    const stats = await mirrorRegistry({
      source,
      dest,
      verifyAll: flagBool(args, "verify"),
      onEvent: (e) => {
        if (e.type === "skipped-remote") warn(io, "W_REMOTE_ARCHIVE", `${e.name} ${e.version} is hosted at ${e.url}; its archive is not copied`);
        else if (e.type === "archive") debug(io, `copied ${e.name} ${e.version} (${e.bytes} bytes)`);
      },
    });
    // --html: the web pages as static files next to the copied index (docs/DEPLOY.md).
    if (flagBool(args, "html")) await exportSite(dest);
    if (flagBool(args, "json")) {
      const { transferred, ...rest } = stats;
      io.out(`${JSON.stringify({ ok: true, source: source.shown, dest, ...rest, transferred: transferred.sort() })}\n`);
    } else {
      info(io, `${stats.packages} packages: ${stats.changedPackages} changed, ${stats.archivesFetched} archives copied, ${stats.archivesPresent} already present (${stats.bytes} bytes transferred)`);
      io.out(`${dest}\n`);
    }
    return EXIT.ok;
  },
};
