// The corpus cases in test/fixtures/profiles and how `cairn manifest --json`
// would read each one (shared by the corpus test, the fuzz seeds and the CLI test).
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { CairnError } from "../../../bindings/errors.js";
import { errorReport, manifestReport, readLock, readManifest, type ProfileName } from "../../../bindings/profiles/index.js";

export const FIXTURES = join(import.meta.dirname, "../../fixtures/profiles");

export function profileOfCase(system: string, mode: string | null): ProfileName {
  if (system === "catalyst") return mode === "cep-0003-draft" ? "catalyst-cep0003" : "catalyst";
  if (system === "minz") return mode === "registry-document" ? "minz-registry" : "minz";
  return system as ProfileName;
}

/** Runs one corpus case through the readers the way `cairn manifest --json` does. */
export function runCase(dir: string, expected: Record<string, unknown>): Record<string, unknown> {
  const manifest = expected.manifest as string;
  const profile = profileOfCase(expected.system as string, expected.mode as string | null);
  try {
    const text = readFileSync(join(dir, manifest), "utf8");
    if (expected.mode === "lockfile") {
      const l = readLock(profile, text, { fileName: manifest });
      return { result: "ok", lock: l.lock, ...(l.warnings.length ? { warnings: l.warnings } : {}) };
    }
    const ws = expected.workspace_root as string | undefined;
    const m = readManifest(profile, text, {
      fileName: manifest,
      ...(ws ? { workspaceRoot: { text: readFileSync(join(dir, ws), "utf8"), fileName: ws } } : {}),
    });
    const lockName = expected.lockfile as string | undefined;
    const lock = lockName && existsSync(join(dir, lockName)) ? readLock(profile, readFileSync(join(dir, lockName), "utf8"), { fileName: lockName }) : undefined;
    return manifestReport(m, lock?.lock, lock?.warnings);
  } catch (e) {
    if (e instanceof CairnError) return errorReport(e);
    throw e;
  }
}

export function corpusCases(): { system: string; name: string; dir: string; expected: Record<string, unknown> }[] {
  const out = [];
  for (const system of readdirSync(FIXTURES).filter((s) => !s.includes("."))) {
    for (const name of readdirSync(join(FIXTURES, system))) {
      const dir = join(FIXTURES, system, name);
      out.push({ system, name, dir, expected: JSON.parse(readFileSync(join(dir, "expected.json"), "utf8")) as Record<string, unknown> });
    }
  }
  return out;
}

