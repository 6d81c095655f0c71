// From a normalized manifest to what the resolver needs: root requirements by
// package identity (never by alias), dev and target requirements, features
// requested of dependencies, and the dependencies the resolver must not touch:
// stdlib modules (the toolchain provides them), path and git sources (the CLI
// fetches them). The CLI's install and the playground both call this.
import { own } from "../own.js";
import { CairnError } from "../errors.js";
import type { DependencyRecord, NormalizedManifest } from "./types.js";
import { parsePredicate } from "./zirric.js";

export interface ResolutionOptions {
  /** Platform/target name; target-specific dependencies for it apply. */
  target?: string;
  /** Features of the root package to enable (besides `default`). */
  features?: string[];
  noDefaultFeatures?: boolean;
}

export interface Resolution {
  root: Record<string, string>;
  root_dev: Record<string, string>;
  /** Features requested of dependencies: `{package: [feature]}`. */
  root_features: Record<string, string[]>;
  /** `{when: {package: range}}`, `when` being a target name (the core evaluates it against options.target). */
  root_target_deps: Record<string, Record<string, string>>;
  overrides?: Record<string, string>;
  options: {
    exactOnly?: boolean;
    prerelease?: string;
    versions?: string;
    policy?: string;
    cycles?: string;
    missing_feature?: string;
    target?: string;
  };
  /** Standard-library modules: provided by the toolchain, never resolved or fetched. */
  stdlib: string[];
  /** Explicit stdlib versions (Ori's security overrides), informational: still never fetched. */
  stdlib_versions: Record<string, string>;
  paths: Record<string, { path: string; package: string | null; version_req: string | null; kind: string; target: string | null }>;
  git: Record<string, { url: string; ref: string | null; ref_kind: string; version_req: string | null; range: string | null; package: string | null; kind: string; target: string | null }>;
  /** Source-facing name → package identity, where they differ. */
  aliases: Record<string, string>;
  /** The root's features after expansion (including `default` unless disabled). */
  enabled_features: string[];
}

/** A requirement as written → a node-semver range for the core. */
export function toRange(profile: string, d: Pick<DependencyRecord, "version_req" | "req_kind">): string {
  const req = d.version_req;
  if (req === null || d.req_kind === "none" || d.req_kind === "any") return "*";
  if (profile === "zirric") {
    // `^1.2.0, >=1.2.5` (all must hold) → `^1.2.0 >=1.2.5`; `==` is `=`; a leading `v` goes.
    const parts = req.split(",").map((p) => parsePredicate(p));
    if (parts.some((p) => p === null || p.verbal)) return "*";
    return parts.map((p) => `${p!.op === "==" ? "=" : p!.op}${p!.version.replace(/^v/, "")}`).join(" ");
  }
  return req.trim();
}


/** Sets a key, also `__proto__` (as an own property instead of the prototype). */
function put<T>(o: Record<string, T>, k: string, v: T): void {
  if (k === "__proto__") Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
  else o[k] = v;
}

function merge(into: Record<string, string>, pkg: string, range: string): void {
  const had = own(into, pkg);
  if (had === undefined || had === range || range === "*") {
    if (had === undefined) put(into, pkg, range);
    return;
  }
  if (had === "*") {
    put(into, pkg, range);
    return;
  }
  if (had.includes("||") || range.includes("||"))
    throw new CairnError("E_INVALID_VERSION_REQ", `\`${pkg}\` is required twice with ranges that cannot be combined: \`${had}\` and \`${range}\``, { location: { path: pkg } });
  put(into, pkg, `${had} ${range}`); // node-semver: space = AND
}

