// Manifest profiles: one reader per seed system, all producing the normalized
// manifest (docs/PROFILES.md). Text in, data out: no I/O, so browsers use it too.
import { CairnError } from "../errors.js";
import { readCairn } from "./cairn.js";
import { readCatalyst, readCatalystCep } from "./catalyst.js";
import { readEpsilon, readEpsilonLock } from "./epsilon.js";
import { readMinz, readMinzRegistry } from "./minz.js";
import { readOri, readOriLock } from "./ori.js";
import { PROFILES, type NormalizedLock, type NormalizedManifest, type ProfileName, type ReadOptions } from "./types.js";
import { readZirric } from "./zirric.js";

export * from "./types.js";
export { toResolution, type Resolution, type ResolutionOptions } from "./resolution.js";

/** Manifest file names in the order `cairn` looks for them in a directory. */
export const MANIFEST_FILES: readonly { file: string; profile: ProfileName }[] = [
  { file: "cairn.toml", profile: "cairn" },
  { file: "oripk.toml", profile: "ori" },
  { file: "module.toml", profile: "catalyst" },
  { file: "mzp.toml", profile: "minz" },
  { file: "Cavefile", profile: "zirric" },
  { file: "package.edn", profile: "epsilon" },
  { file: "module.sexp", profile: "epsilon" },
];

/** Lock files a profile reads, by name. */
export const LOCK_FILES: readonly { file: string; profile: ProfileName }[] = [
  { file: "oripk.lock", profile: "ori" },
  { file: "epsilon-lock.edn", profile: "epsilon" },
];

/** Editors on Windows may start UTF-8 files with a byte-order mark; no format here allows one. */
const stripBom = (s: string) => (s.charCodeAt(0) === 0xfeff ? s.slice(1) : s);

const base = (fileName: string) => fileName.split(/[\\/]/).pop() ?? fileName;

/** The profile for a manifest or lock file name, or null if the name is not one cairn knows. */
export function detectProfile(fileName: string): ProfileName | null {
  const b = base(fileName);
  return MANIFEST_FILES.find((m) => m.file === b)?.profile ?? LOCK_FILES.find((m) => m.file === b)?.profile ?? null;
}

export function isLockFile(fileName: string): boolean {
  return LOCK_FILES.some((m) => m.file === base(fileName));
}

export function isProfile(s: string): s is ProfileName {
  return (PROFILES as readonly string[]).includes(s);
}

/** Reads a manifest into the normalized manifest; bad input throws a CairnError with a position. */
export function readManifest(profile: ProfileName, input: string, opts: ReadOptions = {}): NormalizedManifest {
  const text = stripBom(input);
  switch (profile) {
    case "ori":
      return readOri(text, opts);
    case "catalyst":
      return readCatalyst(text, opts);
    case "catalyst-cep0003":
      return readCatalystCep(text, opts);
    case "minz":
      return readMinz(text, opts);
    case "minz-registry":
      return readMinzRegistry(text, opts);
    case "zirric":
      return readZirric(text, opts);
    case "epsilon":
      return readEpsilon(text, opts);
    case "cairn":
      return readCairn(text, opts);
    default:
      throw new CairnError("E_USAGE", `unknown profile \`${String(profile)}\``, { hint: `profiles: ${PROFILES.join(", ")}` });
  }
}

/** Reads a profile's lock file (oripk.lock, epsilon-lock.edn) into lock entries. */
export function readLock(profile: ProfileName, input: string, opts: { fileName?: string } = {}): NormalizedLock {
  const text = stripBom(input);
  if (profile === "ori") return readOriLock(text, opts);
  if (profile === "epsilon") return readEpsilonLock(text, opts);
  throw new CairnError("E_USAGE", `the ${profile} profile has no lock file format that cairn reads here`, { hint: "lock files: oripk.lock (ori), epsilon-lock.edn (epsilon)" });
}
export { manifestReport, errorReport } from "./report.js";
