// `cairn remove NAME…`: drop dependencies from the manifest (every section
// they appear in), re-lock and re-install, as one transaction.
import { relative } from "node:path";
import type { Command } from "../command.js";
import { context, openProject, openRegistry, syncOptions } from "../project/context.js";
import { reportSync } from "../project/report.js";
import { currentMember, type Project } from "../project/project.js";
import { sync } from "../install/sync.js";
import { removeDependency } from "../manifest-edit/index.js";
import { readManifest } from "../../bindings/profiles/index.js";
import type { NormalizedManifest } from "../../bindings/profiles/types.js";
import { CairnError, EXIT } from "../../bindings/errors.js";

export const remove: Command = {
  name: "remove",
  summary: "remove dependencies from the manifest and uninstall them",
  usage: "cairn remove <name>…",
  async run(args, io) {
    const ctx = context(args, io);
    if (args.positionals.length === 0) throw new CairnError("E_USAGE", "name at least one dependency to remove");
    const project = openProject(ctx);
    const member = currentMember(project, ctx.cwd);
    const file = relative(ctx.cwd, member.manifestPath) || member.manifestPath;
    const targets = member.manifest.dependencies.filter((d) => d.target).map((d) => (project.profile === "minz" ? ["platform-dependencies", d.target!] : ["target", d.target!, d.kind === "dev" ? "dev-dependencies" : "dependencies"]));
    let text = member.text;
    for (const name of args.positionals) text = removeDependency(project.profile, text, name, file, targets);
    const manifest = readManifest(project.profile, text, { fileName: file }) as NormalizedManifest;
    const edited: Project = { ...project, members: project.members.map((m) => (m === member ? { ...m, text, manifest } : m)) };
    const r = await sync(edited, openRegistry(ctx, project), syncOptions(ctx, { manifestEdits: [{ path: member.manifestPath, content: text }] }));
    reportSync(ctx, edited, r, "installed");
    return EXIT.ok;
  },
};
