// `cairn add` / `cairn remove` as text edits, per profile. Each profile has
// its own spelling of a dependency (docs/CLI.md "add per profile"); what a
// profile cannot express is a usage error naming the profile, not a silent
// drop.
import { CairnError } from "../../bindings/errors.js";
import type { ProfileName } from "../lock/profile-locks.js";
import { setTomlEntry, removeTomlEntry, tomlInline } from "./toml-edit.js";
import { setEdnEntry, removeEdnEntry } from "./edn-edit.js";
import { addCaveField, removeCaveField } from "./cavefile-edit.js";

export type DepSource =
  | { kind: "registry"; req: string }
  | { kind: "stdlib" }
  | { kind: "path"; path: string }
  | { kind: "git"; url: string; tag?: string; rev?: string; branch?: string; req?: string };

export interface DepSpec {
  name: string;
  source: DepSource;
  dev?: boolean;
  optional?: boolean;
  target?: string;
  features?: string[];
}

const unsupported = (profile: string, what: string): never => {
  throw new CairnError("E_USAGE", `the ${profile} profile has no way to write ${what}`, { hint: "see docs/CLI.md, \"add per profile\"" });
};

const isExact = (req: string) => /^=?\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/.test(req.trim());

function tomlTable(profile: ProfileName, spec: DepSpec): string[] {
  if (profile === "minz") {
    if (spec.dev) unsupported("minz", "dev-dependencies");
    return spec.target ? ["platform-dependencies", spec.target] : ["dependencies"];
  }
  const kind = spec.dev ? "dev-dependencies" : "dependencies";
  return spec.target ? ["target", spec.target, kind] : [kind];
}

function tomlValue(profile: ProfileName, spec: DepSpec): string | undefined {
  const s = spec.source;
  if (profile === "minz" && spec.features?.length) unsupported("minz", "dependency features (MinZ features select files)");
  if (profile === "minz" && spec.optional) unsupported("minz", "optional dependencies");
  if (s.kind === "stdlib") {
    if (profile !== "ori") unsupported(profile, "stdlib dependencies");
    return undefined;
  }
  if (s.kind === "registry" && profile === "ori" && !isExact(s.req)) {
    throw new CairnError("E_VERSION_NOT_EXACT", `Ori accepts exact versions only, not ${JSON.stringify(s.req)}`, { location: { path: `dependencies.${spec.name}` } });
  }
  const extra: [string, string | boolean | string[] | undefined][] = [
    ["features", spec.features],
    ["optional", spec.optional],
  ];
  if (s.kind === "registry") return extra.every(([, v]) => v === undefined || v === false || (Array.isArray(v) && !v.length)) ? JSON.stringify(s.req) : tomlInline([["version", s.req], ...extra]);
  if (s.kind === "path") return tomlInline([["path", s.path], ...extra]);
  return tomlInline([["git", s.url], ["tag", s.tag], ["rev", s.rev], ["branch", s.branch], ["version", s.req], ...extra]);
}

function ednValue(spec: DepSpec): string {
  const s = spec.source;
  if (s.kind === "registry") return JSON.stringify(s.req);
  if (s.kind === "path") return `{"path" ${JSON.stringify(s.path)}}`;
  if (s.kind === "git") return JSON.stringify(`git+${s.url}@${s.tag ?? s.rev ?? s.branch ?? "main"}`);
  return unsupported("epsilon", "stdlib dependencies");
}

function ednSection(spec: DepSpec): string[] {
  if (spec.target) unsupported("epsilon", "target-specific dependencies");
  if (spec.features?.length) unsupported("epsilon", "dependency features");
  if (spec.dev) return ["dev-dependencies", "dev_dependencies"];
  if (spec.optional) return ["optional-dependencies"];
  return ["dependencies", "requires", "depends-on"];
}

export function addDependency(profile: ProfileName, text: string, spec: DepSpec, file: string): string {
  switch (profile) {
    case "catalyst":
      // Catalyst V1: local, direct dependencies only
      if (spec.source.kind !== "path" || spec.dev || spec.optional || spec.features?.length) unsupported("catalyst", "anything but local path dependencies (Catalyst V1)");
      return setTomlEntry(text, spec.target ? ["target", spec.target, "dependencies"] : ["dependencies"], spec.name, tomlInline([["path", (spec.source as { path: string }).path]]));
    case "cairn":
    case "minz":
    case "ori":
      return setTomlEntry(text, tomlTable(profile, spec), spec.name, tomlValue(profile, spec));
    case "epsilon":
      return setEdnEntry(text, ednSection(spec), spec.name, ednValue(spec));
    case "zirric": {
      if (spec.dev || spec.target || spec.optional || spec.features?.length) unsupported("zirric", "dev, target, optional or feature dependencies");
      const s = spec.source;
      if (s.kind === "registry") unsupported("zirric", "registry dependencies (Zirric depends on Git, local or stdlib sources)");
      const versions = s.kind === "git" ? [s.req ?? s.tag ?? s.rev ?? s.branch].filter((x): x is string => x !== undefined) : [];
      return addCaveField(text, { name: spec.name, ...(s.kind === "git" ? { git: s.url, versions } : s.kind === "path" ? { local: s.path } : { stdlib: spec.name }) }, file);
    }
    default:
      return unsupported(profile, "dependencies from the command line");
  }
}

/** Removes the dependency from every section it appears in; throws when it is in none. */
export function removeDependency(profile: ProfileName, text: string, name: string, file: string, sections: string[][] = []): string {
  let out: string | undefined;
  const tryAll = (f: (t: string) => string | undefined) => {
    let t = text;
    let hit = false;
    for (;;) {
      const r = f(t);
      if (r === undefined) break;
      t = r;
      hit = true;
    }
    return hit ? t : undefined;
  };
  switch (profile) {
    case "catalyst":
    case "cairn":
    case "minz":
    case "ori": {
      const tables = [["dependencies"], ["dev-dependencies"], ...sections];
      out = tryAll((t) => {
        for (const tb of tables) {
          const r = removeTomlEntry(t, tb, name);
          if (r !== undefined) return r;
        }
        return undefined;
      });
      break;
    }
    case "epsilon":
      out = tryAll((t) => removeEdnEntry(t, ["dependencies", "requires", "depends-on"], name) ?? removeEdnEntry(t, ["dev-dependencies"], name) ?? removeEdnEntry(t, ["optional-dependencies"], name));
      break;
    case "zirric":
      out = removeCaveField(text, name, file);
      break;
    default:
      unsupported(profile, "dependency removal");
  }
  if (out === undefined) {
    throw new CairnError("E_UNKNOWN_PACKAGE", `${name} is not a dependency in ${file}`, { location: { file }, hint: "`cairn tree --depth 1` lists the direct dependencies" });
  }
  return out;
}
