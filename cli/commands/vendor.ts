// `cairn vendor [DIR]`: copy every locked package the project fetches into it
// — registry archives and git trees into DIR (default `vendor/`); in a Zirric
// project, git trees into `<project>/<name>/` where Zirric looks first — each
// verified against the lock; `cairn install --offline` then installs from
// there with no network and no cache (docs/MIRRORS.md#vendoring). Path
// dependencies are the project's own sources and are used in place.
import { relative, resolve } from "node:path";
import type { Command } from "../command.js";
import { flagBool } from "../args.js";
import { info } from "../output.js";
import { CairnError, EXIT } from "../../bindings/errors.js";
import { context, openProject, openRegistry } from "../project/context.js";
import { installedGraph, loadLock } from "../install/sync.js";
import { layoutFor } from "../install/layout.js";
import { Cache } from "../cache/cache.js";
import { DEFAULT_VENDOR_DIR, readVendored } from "../vendor/vendor-dir.js";
import { writeVendor } from "../vendor/write-vendor.js";
import { lockedGitTree, type GitLocked, type VendoredGitPlace } from "../vendor/vendored-git.js";
import { gitAliases, vendorZirric } from "../vendor/zirric.js";
import { directDeps } from "../project/requirements.js";

export const vendor: Command = {
  name: "vendor",
  summary: "copy every locked package into the project (vendor/) for offline installs",
  usage: "cairn vendor [DIR] [--registry URL] [--offline] [--json]\n\n" +
    "DIR defaults to `vendor` in the project root; it becomes a small registry holding exactly the\n" +
    "locked versions, each archive checked against the lock, plus the tree of each locked git commit\n" +
    "(git/<key>/<commit>/, checked against its tree1). `cairn install --offline` uses it.\n" +
    "Zirric projects: each locked git package is copied to `<project>/<name>/`, where Zirric\n" +
    "looks first, and installs take it from there.",
  async run(args, io) {
    const ctx = context(args, io);
    const project = openProject(ctx);
    const access = openRegistry(ctx, project);
    const loaded = loadLock(project, access.url);
    const graph = (loaded.format.recordsGraph ? loaded.lock : installedGraph(layoutFor(project.profile, project.dir, io.env))) ?? loaded.lock;
    if (!graph) throw new CairnError("E_NOT_INSTALLED", `there is no ${loaded.format.fileName} to vendor from`, { hint: "run `cairn install` (or `cairn lock`) first" });
    const offline = ctx.offline;
    const gitTree = (p: GitLocked, previous: VendoredGitPlace) => lockedGitTree(p, { cacheRoot: access.cacheRoot, offline, previous });
    if (project.profile === "zirric") {
      // Zirric has no registry: its vendored packages are git trees in `<project>/<name>/` (cli/vendor/zirric.ts).
      const done = vendorZirric(project.dir, graph.packages, gitAliases(directDeps(project)), gitTree);
      if (flagBool(args, "json")) io.out(`${JSON.stringify({ ok: true, dir: project.dir, packages: done })}\n`);
      else info(io, `vendored ${done.length} package${done.length === 1 ? "" : "s"} into ${relative(io.cwd, project.dir) || "."}`);
      return EXIT.ok;
    }
    const dir = resolve(project.dir, args.positionals[0] ?? DEFAULT_VENDOR_DIR);
    const cache = new Cache(access.cacheRoot);
    const result = await writeVendor(dir, graph.packages, {
      async archive(p) {
        const have = cache.readArchive(p.checksum) ?? previouslyVendored(dir, p.name, p.version, p.checksum);
        if (have) return have;
        if (!access.client || offline) {
          throw new CairnError("E_OFFLINE_MISSING", `the archive of ${p.name} ${p.version} is neither in the cache nor vendored`, { hint: "run `cairn vendor` without --offline (with --registry URL)" });
        }
        return (await access.client.downloadArchive(p.name, p.version, { checksum: p.checksum })).bytes;
      },
      metadata: async (name) => {
        try {
          return await access.client?.getPackage(name);
        } catch {
          return undefined; // the lock's edges are enough to install; the registry record only adds detail
        }
      },
      gitTree,
    });
    if (flagBool(args, "json")) io.out(`${JSON.stringify({ ok: true, ...result })}\n`);
    else info(io, `vendored ${result.packages.length} package${result.packages.length === 1 ? "" : "s"} into ${relative(io.cwd, dir) || "."}`);
    return EXIT.ok;
  },
};

/** An archive of the vendor directory being replaced; a damaged one is simply fetched again. */
function previouslyVendored(dir: string, name: string, version: string, checksum: string): Uint8Array | undefined {
  try {
    return readVendored(dir, name, version, checksum);
  } catch {
    return undefined;
  }
}
