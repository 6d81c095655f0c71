// `cairn add SPEC…`: add dependencies to the manifest (a surgical text edit)
// and install; the manifest, the lock and the layout change together or not
// at all. SPEC is `name`, `name@req`, `path:DIR` or `git:URL` (with --tag,
// --rev or --branch). Without a requirement, the newest release is added as
// `^X.Y.Z` (exactly `X.Y.Z` in the ori profile).
import { basename, relative, resolve } from "node:path";
import semver from "semver";
import type { Command } from "../command.js";
import { flagBool, flagString } from "../args.js";
import { context, openProject, openRegistry, syncOptions } from "../project/context.js";
import { reportSync } from "../project/report.js";
import { currentMember, MANIFESTS, type Project } from "../project/project.js";
import { sync } from "../install/sync.js";
import { addDependency, type DepSpec } from "../manifest-edit/index.js";
import { readManifest } from "../../bindings/profiles/index.js";
import type { NormalizedManifest } from "../../bindings/profiles/types.js";
import { CairnError, EXIT } from "../../bindings/errors.js";
import { info } from "../output.js";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { RegistryAccess } from "../install/registry-access.js";

function nameFromDir(dir: string, profile: string): string {
  for (const [file, p] of MANIFESTS) {
    if (p !== profile || !existsSync(join(dir, file))) continue;
    try {
      const m = readManifest(p, readFileSync(join(dir, file), "utf8"), { fileName: join(dir, file) }) as NormalizedManifest;
      const n = (m.package as { name?: unknown } | null)?.name;
      if (typeof n === "string") return n;
    } catch {
      /* fall back to the directory name */
    }
  }
  return basename(dir);
}

async function newest(registry: RegistryAccess, name: string, offline: boolean): Promise<string> {
  const [pkg] = await registry.provider(offline).fetch([name]);
  if (!pkg) throw new CairnError("E_UNKNOWN_PACKAGE", `${name} is not in the registry${registry.url ? ` ${registry.url}` : ""}`, { hint: "check the spelling, or `cairn search` for similar names" });
  const versions = Object.entries(pkg.versions)
    .filter(([v, m]) => !m.yanked && semver.valid(v) && !semver.prerelease(v))
    .map(([v]) => v)
    .sort(semver.rcompare);
  if (!versions.length) throw new CairnError("E_UNKNOWN_PACKAGE", `${name} has no release that is not yanked or a prerelease`, { hint: `name a version: cairn add ${name}@<version>` });
  return versions[0]!;
}

export const add: Command = {
  name: "add",
  summary: "add dependencies to the manifest and install them",
  usage: "cairn add <name[@req] | path:DIR | git:URL>… [--dev] [--optional] [--target T] [--features a,b] [--tag T | --rev R | --branch B] [--name N]",
  async run(args, io) {
    const ctx = context(args, io);
    if (args.positionals.length === 0) throw new CairnError("E_USAGE", "name at least one dependency to add", { hint: "cairn add fmt@^1.2" });
    const project = openProject(ctx);
    const member = currentMember(project, ctx.cwd);
    const registry = openRegistry(ctx, project);
    let text = member.text;
    const file = relative(ctx.cwd, member.manifestPath) || member.manifestPath;
    for (const raw of args.positionals) {
      const common = {
        dev: flagBool(args, "dev"),
        optional: flagBool(args, "optional"),
        ...(ctx.target ? { target: ctx.target } : {}),
        ...(ctx.features.length ? { features: ctx.features } : {}),
      };
      let spec: DepSpec;
      if (raw.startsWith("path:")) {
        const p = raw.slice(5);
        const dir = resolve(ctx.cwd, p);
        const rel = relative(member.dir, dir).split("\\").join("/") || ".";
        spec = { name: flagString(args, "name") ?? nameFromDir(dir, project.profile), source: { kind: "path", path: rel.startsWith(".") ? rel : `./${rel}` }, ...common };
      } else if (raw.startsWith("git:")) {
        const url = raw.slice(4);
        const tag = flagString(args, "tag");
        const rev = flagString(args, "rev");
        const branch = flagString(args, "branch");
        if ([tag, rev, branch].filter(Boolean).length > 1) throw new CairnError("E_USAGE", "give only one of --tag, --rev and --branch");
        const name = flagString(args, "name") ?? basename(url).replace(/\.git$/, "");
        spec = { name, source: { kind: "git", url, ...(tag ? { tag } : {}), ...(rev ? { rev } : {}), ...(branch ? { branch } : {}) }, ...common };
      } else {
        const at = raw.indexOf("@", 1);
        const name = at > 0 ? raw.slice(0, at) : raw;
        let req = at > 0 ? raw.slice(at + 1) : undefined;
        if (project.profile === "ori" && name.startsWith("std.") && req === undefined) {
          spec = { name, source: { kind: "stdlib" }, ...common };
        } else {
          if (req === undefined) {
            const v = await newest(registry, name, ctx.offline);
            req = project.profile === "ori" ? v : `^${v}`;
          }
          spec = { name, source: { kind: "registry", req }, ...common };
        }
      }
      text = addDependency(project.profile, text, spec, file);
      const src = spec.source;
      const what = src.kind === "registry" ? src.req : src.kind === "path" ? `path:${src.path}` : src.kind === "git" ? `git:${src.url}${src.tag ?? src.rev ?? src.branch ? `@${src.tag ?? src.rev ?? src.branch}` : ""}` : "(stdlib)";
      const notes = [spec.dev && "dev", spec.optional && "optional", spec.target && `target ${spec.target}`, spec.features?.length && `features ${spec.features.join(",")}`].filter(Boolean);
      if (!ctx.json) info(io, `Adding ${spec.name} ${what}${notes.length ? ` (${notes.join(", ")})` : ""} to ${file}`);
    }
    // re-read the edited manifest: a bad edit is reported before anything is written
    const manifest = readManifest(project.profile, text, { fileName: file }) as NormalizedManifest;
    const edited: Project = { ...project, members: project.members.map((m) => (m === member ? { ...m, text, manifest } : m)) };
    const r = await sync(edited, registry, syncOptions(ctx, { manifestEdits: [{ path: member.manifestPath, content: text }] }));
    reportSync(ctx, edited, r, "installed");
    return EXIT.ok;
  },
};