export function toResolution(manifest: NormalizedManifest, opts: ResolutionOptions = {}): Resolution {
  const features = (manifest.features ?? {}) as Record<string, unknown>;
  const deps = manifest.dependencies;
  const byName = new Set(deps.map((d) => d.name));

  // Expand the root's features: what they enable among optional deps, features they ask of deps, extra deps they carry.
  const enabledDeps = new Set<string>();
  const depFeatures = new Map<string, Set<string>>();
  const featureDeps: [string, string][] = []; // Epsilon: features carry their own dependency maps
  const requested = [...(opts.features ?? [])];
  if (!opts.noDefaultFeatures && Object.prototype.hasOwnProperty.call(features, "default")) requested.unshift("default");
  const seen = new Set<string>();
  const queue: string[] = [];
  for (const f of requested) {
    if (Object.prototype.hasOwnProperty.call(features, f)) queue.push(f);
    else if (byName.has(f)) enabledDeps.add(f);
    else throw new CairnError("E_BAD_OPTION", `the package has no feature \`${f}\``, { hint: `features: ${Object.keys(features).join(", ") || "(none)"}` });
  }
  const wantFeature = (dep: string, feat: string) => {
    if (!depFeatures.has(dep)) depFeatures.set(dep, new Set());
    depFeatures.get(dep)!.add(feat);
  };
  while (queue.length) {
    const f = queue.shift()!;
    if (seen.has(f)) continue;
    seen.add(f);
    const def = features[f];
    const items: string[] = Array.isArray(def) ? def.filter((x): x is string => typeof x === "string") : [];
    if (def && typeof def === "object" && !Array.isArray(def)) {
      const o = def as Record<string, unknown>;
      if (o.dependencies && typeof o.dependencies === "object") for (const [n, r] of Object.entries(o.dependencies as Record<string, unknown>)) featureDeps.push([n, typeof r === "string" ? r : "*"]);
      if (Array.isArray(o.features)) items.push(...o.features.filter((x): x is string => typeof x === "string"));
    }
    for (const it of items) {
      const slash = it.indexOf("/");
      if (it.startsWith("dep:")) enabledDeps.add(it.slice(4));
      else if (slash > 0 && !it.startsWith("@") && byName.has(it.slice(0, slash).replace(/\?$/, ""))) {
        const dep = it.slice(0, slash).replace(/\?$/, "");
        if (!it.slice(0, slash).endsWith("?")) enabledDeps.add(dep);
        wantFeature(dep, it.slice(slash + 1));
      } else if (Object.prototype.hasOwnProperty.call(features, it)) queue.push(it);
      else if (byName.has(it)) enabledDeps.add(it);
      // Anything else (MinZ features list source files) does not affect resolution.
    }
  }

  const res: Resolution = {
    root: {},
    root_dev: {},
    root_features: {},
    root_target_deps: {},
    options: {},
    stdlib: [],
    stdlib_versions: {},
    paths: {},
    git: {},
    aliases: {},
    enabled_features: [...seen],
  };
  const profile = manifest.profile;
  if (profile === "ori") res.options.exactOnly = true;
  const mo = (manifest.options ?? {}) as Record<string, unknown>;
  for (const [k, key] of [["versions", "versions"], ["prerelease", "prerelease"], ["policy", "policy"], ["cycles", "cycles"], ["missing-feature", "missing_feature"]] as const)
    if (typeof mo[k] === "string") res.options[key] = mo[k] as string;
  if (mo["exact-only"] === true) res.options.exactOnly = true;
  if (opts.target !== undefined) res.options.target = opts.target;
  if (manifest.overrides) res.overrides = { ...manifest.overrides };

  const stdlibSeen = new Set<string>();
  for (const d of deps) {
    if (d.optional && !enabledDeps.has(d.name)) continue;
    const identity = d.package ?? d.name;
    if (d.package !== null && d.package !== d.name) put(res.aliases, d.name, d.package);
    if (d.source === "stdlib") {
      if (!stdlibSeen.has(identity)) {
        stdlibSeen.add(identity);
        res.stdlib.push(identity);
      }
      if (d.version_req !== null) put(res.stdlib_versions, identity, d.version_req);
      continue;
    }
    if (d.source === "path") {
      put(res.paths, d.name, { path: d.path ?? "", package: d.package, version_req: d.version_req, kind: d.kind, target: d.target });
      continue;
    }
    if (d.source === "git") {
      const range = d.version_req === null ? null : toRange(profile, d);
      put(res.git, d.name, { ...(d.git ?? { url: identity, ref: null, ref_kind: "default-branch" }), version_req: d.version_req, range: range === "*" ? null : range, package: d.package, kind: d.kind, target: d.target });
      continue;
    }
    // registry and workspace sources: requirements on the package identity.
    const range = toRange(profile, d);
    if (d.target !== null) {
      if (own(res.root_target_deps, d.target) === undefined) put(res.root_target_deps, d.target, {});
      merge(own(res.root_target_deps, d.target)!, identity, range);
    } else merge(d.kind === "dev" ? res.root_dev : res.root, identity, range);
    const fs = [...d.features, ...(depFeatures.get(d.name) ?? [])];
    if (fs.length) put(res.root_features, identity, [...new Set([...(own(res.root_features, identity) ?? []), ...fs])]);
  }
  for (const [n, r] of featureDeps) {
    if (r.startsWith("git+")) continue; // a feature's git dependency is listed by the feature; the CLI fetches it
    merge(res.root, n, r.trim() === "latest" ? "*" : r);
  }
  return res;
}
