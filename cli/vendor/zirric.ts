// Zirric's vendored packages (docs/MIRRORS.md#vendoring, PROFILES.md §Zirric):
// Zirric looks for a dependency in `<package>/<vendored-package>/` (a
// directory with a Cavefile inside the project) before
// `$ZIRRIC_PACKAGES/git/<pkg>/<version>/`. `cairn vendor` in a Zirric project
// therefore copies each locked git package there, under the name the
// Cavefile gives it, after checking its tree1 hash against the lock;
// `cairn install` takes the package from that copy first
// (vendored-git.ts), and `cairn paths` reports it in preference to the
// shared one, as the Zirric toolchain will load it.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { CairnError } from "../../bindings/errors.js";
import type { LockedPackage } from "../../bindings/lock/model.js";
import { vendoredGitPlace, vendoredName, writeVendoredGit, type GitLocked, type VendoredGitPlace } from "./vendored-git.js";

/** The vendored copy of `pkg` in a Zirric project, when there is one (it wins over the shared install). */
export function zirricVendoredRoot(projectDir: string, pkg: string, aliases: Map<string, string>): string | undefined {
  let name: string;
  try {
    name = vendoredName(pkg, aliases.get(pkg));
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

/**
 * Copies each locked git package into `<project>/<name>/`: its tree from
 * `treeOf` (given the place, which may hold the previous copy), checked
 * against the lock. Local packages are already in the user's tree; stdlib
 * ships with Zirric.
 */
export function vendorZirric(projectDir: string, locked: LockedPackage[], aliases: Map<string, string>, treeOf: (p: GitLocked, place: VendoredGitPlace) => string): ZirricVendored[] {
  const out: ZirricVendored[] = [];
  for (const p of locked.filter((x): x is GitLocked => x.source.kind === "git")) {
    const place = vendoredGitPlace({ profile: "zirric", projectDir, alias: aliases.get(p.name) }, p.source.url, p.source.commit)!;
    if (existsSync(place.dir) && !existsSync(place.recordFile)) {
      throw new CairnError("E_USAGE", `\`${place.dir}\` exists and was not vendored by cairn; refusing to replace it`, { hint: "move it away, or rename the dependency in the Cavefile" });
    }
    writeVendoredGit(place, treeOf(p, place), { package: p.name, version: p.version, url: p.source.url, commit: p.source.commit, checksum: p.checksum });
    out.push({ name: p.name, version: p.version, dir: place.dir });
  }
  return out;
}

/** package identity → the name the Cavefile gives it, for the project's git dependencies. */
export function gitAliases(deps: readonly { package: string; name: string; source: string }[]): Map<string, string> {
  return new Map(deps.filter((d) => d.source === "git").map((d) => [d.package, d.name]));
}
