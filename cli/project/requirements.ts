// From normalized manifests to what the resolver and the lock need: the direct
// dependencies of every member, split by source, with the root requirements as
// the lock records them (`[[root]]` entries). Stdlib dependencies stop here:
// they are bundled with the language and never fetched.
import type { DependencyRecord } from "../../bindings/profiles/types.js";
import { toRange } from "../../bindings/profiles/resolution.js";
import type { LockEdge, LockRoot } from "../../bindings/lock/model.js";
import type { Member, Project } from "./project.js";

export interface DirectDep {
  member: Member;
  /** Name as written (the import name / alias). */
  name: string;
  /** Package identity (registry name, or the path/git dependency's name). */
  package: string;
  kind: "normal" | "dev";
  target: string | null;
  source: "registry" | "path" | "git" | "stdlib";
  req: string;
  optional: boolean;
  features: string[];
  path?: string;
  git?: { url: string; ref: string | null; refKind: string };
  /** Field path in the manifest, for messages. */
  where: string;
}

/** A requirement as node-semver reads it; per-profile spellings normalised. */
export function normalizeReq(req: string | null | undefined): string {
  if (req === null || req === undefined) return "*";
  const r = req.trim();
  if (r === "" || r === "latest" || r === "*") return "*";
  return r;
}

function toDirect(member: Member, d: DependencyRecord, workspaceDeps: Record<string, unknown>): DirectDep | undefined {
  const source = d.source === "workspace" ? (d.path ? "path" : d.git ? "git" : "registry") : d.source;
  // `name = { workspace = true }`: the requirement comes from the root's [workspace.dependencies]
  if (d.source === "workspace" && (d.version_req === null || d.version_req === undefined) && typeof workspaceDeps[d.name] === "string") {
    d = { ...d, version_req: workspaceDeps[d.name] as string, req_kind: "range" };
  }
  const base = {
    member,
    name: d.name,
    package: d.package ?? d.name,
    kind: d.kind,
    target: d.target ?? null,
    req: normalizeReq(toRange(member.manifest.profile, d)),
    optional: Boolean(d.optional),
    features: d.features ?? [],
    where: `${d.kind === "dev" ? "dev-dependencies" : "dependencies"}.${d.name}`,
  };
  if (source === "stdlib") return { ...base, source: "stdlib" };
  if (source === "path") return { ...base, source: "path", path: d.path ?? "." };
  if (source === "git") return { ...base, source: "git", git: { url: d.git!.url, ref: d.git!.ref, refKind: d.git!.ref_kind } };
  return { ...base, source: "registry" };
}

export function directDeps(project: Project): DirectDep[] {
  const out: DirectDep[] = [];
  const ws = ((project.members[0]!.manifest.workspace as { dependencies?: Record<string, unknown> } | undefined)?.dependencies ?? {}) as Record<string, unknown>;
  for (const m of project.members) for (const d of m.manifest.dependencies) {
    const x = toDirect(m, d, ws);
    if (x) out.push(x);
  }
  return out;
}

/** Does a target-specific dependency apply? `when` is a target name or `!name`; no target given = the host's. */
export function targetApplies(when: string | null, target: string | undefined): boolean {
  if (when === null) return true;
  const t = target ?? hostTarget();
  if (when.startsWith("!")) return when.slice(1) !== t;
  return when === t || when === `cfg(${t})` || when === `cfg(target_os = "${t}")`;
}

export function hostTarget(): string {
  return process.platform === "win32" ? "windows" : process.platform === "darwin" ? "macos" : process.platform;
}

/** The requirement text of a direct dependency as the lock records it. */
function edgeReq(d: DirectDep): string {
  let r = d.source === "registry" ? d.req : d.source === "path" ? `path:${d.path}` : `git:${d.git!.url}${d.git!.ref ? `@${d.git!.ref}` : d.req !== "*" ? ` ${d.req}` : ""}`;
  if (d.target) r += ` target=${d.target}`;
  if (d.features.length) r += ` features=${[...d.features].sort().join(",")}`;
  if (d.optional) r += " optional";
  return r;
}

/** The `[[root]]` entries: what the lock was resolved for. A change here means the lock is stale. */
export function lockRoots(project: Project, deps: DirectDep[]): LockRoot[] {
  // a virtual workspace root (no package, no dependencies of its own) is not a root of the graph
  const members = project.members.filter((m) => !(m.path === "." && project.members.length > 1 && !m.manifest.package && !deps.some((d) => d.member === m)));
  return members.map((m) => {
    const mine = deps.filter((d) => d.member === m && d.source !== "stdlib");
    const edges = (k: "normal" | "dev"): LockEdge[] => mine.filter((d) => d.kind === k).map((d) => ({ name: d.package, req: edgeReq(d) }));
    const name = (m.manifest.package as { name?: unknown } | null)?.name;
    return { path: m.path, name: typeof name === "string" ? name : m.path === "." ? "root" : m.path, dependencies: edges("normal"), devDependencies: edges("dev") };
  });
}
