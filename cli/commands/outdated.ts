// `cairn outdated`: for each locked registry package, the locked version, the
// newest the requirements allow (what `cairn update` would pick) and the
// newest release. Exit 0 either way; --json for tools.
import semver from "semver";
import type { Command } from "../command.js";
import { context, openProject, openRegistry } from "../project/context.js";
import { readGraph } from "../project/graph.js";
import { EXIT } from "../../bindings/errors.js";
import { style } from "../output.js";

export const outdated: Command = {
  name: "outdated",
  summary: "list locked packages with newer versions",
  usage: "cairn outdated [--json]",
  async run(args, io) {
    const ctx = context(args, io);
    const project = openProject(ctx);
    const lock = readGraph(ctx, project);
    const registry = openRegistry(ctx, project);
    const pkgs = lock.packages.filter((p) => p.source.kind === "registry");
    const docs = await registry.provider(ctx.offline).fetch(pkgs.map((p) => p.name));
    const reqs = new Map<string, string[]>();
    const edges = [...lock.roots.flatMap((r) => [...r.dependencies, ...r.devDependencies]), ...lock.packages.flatMap((p) => p.dependencies)];
    for (const e of edges) reqs.set(e.name, [...(reqs.get(e.name) ?? []), e.req]);
    const rows = pkgs.flatMap((p, i) => {
      const doc = docs[i];
      if (!doc) return [];
      const releases = Object.entries(doc.versions).filter(([v, m]) => !m.yanked && semver.valid(v) && !semver.prerelease(v)).map(([v]) => v).sort(semver.rcompare);
      const latest = releases[0] ?? p.version;
      const rs = (reqs.get(p.name) ?? []).filter((r) => semver.validRange(r));
      const wanted = releases.find((v) => rs.every((r) => semver.satisfies(v, r))) ?? p.version;
      if (!semver.valid(p.version) || (semver.gte(p.version, latest) && semver.gte(p.version, wanted))) return [];
      return [{ name: p.name, current: p.version, wanted: semver.gt(wanted, p.version) ? wanted : p.version, latest }];
    });
    if (ctx.json) {
      io.out(`${JSON.stringify({ outdated: rows })}\n`);
      return EXIT.ok;
    }
    if (!rows.length) {
      io.err("all locked packages are up to date\n");
      return EXIT.ok;
    }
    const w = Math.max(7, ...rows.map((r) => r.name.length));
    io.out(`${style.bold(io, "package".padEnd(w))}  current   wanted    latest\n`);
    for (const r of rows) io.out(`${r.name.padEnd(w)}  ${r.current.padEnd(8)}  ${r.wanted.padEnd(8)}  ${r.latest}\n`);
    return EXIT.ok;
  },
};
