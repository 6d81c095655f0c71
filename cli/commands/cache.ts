// `cairn cache list|clean|verify`: inspect, empty or re-check the global cache.
import type { Command } from "../command.js";
import { flagBool } from "../args.js";
import { info, warn } from "../output.js";
import { CairnError, EXIT } from "../../bindings/errors.js";
import { Cache, defaultCacheDir } from "../cache/cache.js";

export const cache: Command = {
  name: "cache",
  summary: "list, clean or verify the global cache",
  usage: "cairn cache list [--json]\ncairn cache clean [--metadata] [--archives] [--trees]\ncairn cache verify [--json]\ncairn cache dir",
  async run(args, io) {
    const sub = args.positionals[0];
    const c = new Cache(defaultCacheDir(io.env));
    const json = flagBool(args, "json");
    switch (sub) {
      case "dir":
        io.out(`${c.root}\n`);
        return EXIT.ok;
      case "list": {
        const entries = c.list();
        if (json) io.out(`${JSON.stringify(entries)}\n`);
        else for (const e of entries) io.out(`${e.kind.padEnd(8)} ${e.name}${e.version ? ` ${e.version}` : ""}  ${e.checksum ?? e.registry ?? ""}  ${e.bytes} B\n`);
        return EXIT.ok;
      }
      case "clean": {
        await c.clean(
          { metadata: flagBool(args, "metadata"), archives: flagBool(args, "archives"), trees: flagBool(args, "trees") },
          { timeoutMs: 60_000, onWait: (pid) => warn(io, "W_CACHE_LOCK", `waiting for the cache lock${pid ? ` held by process ${pid}` : ""}`) },
        );
        info(io, `cleaned ${c.root}`);
        return EXIT.ok;
      }
      case "verify": {
        const problems = c.verify();
        if (json) io.out(`${JSON.stringify({ ok: problems.length === 0, problems })}\n`);
        else for (const p of problems) io.out(`corrupt: ${p.path}: ${p.message}\n`);
        if (problems.length > 0) {
          throw new CairnError("E_CACHE_CORRUPT", `${problems.length} cache entr${problems.length === 1 ? "y is" : "ies are"} damaged`);
        }
        info(io, `cache verified: ${c.list().filter((e) => e.kind !== "metadata").length} entries intact`);
        return EXIT.ok;
      }
      default:
        throw new CairnError("E_USAGE", sub ? `unknown cache command \`${sub}\`` : "expected list, clean, verify or dir", { hint: "cairn cache list|clean|verify|dir" });
    }
  },
};
