// Package names and versions as the registry accepts them, and where they
// live in a registry directory (docs/REGISTRY.md#names-and-paths). Names are
// lowercase ASCII so that a path never depends on a file system's case rules;
// a scoped name `@scope/name` keeps its `@scope/` directory.
import semver from "semver";
import { CairnError } from "../../bindings/errors.js";

const PART = /^[a-z0-9][a-z0-9._-]*$/;
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/;
export const MAX_NAME_LENGTH = 128;
export const MAX_VERSION_LENGTH = 64;

/** The reason `name` is not a valid package name, or undefined when it is. */
export function nameProblem(name: unknown): string | undefined {
  if (typeof name !== "string" || name === "") return "a package name must be a non-empty string";
  if (name.length > MAX_NAME_LENGTH) return `a package name is at most ${MAX_NAME_LENGTH} characters`;
  const m = /^(?:@([^/]+)\/)?([^/@]+)$/.exec(name);
  if (!m) return "a package name is `name` or `@scope/name`";
  for (const part of [m[1], m[2]]) {
    if (part === undefined) continue;
    if (!PART.test(part)) return "names use lowercase ASCII letters, digits, `.`, `-` and `_`, and start with a letter or digit";
    if (part.endsWith(".") || part.includes("..")) return "a name may not end with `.` or contain `..`";
    if (WINDOWS_RESERVED.test(part.split(".")[0]!)) return `\`${part}\` is a name Windows reserves`;
  }
  return undefined;
}

export function checkName(name: unknown, where?: string): string {
  const problem = nameProblem(name);
  if (problem) {
    throw new CairnError("E_INVALID_NAME", `\`${String(name).slice(0, 140)}\` is not a valid package name: ${problem}`, {
      location: where ? { path: where } : {},
      hint: "examples: `fmt`, `zx-core`, `epsilon.json`, `@orilib/utils`",
    });
  }
  return name as string;
}

export function checkVersion(version: unknown, where?: string): string {
  const parsed = typeof version === "string" && version.length <= MAX_VERSION_LENGTH ? semver.parse(version) : null;
  // semver drops build metadata from `.version`; put it back so `v1.0.0` or ` 1.0.0` don't pass as `1.0.0`.
  if (parsed === null || `${parsed.version}${parsed.build.length ? `+${parsed.build.join(".")}` : ""}` !== version) {
    throw new CairnError("E_INVALID_VERSION", `\`${String(version).slice(0, 80)}\` is not a valid version`, {
      location: where ? { path: where } : {},
    });
  }
  return version;
}

/** A version without its build metadata: `1.0.7+x` and `1.0.7` are the same release (as in cargo). */
export function releaseOf(version: string): string {
  const plus = version.indexOf("+");
  return plus < 0 ? version : version.slice(0, plus);
}

export function baseName(name: string): string {
  return name.slice(name.lastIndexOf("/") + 1);
}

/** `packages/<name>.json`, relative to the registry root. */
export function metadataPath(name: string): string {
  return `packages/${name}.json`;
}

/** The default archive template of config.json. */
export const DEFAULT_FILES_TEMPLATE = "files/{name}/{basename}-{version}.tar.gz";

export function expandFilesTemplate(template: string, name: string, version: string): string {
  return template.replace(/\{name\}/g, name).replace(/\{basename\}/g, baseName(name)).replace(/\{version\}/g, version);
}

/** `files/<name>/<basename>-<version>.tar.gz`, relative to the registry root. */
export function archivePath(name: string, version: string): string {
  return expandFilesTemplate(DEFAULT_FILES_TEMPLATE, name, version);
}

/** A URL path for a relative registry path: each segment percent-encoded, `@` kept. */
export function urlPath(rel: string): string {
  return rel.split("/").map((s) => encodeURIComponent(s).replace(/%40/g, "@")).join("/");
}
