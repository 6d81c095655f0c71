// `cairn verify`: re-hash every installed package and compare with what was
// installed from the lock (the install state records each package's tree1
// manifest, so a difference names the file). Path dependencies are the user's
// live sources and are not verified.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { CairnError } from "../../bindings/errors.js";
import { readIfExists } from "../lock/atomic-write.js";
import type { Lock } from "../../bindings/lock/model.js";
import { formatSource } from "../../bindings/lock/model.js";
import { diffTrees, parseTreeManifest, treeEntries } from "../sources/tree-digest.js";
import type { Layout } from "./layout.js";
import type { InstallState } from "./materialize.js";
import { stampHolds } from "./tree-stamp.js";

export interface PackageProblem {
  name: string;
  version: string;
  dir: string;
  kind: "missing" | "modified" | "not-installed" | "not-locked";
  added: string[];
  removed: string[];
  changed: string[];
}

export function readState(layout: Layout): InstallState | undefined {
  const text = readIfExists(layout.stateFile);
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as InstallState;
  } catch {
    throw new CairnError("E_NOT_INSTALLED", `the install state ${layout.stateFile} is unreadable`, { location: { file: layout.stateFile } });
  }
}

/**
 * Problems between the lock, the install state and the files on disk; empty = verified.
 * `trustStamps` (install's up-to-date check): a package whose stat stamp still holds is not re-hashed.
 */
export function verifyInstall(layout: Layout, lock: Lock, opts: { trustStamps?: boolean } = {}): { problems: PackageProblem[]; checked: number } {
  const state = readState(layout);
  if (!state) throw new CairnError("E_NOT_INSTALLED", "nothing is installed yet", { hint: "run `cairn install`" });
  const problems: PackageProblem[] = [];
  const installed = new Map(state.packages.map((p) => [`${p.name}@${p.version}`, p]));
  const none = { added: [], removed: [], changed: [] };
  for (const p of lock.packages) {
    const s = installed.get(`${p.name}@${p.version}`);
    // registry URLs may be absent from a profile's lock (oripk.lock): the checksum decides
    const sameSource = s !== undefined && (s.source === formatSource(p.source) || (p.source.kind === "registry" && s.source.startsWith("registry+")));
    if (!s || s.checksum !== p.checksum || !sameSource) problems.push({ name: p.name, version: p.version, dir: layout.dirFor(p.name, p.version), kind: "not-installed", ...none });
  }
  const locked = new Set(lock.packages.map((p) => `${p.name}@${p.version}`));
  let checked = 0;
  for (const s of state.packages) {
    if (!locked.has(`${s.name}@${s.version}`)) problems.push({ name: s.name, version: s.version, dir: s.dir, kind: "not-locked", ...none });
    if (s.linked) continue;
    const dir = join(layout.root, s.dir);
    checked++;
    if (!existsSync(dir)) {
      problems.push({ name: s.name, version: s.version, dir: s.dir, kind: "missing", ...none });
      continue;
    }
    if (opts.trustStamps && s.stamp && stampHolds(dir, s.stamp)) continue;
    const d = diffTrees(parseTreeManifest(s.files), treeEntries(dir));
    if (d.added.length || d.removed.length || d.changed.length) problems.push({ name: s.name, version: s.version, dir: s.dir, kind: "modified", ...d });
  }
  return { problems, checked };
}
