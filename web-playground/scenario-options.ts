// The page's option fields applied to a scenario document, so the worker, the
// share link and "copy as CLI command" all see the same scenario. Fields left
// empty keep the scenario's own values. Features use cargo's syntax: `dep/feat`
// requests feature `feat` of dependency `dep` (a scenario's `root_features`);
// a bare `feat` is a feature of the root package itself (manifest mode).
import type { PageOptions } from "./protocol.js";

export type ScenarioDoc = Record<string, unknown> & { options?: Record<string, unknown> };

export function applyPageOptions(doc: ScenarioDoc, o: PageOptions): ScenarioDoc {
  const out: ScenarioDoc = { ...doc };
  const options = { ...(doc.options ?? {}) };
  if (o.prerelease) options.prerelease = o.prerelease;
  if (o.versions) options.versions = o.versions;
  if (Object.keys(options).length > 0) out.options = options;
  if (o.target) out.target = o.target;
  const depFeatures = (o.features ?? []).filter((f) => f.includes("/"));
  if (depFeatures.length > 0) {
    const rf: Record<string, string[]> = { ...((doc.root_features as Record<string, string[]>) ?? {}) };
    for (const f of depFeatures) {
      const [dep, feat] = f.split("/", 2) as [string, string];
      rf[dep] = [...new Set([...(rf[dep] ?? []), feat])];
    }
    out.root_features = rf;
  }
  if (o.locked && Object.keys(o.locked).length > 0) out.locked = { ...((doc.locked as Record<string, string>) ?? {}), ...o.locked };
  return out;
}

/** `name = version` / `name@version` / `name version` lines (or a pasted cairn.lock) → {name: version}. */
export function parseLockField(text: string): { locked: Record<string, string>; bad: string[] } {
  const locked: Record<string, string> = {};
  const bad: string[] = [];
  // A pasted cairn.lock: [[package]] tables with name/version keys.
  if (/\[\[package\]\]/.test(text)) {
    for (const block of text.split(/\[\[package\]\]/).slice(1)) {
      const name = /^\s*name\s*=\s*"([^"]+)"/m.exec(block)?.[1];
      const version = /^\s*version\s*=\s*"([^"]+)"/m.exec(block)?.[1];
      if (name && version) locked[name] = version;
    }
    return { locked, bad };
  }
  for (const raw of text.split("\n")) {
    const line = raw.replace(/#.*$/, "").trim();
    if (!line) continue;
    const m = /^("?)(@?[^\s"=@]+(?:\/[^\s"=@]+)?)\1\s*(?:=|@|\s)\s*"?([0-9][^\s"]*)"?$/.exec(line);
    if (m) locked[m[2]!] = m[3]!;
    else bad.push(line);
  }
  return { locked, bad };
}

export function parseFeatures(text: string): string[] {
  return text.split(/[\s,]+/).map((s) => s.trim()).filter(Boolean);
}
