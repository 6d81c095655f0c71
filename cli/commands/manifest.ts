// `cairn manifest [PATH] [--profile P] [--json]`: read any profile's manifest
// (or lock file) and print the normalized form. The file discovery lives here;
// the readers in bindings/profiles only ever see text.
import { readFile, stat } from "node:fs/promises";
import { basename, dirname, join, relative, resolve } from "node:path";
import type { Command } from "../command.js";
import { flagBool, flagString } from "../args.js";
import { style, warn, type Io } from "../output.js";
import { CairnError, EXIT } from "../../bindings/errors.js";
import {
  LOCK_FILES,
  MANIFEST_FILES,
  PROFILES,
  detectProfile,
  errorReport,
  isLockFile,
  isProfile,
  manifestReport,
  readLock,
  readManifest,
  type DependencyRecord,
  type NormalizedLock,
  type NormalizedManifest,
  type ProfileName,
  type Warning,
} from "../../bindings/profiles/index.js";

const MAX_BYTES = 16 * 1024 * 1024;

async function kind(p: string): Promise<"file" | "dir" | null> {
  try {
    const s = await stat(p);
    return s.isDirectory() ? "dir" : "file";
  } catch {
    return null;
  }
}

async function readText(path: string, shown: string): Promise<string> {
  let buf: Buffer;
  try {
    buf = await readFile(path);
  } catch (e) {
    throw new CairnError("E_IO", `cannot read ${shown}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, { location: { file: shown } });
  }
  if (buf.length > MAX_BYTES) throw new CairnError("E_INPUT_TOO_LARGE", `${shown} is larger than ${MAX_BYTES / 1024 / 1024} MB`, { location: { file: shown } });
  return buf.toString("utf8");
}

/** The manifest in a directory: the first known file name present (a --profile narrows the choice). */
async function findInDir(dir: string, profile: ProfileName | undefined): Promise<string> {
  const wanted = (p: ProfileName) => profile === undefined || p === profile || (profile === "catalyst-cep0003" && p === "catalyst");
  for (const m of MANIFEST_FILES) if (wanted(m.profile) && (await kind(join(dir, m.file))) === "file") return join(dir, m.file);
  for (const m of LOCK_FILES) if (wanted(m.profile) && (await kind(join(dir, m.file))) === "file") return join(dir, m.file);
  throw new CairnError("E_IO", `no manifest found in ${dir}`, { hint: `cairn looks for ${MANIFEST_FILES.map((m) => m.file).join(", ")}; or pass a file and --profile` });
}

/** Ori workspaces: the nearest parent directory whose oripk.toml has a [workspace] table. */
async function findOriWorkspaceRoot(manifestPath: string): Promise<string | undefined> {
  let dir = dirname(manifestPath);
  for (let i = 0; i < 32; i++) {
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
    const candidate = join(dir, "oripk.toml");
    if ((await kind(candidate)) === "file") {
      const text = await readFile(candidate, "utf8").catch(() => "");
      if (/^\s*\[\s*workspace\s*[\].]/m.test(text)) return candidate;
    }
  }
  return undefined;
}

interface Loaded {
  manifest?: NormalizedManifest;
  lock?: NormalizedLock;
  file: string;
}

async function load(target: string, io: Io, profileFlag: ProfileName | undefined): Promise<Loaded> {
  const shown = (p: string) => relative(io.cwd, p) || basename(p);
  const k = await kind(target);
  if (k === null) throw new CairnError("E_IO", `${shown(target)} does not exist`, { location: { file: shown(target) } });
  const file = k === "dir" ? await findInDir(target, profileFlag) : target;
  const profile = profileFlag ?? detectProfile(file);
  if (profile === null)
    throw new CairnError("E_USAGE", `cannot tell which profile reads ${basename(file)}`, { hint: `pass --profile (${PROFILES.join(", ")})` });
  const text = await readText(file, shown(file));
  if (isLockFile(file)) return { lock: readLock(profile, text, { fileName: shown(file) }), file };

  let workspaceRoot: { text: string; fileName: string } | undefined;
  let lockPath: string | undefined;
  if (profile === "ori") {
    const root = /workspace/.test(text) ? await findOriWorkspaceRoot(file) : undefined;
    if (root) workspaceRoot = { text: await readText(root, shown(root)), fileName: shown(root) };
    // One lock file per workspace, at the root.
    for (const dir of [dirname(file), ...(root ? [dirname(root)] : [])])
      if ((await kind(join(dir, "oripk.lock"))) === "file") {
        lockPath = join(dir, "oripk.lock");
        break;
      }
  } else if (profile === "epsilon" && (await kind(join(dirname(file), "epsilon-lock.edn"))) === "file") lockPath = join(dirname(file), "epsilon-lock.edn");

  const manifest = readManifest(profile, text, { fileName: shown(file), ...(workspaceRoot ? { workspaceRoot } : {}) });
  const lock = lockPath ? readLock(profile, await readText(lockPath, shown(lockPath)), { fileName: shown(lockPath) }) : undefined;
  return { manifest, ...(lock ? { lock } : {}), file };
}

function describeDep(d: DependencyRecord): string {
  const src =
    d.source === "path" ? `path ${d.path}` : d.source === "git" ? `git ${d.git?.url ?? ""}${d.git?.ref ? `#${d.git.ref}` : ""}` : d.source;
  const flags = [d.kind === "dev" ? "dev" : "", d.optional ? "optional" : "", d.target ? `target ${d.target}` : "", d.features.length ? `features ${d.features.join(",")}` : ""].filter(Boolean);
  const alias = d.package !== null && d.package !== d.name ? ` → ${d.package}` : "";
  return `${d.name}${alias}  ${d.version_req ?? "*"}  (${src}${flags.length ? `; ${flags.join("; ")}` : ""})`;
}

function printSummary(io: Io, l: Loaded): void {
  const m = l.manifest;
  if (m) {
    const p = m.package ?? {};
    // Zirric packages without `mod` or a Git source are named after their directory.
    const name = typeof p.name === "string" ? p.name : p.name_from === "directory" ? `${basename(dirname(resolve(l.file)))} (from the directory name)` : "(unnamed)";
    const version = typeof p.version === "string" ? ` ${p.version}` : "";
    io.out(`${style.bold(io, name)}${version}  ${style.dim(io, `[${m.profile}${m.mode ? ` ${m.mode}` : ""}]`)}\n`);
    if (m.dependencies.length === 0) io.out("no dependencies\n");
    else {
      io.out(`dependencies (${m.dependencies.length}):\n`);
      for (const d of m.dependencies) io.out(`  ${describeDep(d)}\n`);
    }
    if (m.features && Object.keys(m.features).length) io.out(`features: ${Object.keys(m.features).join(", ")}\n`);
    if (m.targets) io.out(`targets: ${JSON.stringify(m.targets)}\n`);
    if (m.workspace) io.out(`workspace: ${JSON.stringify(m.workspace)}\n`);
  }
  if (l.lock) {
    io.out(`lock (${l.lock.lock.length} entries):\n`);
    for (const e of l.lock.lock) io.out(`  ${e.package} ${e.version}${e.checksum ? `  ${e.checksum.algorithm}:${e.checksum.digest.slice(0, 12)}…` : ""}${e.source ? `  ${e.source}` : ""}\n`);
  }
}

function printWarnings(io: Io, ws: Warning[]): void {
  for (const w of ws) {
    const where = [w.file, w.line !== undefined ? `${w.line}:${w.column ?? 1}` : undefined].filter(Boolean).join(":");
    warn(io, w.code, `${where ? `${where}: ` : ""}${w.path ? `${w.path}: ` : ""}${w.message}`);
  }
}

export const manifestCommand: Command = {
  name: "manifest",
  summary: "read a manifest or lock file of any profile and print it normalized",
  usage: `cairn manifest [PATH] [--profile ${PROFILES.join("|")}] [--json]\n\nPATH is a directory (default: the current one), a manifest or a lock file.`,
  async run(args, io) {
    const json = flagBool(args, "json");
    const pf = flagString(args, "profile");
    if (pf !== undefined && !isProfile(pf)) throw new CairnError("E_USAGE", `unknown profile \`${pf}\``, { hint: `profiles: ${PROFILES.join(", ")}` });
    if (args.positionals.length > 1) throw new CairnError("E_USAGE", "give at most one PATH");
    const target = resolve(io.cwd, args.positionals[0] ?? ".");
    let loaded: Loaded;
    try {
      loaded = await load(target, io, pf);
    } catch (e) {
      if (json && e instanceof CairnError && e.code !== "E_USAGE") {
        io.out(`${JSON.stringify(errorReport(e), null, 2)}\n`);
        return e.exitCode;
      }
      throw e;
    }
    const warnings = [...(loaded.manifest?.warnings ?? []), ...(loaded.lock?.warnings ?? [])];
    if (json) {
      const report = loaded.manifest
        ? manifestReport(loaded.manifest, loaded.lock?.lock, loaded.lock?.warnings)
        : { result: "ok", profile: loaded.lock!.profile, lock: loaded.lock!.lock, ...(loaded.lock!.metadata ? { metadata: loaded.lock!.metadata } : {}), ...(warnings.length ? { warnings } : {}) };
      io.out(`${JSON.stringify(report, null, 2)}\n`);
    } else {
      printSummary(io, loaded);
      printWarnings(io, warnings);
    }
    return EXIT.ok;
  },
};
