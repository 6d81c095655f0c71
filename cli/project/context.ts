// The global flags every project command shares, read once, plus the project
// itself and the registry: `--cwd`, `--profile`, `--registry` (else
// $CAIRN_REGISTRY, else the registry the lock was made with), `--offline`,
// `--frozen` (implies offline and locked), `--locked`, `--target`, `--features`.
import { resolve } from "node:path";
import { flagBool, flagString, type ParsedArgs } from "../args.js";
import type { Io } from "../output.js";
import { info, style } from "../output.js";
import { findProject, type Project } from "./project.js";
import { installedGraph, loadLock } from "../install/sync.js";
import { layoutFor } from "../install/layout.js";
import { registryAccess, type RegistryAccess } from "../install/registry-access.js";
import { vendorDirOf } from "../vendor/vendor-dir.js";
import { eventLogger } from "../registry/cli-client.js";
import type { SyncEvent, SyncOptions } from "../install/sync.js";

export interface Context {
  io: Io;
  cwd: string;
  json: boolean;
  offline: boolean;
  frozen: boolean;
  locked: boolean;
  target?: string;
  features: string[];
  profile?: string;
  registryUrl?: string;
}

export function context(args: ParsedArgs, io: Io): Context {
  const frozen = flagBool(args, "frozen");
  const features = (flagString(args, "features") ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  return {
    io,
    cwd: resolve(io.cwd, flagString(args, "cwd") ?? "."),
    json: flagBool(args, "json"),
    offline: flagBool(args, "offline") || frozen,
    frozen,
    locked: flagBool(args, "locked") || frozen,
    target: flagString(args, "target"),
    features,
    profile: flagString(args, "profile"),
    registryUrl: flagString(args, "registry") ?? (io.env.CAIRN_REGISTRY || undefined),
  };
}

export function openProject(ctx: Context): Project {
  return findProject(ctx.cwd, ctx.profile);
}

/** The registry: the flag or env, else the one the lock's registry packages came from. */
export function openRegistry(ctx: Context, project: Project): RegistryAccess {
  let url = ctx.registryUrl;
  if (!url) {
    try {
      const l = loadLock(project, "");
      const graph = l.format.recordsGraph ? l.lock : installedGraph(layoutFor(project.profile, project.dir, ctx.io.env));
      const p = (graph ?? l.lock)?.packages.find((x) => x.source.kind === "registry" && x.source.url);
      if (p && p.source.kind === "registry") url = p.source.url;
    } catch {
      /* an unreadable lock is reported by the command itself */
    }
  }
  return registryAccess({
    url,
    offline: ctx.offline,
    vendorDir: vendorDirOf(project.dir, ctx.io.env), // `cairn vendor` output, if any (cli/vendor/)
    env: ctx.io.env,
    // The same warning lines (with codes) as every other command that talks to a registry.
    onEvent: eventLogger(ctx.io),
  });
}

/** Progress on stderr: a one-line bar on a TTY, nothing per package otherwise. */
export function progress(ctx: Context): (e: SyncEvent) => void {
  const io = ctx.io;
  let bar = false;
  return (e) => {
    if (io.quiet) return;
    if (e.type === "note") info(io, `${style.yellow(io, "note")}: ${e.message}`);
    else if (e.type === "resolving" && io.verbose) info(io, "resolving…");
    else if (e.type === "fetch" && io.isTTY) {
      const width = 20;
      const done = Math.round((e.index / e.total) * width);
      io.err(`\r\x1b[2K[${"#".repeat(done)}${" ".repeat(width - done)}] ${e.index}/${e.total} ${e.name} ${e.version}`);
      bar = true;
    } else if (e.type === "installed" && bar) {
      io.err("\r\x1b[2K");
      bar = false;
    }
  };
}

export function syncOptions(ctx: Context, extra: Partial<SyncOptions> = {}): SyncOptions {
  return {
    offline: ctx.offline,
    frozen: ctx.frozen,
    locked: ctx.locked,
    ...(ctx.target ? { target: ctx.target } : {}),
    features: ctx.features,
    env: ctx.io.env,
    onEvent: progress(ctx),
    ...extra,
  };
}
