// Finding the project: the nearest directory (from --cwd or the current one,
// walking up) holding a manifest of a known profile, or the one --profile
// names. A workspace root's members are loaded with it; a member found first
// defers to the workspace that lists it (one lock per workspace, as in cargo).
import { existsSync, readFileSync } from "node:fs";
import { basename, dirname, join, relative, resolve } from "node:path";
import { CairnError } from "../../bindings/errors.js";
import { readManifest } from "../../bindings/profiles/index.js";
import type { NormalizedManifest } from "../../bindings/profiles/types.js";
import type { ProfileName } from "../lock/profile-locks.js";

/** Manifest file names, in the order they are looked for within one directory. */
export const MANIFESTS: readonly [string, ProfileName][] = [
  ["cairn.toml", "cairn"],
  ["oripk.toml", "ori"],
  ["mzp.toml", "minz"],
  ["Cavefile", "zirric"],
  ["package.edn", "epsilon"],
  ["module.sexp", "epsilon"],
  ["module.toml", "catalyst"],
];

export interface Member {
  /** Relative to the workspace root, "/"-separated; "." for the root itself. */
  path: string;
  dir: string;
  manifestPath: string;
  text: string;
  manifest: NormalizedManifest;
}

export interface Project {
  profile: ProfileName;
  /** The workspace root (or the single project's directory). */
  dir: string;
  manifestFile: string;
  /** The root first, then the members in the order the workspace lists them. */
  members: Member[];
}

const readText = (p: string) => {
  try {
    return readFileSync(p, "utf8");
  } catch (e) {
    throw new CairnError("E_IO", `cannot read ${p}: ${(e as Error).message}`, { location: { file: p } });
  }
};

function manifestIn(dir: string, profile?: string): [string, ProfileName] | undefined {
  for (const [file, p] of MANIFESTS) if ((!profile || p === profile) && existsSync(join(dir, file))) return [file, p];
  return undefined;
}

/** Messages name manifests relative to where the command runs. */
let shownFrom = process.cwd();

function load(dir: string, file: string, profile: ProfileName, rootDir: string, workspaceRoot?: { text: string; fileName: string }): Member {
  const manifestPath = join(dir, file);
  const text = readText(manifestPath);
  const shown = relative(shownFrom, manifestPath) || file;
  const manifest = readManifest(profile, text, { fileName: shown, ...(workspaceRoot ? { workspaceRoot } : {}) }) as NormalizedManifest;
  return { path: relative(rootDir, dir).split("\\").join("/") || ".", dir, manifestPath, text, manifest };
}

const membersOf = (m: NormalizedManifest): string[] => {
  const ws = m.workspace as { members?: unknown } | undefined;
  return Array.isArray(ws?.members) ? (ws!.members as unknown[]).filter((x): x is string => typeof x === "string") : [];
};

export function findProject(cwd: string, profileFlag?: string): Project {
  if (profileFlag && !MANIFESTS.some(([, p]) => p === profileFlag)) {
    throw new CairnError("E_USAGE", `unknown profile \`${profileFlag}\``, { hint: `profiles: ${[...new Set(MANIFESTS.map(([, p]) => p))].join(", ")}` });
  }
  shownFrom = resolve(cwd);
  let dir = resolve(cwd);
  let found: [string, [string, ProfileName]] | undefined;
  for (;;) {
    const m = manifestIn(dir, profileFlag);
    if (m) {
      found = [dir, m];
      break;
    }
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  if (!found) {
    throw new CairnError("E_IO", `no manifest found in ${resolve(cwd)} or any parent directory`, {
      hint: `run \`cairn init\` to create one${profileFlag ? "" : " (looked for " + MANIFESTS.map(([f]) => f).join(", ") + ")"}`,
    });
  }
  const [projDir, [file, profile]] = found;
  // a member defers to a workspace root above it that lists it
  for (let up = dirname(projDir); up !== dirname(up); up = dirname(up)) {
    const m = manifestIn(up, profile);
    if (!m) continue;
    const text = readText(join(up, m[0]));
    if (!/workspace/.test(text)) continue;
    const root = load(up, m[0], profile, up);
    if (membersOf(root.manifest).some((p) => resolve(up, p) === projDir)) return withMembers(up, m[0], profile, root);
  }
  return withMembers(projDir, file, profile, load(projDir, file, profile, projDir));
}

function withMembers(dir: string, file: string, profile: ProfileName, root: Member): Project {
  const members = [root];
  for (const p of membersOf(root.manifest)) {
    const mdir = resolve(dir, p);
    const m = manifestIn(mdir, profile);
    if (!m) {
      throw new CairnError("E_INVALID_PATH", `workspace member ${JSON.stringify(p)} has no ${file}`, { location: { file: basename(root.manifestPath), path: "workspace.members" } });
    }
    members.push(load(mdir, m[0], profile, dir, { text: root.text, fileName: root.manifestPath }));
  }
  return { profile, dir, manifestFile: file, members };
}

/** The member the command runs for: the one containing cwd, else the root. */
export function currentMember(project: Project, cwd: string): Member {
  const abs = resolve(cwd);
  let best = project.members[0]!;
  for (const m of project.members) if ((abs === m.dir || abs.startsWith(m.dir + "/")) && m.dir.length > best.dir.length) best = m;
  return best;
}
