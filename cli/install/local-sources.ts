// Path and git dependencies as packages: each is fetched (git) or hashed
// (path), its own manifest read for its registry dependencies, and offered to
// the resolver as a one-version package in front of the registry.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import semver from "semver";
import { CairnError } from "../../bindings/errors.js";
import { readManifest } from "../../bindings/profiles/index.js";
import type { NormalizedManifest } from "../../bindings/profiles/types.js";
import type { MetadataProvider, RegistryPackage } from "../registry/types.js";
import type { Lock, LockedPackage } from "../../bindings/lock/model.js";
import { readPathSource } from "../sources/path.js";
import { vendorDirOf } from "../vendor/vendor-dir.js";
import { MANIFESTS, type Project } from "../project/project.js";
import { type DirectDep, normalizeReq } from "../project/requirements.js";

/** Path and git dependencies as one-version packages in front of the registry. */
export class OverlayProvider implements MetadataProvider {
  constructor(
    readonly local: Map<string, RegistryPackage>,
    readonly registry: MetadataProvider,
  ) {}
  async fetch(names: string[]): Promise<(RegistryPackage | null)[]> {
    const remote = names.filter((n) => !this.local.has(n));
    const got = remote.length ? await this.registry.fetch(remote) : [];
    const byName = new Map(remote.map((n, i) => [n, got[i] ?? null]));
    return names.map((n) => this.local.get(n) ?? byName.get(n) ?? null);
  }
}

function manifestOf(dir: string, profile: string): NormalizedManifest | undefined {
  for (const [file, p] of MANIFESTS) {
    if (p !== profile || !existsSync(join(dir, file))) continue;
    return readManifest(p, readFileSync(join(dir, file), "utf8"), { fileName: join(dir, file) }) as NormalizedManifest;
  }
  return undefined;
}

export interface LocalSource {
  dep: DirectDep;
  version: string;
  checksum: string;
  dir: string;
  pkg: RegistryPackage;
  lockSource: LockedPackage["source"];
}

export async function localSources(project: Project, deps: DirectDep[], opts: { offline: boolean; frozen: boolean; update?: string[] | "all"; env?: Record<string, string | undefined>; onEvent?: (e: { type: "note"; message: string }) => void }, cacheRoot: string, old: Lock | undefined): Promise<Map<string, LocalSource>> {
  const out = new Map<string, LocalSource>();
  // loaded only for git dependencies: it brings node:child_process, a few ms of every install otherwise
  const hasGit = deps.some((d) => d.source === "git");
  const { fetchGit, gitTags } = hasGit ? await import("../sources/git.js") : ({} as typeof import("../sources/git.js"));
  const { checkoutPreferringVendored } = hasGit ? await import("../vendor/vendored-git.js") : ({} as typeof import("../vendor/vendored-git.js"));
  for (const d of deps) {
    if (d.source !== "path" && d.source !== "git") continue;
    if (out.has(d.package)) continue;
    let dir: string;
    let checksum: string;
    let lockSource: LockedPackage["source"];
    if (d.source === "path") {
      const p = readPathSource(d.member.dir, d.path!, { file: d.member.manifestPath, path: d.where });
      dir = p.dir;
      checksum = p.checksum;
      const rel = join(d.member.path, p.path).split("\\").join("/");
      lockSource = { kind: "path", path: rel.startsWith(".") || rel.startsWith("/") ? rel : `./${rel}` };
    } else {
      const g = { ...d.git! };
      const updating = opts.update === "all" || opts.update?.includes(d.package) === true;
      const prevOf = (ref: string | null) => old?.packages.find((p) => p.name === d.package && p.source.kind === "git" && p.source.url === g.url && (ref === null || (p.source.ref ?? null) === ref));
      if (g.ref === null && g.refKind === "tag-by-predicate") {
        // Zirric: the newest tag whose version satisfies every predicate; the locked tag while it still does
        const prev = prevOf(null);
        const prevTag = prev?.source.kind === "git" ? prev.source.ref : undefined;
        if (!updating && prevTag && semver.satisfies(semver.coerce(prevTag)?.version ?? "", d.req)) g.ref = prevTag;
        else {
          const tags = gitTags(cacheRoot, g.url, opts.offline || opts.frozen).filter((t) => semver.valid(t.replace(/^v/, "")) && semver.satisfies(t.replace(/^v/, ""), d.req));
          tags.sort((a, b) => semver.rcompare(a.replace(/^v/, ""), b.replace(/^v/, "")));
          if (!tags.length) throw new CairnError("E_NO_SOLUTION", `${g.url} has no tag satisfying ${d.req}`, { location: { file: d.member.manifestPath, path: d.where }, hint: "list its tags with `git ls-remote --tags <url>`" });
          g.ref = tags[0]!;
        }
        g.refKind = "tag";
      }
      const refKind = g.refKind === "tag" || g.refKind === "branch" || g.refKind === "rev" ? g.refKind : g.ref && /^[0-9a-f]{7,40}$/.test(g.ref) ? "rev" : "tag";
      const ref = g.ref ? { [refKind]: g.ref } : {};
      const prev = prevOf(g.ref);
      const keep = prev && prev.source.kind === "git" && !updating ? prev.source.commit : undefined;
      // `cairn vendor`'s copy of the locked commit comes first (Zirric loads it before $ZIRRIC_PACKAGES); checked against the lock's tree1
      const onStale = (dir: string) => opts.onEvent?.({ type: "note", message: `${dir} is vendored at another commit than the lock's; Zirric loads it first, so run \`cairn vendor\` to replace it` });
      const where = { profile: project.profile, projectDir: project.dir, vendorDir: vendorDirOf(project.dir, opts.env), alias: d.name, cacheRoot, url: g.url, ref, onStale };
      const c = checkoutPreferringVendored(where, keep && prev ? { commit: keep, checksum: prev.checksum } : undefined, () =>
        fetchGit({ cacheRoot, url: g.url, ref, offline: opts.offline || opts.frozen, ...(keep ? { locked: keep } : {}) }),
      );
      dir = c.dir;
      checksum = c.checksum;
      lockSource = { kind: "git", url: g.url, commit: c.commit, ...(c.ref !== undefined ? { ref: c.ref, refKind: c.refKind } : {}) };
    }
    const m = manifestOf(dir, project.profile);
    const tagVersion = lockSource.kind === "git" && lockSource.refKind === "tag" && lockSource.ref ? semver.valid(lockSource.ref.replace(/^v/, "")) : null;
    const version = tagVersion ? tagVersion : typeof (m?.package as { version?: unknown } | null)?.version === "string" ? ((m!.package as { version: string }).version) : "0.0.0";
    const dependencies: Record<string, string> = {};
    for (const x of m?.dependencies ?? []) if (x.kind === "normal" && x.source === "registry") dependencies[x.package ?? x.name] = normalizeReq(x.version_req);
    out.set(d.package, { dep: d, version, checksum, dir, lockSource, pkg: { name: d.package, versions: { [version]: { checksum, dependencies } } } });
  }
  return out;
}

