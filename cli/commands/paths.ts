// `cairn paths`: what a compiler reads — import name → package, version,
// installed root and entry file, for every installed package and for the
// bundled stdlib modules the manifest names (root null: the toolchain has them).
import { join, resolve } from "node:path";
import type { Command } from "../command.js";
import { context, openProject } from "../project/context.js";
import { directDeps } from "../project/requirements.js";
import { layoutFor } from "../install/layout.js";
import { readState } from "../install/verify.js";
import { CairnError, EXIT } from "../../bindings/errors.js";
import { gitAliases, zirricVendoredRoot } from "../vendor/zirric.js";

export interface PathEntry {
  package: string;
  version: string | null;
  source: string;
  root: string | null;
  entry: string | null;
}

export const paths: Command = {
  name: "paths",
  summary: "print import name → installed root and entry file (--json for compilers)",
  usage: "cairn paths [--json]",
  async run(args, io) {
    const ctx = context(args, io);
    const project = openProject(ctx);
    const layout = layoutFor(project.profile, project.dir, io.env);
    const state = readState(layout);
    if (!state) throw new CairnError("E_NOT_INSTALLED", "nothing is installed yet", { hint: "run `cairn install`" });
    const map: Record<string, PathEntry> = {};
    const deps = directDeps(project);
    for (const p of state.packages) {
      // zirric: a vendored copy in the project wins, as in Zirric's own search order (cli/vendor/zirric.ts)
      const vendored = project.profile === "zirric" ? zirricVendoredRoot(project.dir, p.name, gitAliases(deps)) : undefined;
      const root = vendored ?? (p.linked ? resolve(layout.root, p.dir) : join(layout.root, p.dir));
      const entry = layout.entryFile(root, p.name);
      const entryAbs = entry ? join(root, entry) : null;
      const value = { package: p.name, version: p.version, source: p.source.split("+")[0]!, root, entry: entryAbs };
      // a URL identity (zirric git) is no import name; its aliases below are
      if (!p.name.includes("://")) map[layout.importName(p.name)] = value;
      // aliases: a direct dependency imported under another name
      for (const d of deps) if (d.package === p.name && d.name !== p.name) map[d.name] = value;
    }
    for (const d of deps) if (d.source === "stdlib") map[d.name] = { package: d.package, version: null, source: "stdlib", root: null, entry: null };
    const sorted = Object.fromEntries(Object.entries(map).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    if (ctx.json) {
      io.out(`${JSON.stringify({ profile: project.profile, root: project.dir, packages: sorted }, null, 2)}\n`);
      return EXIT.ok;
    }
    const w = Math.max(0, ...Object.keys(sorted).map((k) => k.length));
    for (const [k, v] of Object.entries(sorted)) io.out(`${k.padEnd(w)}  ${v.version ?? "(stdlib)"}  ${v.entry ?? v.root ?? "bundled with the toolchain"}\n`);
    return EXIT.ok;
  },
};
