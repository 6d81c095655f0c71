// `cairn init [DIR]`: create a manifest for the chosen profile (--profile,
// default cairn) named after the directory. Refuses to overwrite a manifest.
import { existsSync, mkdirSync } from "node:fs";
import { basename, join, relative, resolve } from "node:path";
import type { Command } from "../command.js";
import { flagString } from "../args.js";
import { context } from "../project/context.js";
import { MANIFESTS } from "../project/project.js";
import { writeFileAtomic } from "../lock/atomic-write.js";
import { info } from "../output.js";
import { CairnError, EXIT } from "../../bindings/errors.js";

const TEMPLATES: Record<string, { file: string; text: (name: string) => string }> = {
  cairn: { file: "cairn.toml", text: (n) => `[package]\nname = "${n}"\nversion = "0.1.0"\n\n[dependencies]\n` },
  minz: { file: "mzp.toml", text: (n) => `[package]\nname = "${n}"\nversion = "0.1.0"\n\n[dependencies]\n` },
  ori: { file: "oripk.toml", text: (n) => `[project]\nname = "${n}"\nversion = "0.1.0"\nori = "0.1.0"\n\n[dependencies]\n` },
  epsilon: { file: "package.edn", text: (n) => `{"name" "${n}"\n "version" "0.1.0"\n "dependencies" {}}\n` },
  zirric: { file: "Cavefile", text: (n) => `mod ${n.replace(/[^a-z0-9_]/g, "_")}\n\nimport cave\n\n@cave.Package()\ndata Dependencies {}\n` },
};

export const init: Command = {
  name: "init",
  summary: "create a manifest in the current (or given) directory",
  usage: "cairn init [DIR] [--profile cairn|minz|ori|epsilon|zirric] [--name NAME]",
  async run(args, io) {
    const ctx = context(args, io);
    const profile = ctx.profile ?? "cairn";
    const t = TEMPLATES[profile];
    if (!t) throw new CairnError("E_USAGE", `cannot init a \`${profile}\` project`, { hint: `profiles: ${Object.keys(TEMPLATES).join(", ")}` });
    const dir = resolve(ctx.cwd, args.positionals[0] ?? ".");
    mkdirSync(dir, { recursive: true });
    const existing = MANIFESTS.find(([f]) => existsSync(join(dir, f)));
    if (existing) throw new CairnError("E_USAGE", `${relative(ctx.cwd, join(dir, existing[0])) || existing[0]} already exists`, { hint: "cairn init never overwrites a manifest; edit it or use `cairn add`" });
    const raw = flagString(args, "name") ?? basename(dir);
    const name = raw.toLowerCase().replace(/[^a-z0-9._-]+/g, "-").replace(/^[^a-z0-9]+/, "") || "app";
    const path = join(dir, t.file);
    writeFileAtomic(path, t.text(name));
    if (ctx.json) io.out(`${JSON.stringify({ ok: true, profile, manifest: relative(ctx.cwd, path) || t.file, name })}\n`);
    else info(io, `Created ${relative(ctx.cwd, path) || t.file} (${profile} profile, package \`${name}\`)`);
    return EXIT.ok;
  },
};
