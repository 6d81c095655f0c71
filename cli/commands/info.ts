// `cairn info NAME[@VERSION]`: a package's description, versions (yanked ones
// marked) and the dependencies of the latest (or the named) version.
import semver from "semver";
import type { Command } from "../command.js";
import { flagBool } from "../args.js";
import { CairnError, EXIT } from "../../bindings/errors.js";
import { clientFromArgs } from "../registry/cli-client.js";
import { latestOf } from "../registry/store.js";

export const info: Command = {
  name: "info",
  summary: "show a package's versions and dependencies",
  usage: "cairn info NAME[@VERSION] --registry URL [--json]",
  async run(args, io) {
    const spec = args.positionals[0];
    if (!spec) throw new CairnError("E_USAGE", "which package? `cairn info NAME`");
    const at = spec.lastIndexOf("@");
    const name = at > 0 ? spec.slice(0, at) : spec;
    const wanted = at > 0 ? spec.slice(at + 1) : undefined;
    const pkg = await clientFromArgs(args, io).getPackage(name);
    if (!pkg) throw new CairnError("E_UNKNOWN_PACKAGE", `\`${name}\` is not in the registry`, { hint: "try `cairn search`" });
    const version = wanted ?? latestOf(pkg);
    const entry = version ? pkg.versions[version] : undefined;
    if (wanted && !entry) throw new CairnError("E_UNKNOWN_PACKAGE", `\`${name}\` has no version ${wanted}`);
    if (flagBool(args, "json")) {
      io.out(`${JSON.stringify({ ...pkg, selected: version ?? null })}\n`);
      return EXIT.ok;
    }
    io.out(`${pkg.name}${version ? ` ${version}` : ""}${pkg.description ? ` — ${pkg.description}` : ""}\n`);
    if (pkg.license) io.out(`license: ${pkg.license}\n`);
    const versions = Object.keys(pkg.versions).sort(semver.compare).map((v) => (pkg.versions[v]!.yanked ? `${v} (yanked)` : v));
    io.out(`versions: ${versions.join(", ")}\n`);
    if (entry) {
      io.out(`checksum: ${entry.checksum}\n`);
      const deps = Object.entries(entry.dependencies ?? {});
      io.out(deps.length ? `dependencies:\n${deps.map(([d, r]) => `  ${d} ${r}\n`).join("")}` : "dependencies: none\n");
      for (const [f, fd] of Object.entries(entry.features ?? {})) io.out(`feature ${f}: ${Object.entries(fd).map(([d, r]) => `${d} ${r}`).join(", ") || "(no dependencies)"}\n`);
      for (const [t, td] of Object.entries(entry.targets ?? {})) io.out(`target ${t}: ${Object.entries(td).map(([d, r]) => `${d} ${r}`).join(", ")}\n`);
    }
    return EXIT.ok;
  },
};
