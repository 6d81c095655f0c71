// The normalized manifest every profile reader produces: the shape of the
// corpus's expected.json (schema seed-profile-case/1), plus warnings.
import type { ErrorCode } from "../errors.js";

export type ProfileName =
  | "ori"
  | "catalyst"
  | "catalyst-cep0003"
  | "minz"
  | "minz-registry"
  | "zirric"
  | "epsilon"
  | "cairn";

export const PROFILES: readonly ProfileName[] = [
  "ori",
  "catalyst",
  "catalyst-cep0003",
  "minz",
  "minz-registry",
  "zirric",
  "epsilon",
  "cairn",
];

export type DependencySource = "registry" | "stdlib" | "path" | "git" | "workspace";

export type ReqKind =
  | "exact"
  | "caret"
  | "tilde"
  | "wildcard"
  | "gte"
  | "gt"
  | "lte"
  | "lt"
  | "range"
  | "any"
  | "verbal"
  | "bare"
  | "none";

export interface GitSpec {
  url: string;
  ref: string | null;
  /** rev | tag | branch | ref (a named ref of unknown kind) | default-branch | tag-by-predicate */
  ref_kind: string;
}

export interface DependencyRecord {
  /** The key as written: package name, or the source-facing alias/import name. */
  name: string;
  /** Canonical identity; null for path dependencies whose identity comes from the target's manifest. */
  package: string | null;
  source: DependencySource;
  version_req: string | null;
  req_kind: ReqKind;
  optional: boolean;
  kind: "normal" | "dev";
  target: string | null;
  features: string[];
  default_features: boolean;
  path: string | null;
  git: GitSpec | null;
  /** Profile-specific extras (stdlib_override, prerelease, resolved_from, stdlib_module, …). */
  [extra: string]: unknown;
}

export interface Warning {
  code: ErrorCode;
  message: string;
  path?: string;
  file?: string;
  line?: number;
  column?: number;
}

export interface LockEntry {
  package: string;
  version: string;
  checksum: { algorithm: string; digest: string } | null;
  source: string | null;
  git_hash: string | null;
}

export interface NormalizedManifest {
  profile: ProfileName;
  mode?: string;
  package: Record<string, unknown> | null;
  dependencies: DependencyRecord[];
  features?: Record<string, unknown>;
  targets?: Record<string, unknown>;
  workspace?: Record<string, unknown>;
  scripts?: Record<string, string>;
  registries?: Record<string, unknown>;
  metadata?: Record<string, unknown>;
  exports?: Record<string, unknown>;
  tasks?: unknown;
  overrides?: Record<string, string>;
  options?: Record<string, unknown>;
  /** MinZ registry documents: version → {url, checksum, dependencies, yanked?}. */
  versions?: Record<string, Record<string, unknown>>;
  lock?: LockEntry[];
  warnings: Warning[];
  [extra: string]: unknown;
}

export interface ReadOptions {
  /** Shown in errors and warnings (file:line:col). */
  fileName?: string;
  /** Ori workspace members: the workspace root's oripk.toml, to resolve `workspace = true`. */
  workspaceRoot?: { text: string; fileName?: string };
}

export interface NormalizedLock {
  profile: ProfileName;
  lock: LockEntry[];
  metadata?: Record<string, unknown>;
  warnings: Warning[];
}
