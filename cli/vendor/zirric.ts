// Zirric's vendored packages (docs/MIRRORS.md#vendoring, PROFILES.md §Zirric):
// Zirric looks for a dependency in `<package>/<vendored-package>/` (a
// directory with a Cavefile inside the project) before
// `$ZIRRIC_PACKAGES/git/<pkg>/<version>/`. `cairn vendor` in a Zirric project
// therefore copies each installed git package there, under the name the
// Cavefile gives it, after checking its tree1 hash against the lock; and
// `cairn paths` reports a vendored copy in preference to the shared one, as
// the Zirric toolchain will load it.
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import { CairnError } from "../../bindings/errors.js";
import { copyTree } from "../install/materialize.js";
import { treeHashOfDir } from "../cache/tree-hash.js";
import type { InstalledPackage } from "../install/materialize.js";

/** Written into each vendored package so a rerun may replace it (and never a directory the user made). */
export const VENDORED_MARKER = ".cairn-vendored.json";

/** The directory name a package is vendored under: the Cavefile's name for it, else the last path segment of its identity. */
export function vendoredName(pkg: string, aliases: Map<string, string>): string {
  const alias = aliases.get(pkg);
  const name = alias ?? pkg.replace(/\/+$/, "").replace(/\.git$/, "").split("/").pop()!;
  if (!/^[A-Za-z0-9_][A-Za-z0-9._-]*$/.test(name)) throw new CairnError("E_INVALID_NAME", `cannot vendor \`${pkg}\` under the directory name \`${name}\``, { hint: "give the dependency a plain name in the Cavefile" });
  return name;
}

/** The vendored copy of `pkg` in a Zirric project, when there is one (it wins over the shared install). */
export function zirricVendoredRoot(projectDir: string, pkg: string, aliases: Map<string, string>): string | undefined {
  let name: string;
  try {
    name = vendoredName(pkg, aliases);
  } catch {
    return undefined;
  }
  const dir = join(projectDir, name);
  return existsSync(join(dir, "Cavefile")) ? dir : undefined;
}

export interface ZirricVendored {
  name: string;
  version: string;
  dir: string;
}

/** Copies each installed git package (checked against its lock checksum) into `<project>/<name>/`. */
export function vendorZirric(projectDir: string, layoutRoot: string, installed: InstalledPackage[], aliases: Map<string, string>): ZirricVendored[] {
  const out: ZirricVendored[] = [];
  for (const p of installed) {
    if (!p.source.startsWith("git")) continue; // local packages are already in the user's tree; stdlib ships with Zirric
    const src = join(layoutRoot, p.dir);
    const actual = treeHashOfDir(src);
    if (actual !== p.checksum) {
      throw new CairnError("E_TREE_MISMATCH", `the installed ${p.name} ${p.version} does not match the lock\n  expected: ${p.checksum}\n  actual:   ${actual}`, { hint: "run `cairn install` to restore it, then `cairn vendor`" });
    }
    const name = vendoredName(p.name, aliases);
    const dest = join(projectDir, name);
    if (existsSync(dest) && !existsSync(join(dest, VENDORED_MARKER))) {
      throw new CairnError("E_USAGE", `\`${dest}\` exists and was not vendored by cairn; refusing to replace it`, { hint: "move it away, or rename the dependency in the Cavefile" });
    }
    // Built beside the target, then swapped in: an interrupted run leaves the old copy whole.
    const tmp = join(projectDir, `.${name}.tmp-${process.pid}-${randomBytes(4).toString("hex")}`);
    try {
      copyTree(src, tmp);
      writeFileSync(join(tmp, VENDORED_MARKER), `${JSON.stringify({ package: p.name, version: p.version, checksum: p.checksum }, null, 2)}\n`);
      const old = `${tmp}.old`;
      if (existsSync(dest)) renameSync(dest, old);
      renameSync(tmp, dest);
      rmSync(old, { recursive: true, force: true });
    } catch (e) {
      rmSync(tmp, { recursive: true, force: true });
      throw e;
    }
    out.push({ name: p.name, version: p.version, dir: dest });
  }
  return out;
}

/** What a vendored directory says it holds (undefined when it is not a cairn-vendored copy). */
export function vendoredRecord(dir: string): { package: string; version: string; checksum: string } | undefined {
  try {
    return JSON.parse(readFileSync(join(dir, VENDORED_MARKER), "utf8"));
  } catch {
    return undefined;
  }
}

/** package identity → the name the Cavefile gives it, for the project's git dependencies. */
export function gitAliases(deps: readonly { package: string; name: string; source: string }[]): Map<string, string> {
  return new Map(deps.filter((d) => d.source === "git").map((d) => [d.package, d.name]));
}
