// What `cairn pack`/`publish` need from a package directory's manifest:
// name, version and the metadata the registry records. cairn.toml is read
// here directly ([package], [dependencies] with `optional = true`,
// [features], [target.<t>.dependencies]); any other profile's manifest
// (oripk.toml, mzp.toml, package.edn, …) goes through its profile reader in
// bindings/profiles and is mapped from the normalized manifest.
import { readFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { parse, TomlError } from "smol-toml";
import { CairnError } from "../../bindings/errors.js";
import { checkName, checkVersion } from "./names.js";
import type { PublishMetadata } from "./types.js";
import { readManifest, MANIFEST_FILES } from "../../bindings/profiles/index.js";

export interface PackageManifest {
  name: string;
  version: string;
  metadata: PublishMetadata;
  file: string;
}

type Table = Record<string, unknown>;
const isTable = (v: unknown): v is Table => typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof Date);

function deps(t: unknown, where: string, file: string, optionalOut?: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  if (t === undefined) return out;
  if (!isTable(t)) throw new CairnError("E_INVALID_TYPE", `\`${where}\` must be a table`, { location: { file, path: where } });
  for (const [name, spec] of Object.entries(t)) {
    checkName(name, `${where}.${name}`);
    if (typeof spec === "string") out[name] = spec;
    else if (isTable(spec) && typeof spec.version === "string") {
      if (spec.optional === true && optionalOut) optionalOut[name] = spec.version;
      else out[name] = spec.version;
    } else if (isTable(spec) && (spec.path !== undefined || spec.git !== undefined)) {
      throw new CairnError("E_INVALID_PATH", `\`${where}.${name}\` is a path or git dependency, which a published package cannot have`, { location: { file, path: `${where}.${name}` }, hint: "publish that package to the registry first and depend on a version" });
    } else throw new CairnError("E_INVALID_TYPE", `\`${where}.${name}\` must be a version string or { version = "…" }`, { location: { file, path: `${where}.${name}` } });
  }
  return out;
}

/** A non-cairn profile's manifest, through its normalized form. */
function fromProfile(file: string, profile: (typeof MANIFEST_FILES)[number]["profile"]): PackageManifest {
  const m = readManifest(profile, readFileSync(file, "utf8"), { fileName: file });
  const pkg = m.package ?? {};
  const name = checkName(pkg.name, "package.name");
  if (pkg.version === undefined) throw new CairnError("E_MISSING_FIELD", "a published package needs a version", { location: { file, path: "package.version" } });
  const version = checkVersion(pkg.version, "package.version");
  const metadata: PublishMetadata = { dependencies: {} };
  if (typeof pkg.description === "string") metadata.description = pkg.description;
  if (typeof pkg.license === "string") metadata.license = pkg.license;
  for (const d of m.dependencies) {
    if (d.kind !== "normal" || d.source === "stdlib") continue; // dev deps stay home; stdlib is never fetched
    const where = `dependencies.${d.name}`;
    if (d.source !== "registry") throw new CairnError("E_INVALID_PATH", `\`${d.name}\` is a ${d.source} dependency, which a published package cannot have`, { location: { file, path: where } });
    const id = checkName(d.package ?? d.name, where);
    const req = d.version_req ?? "*";
    if (d.target) ((metadata.targets ??= {})[d.target] ??= {})[id] = req;
    else if (d.optional) (metadata.optional ??= {})[id] = req;
    else metadata.dependencies![id] = req;
  }
  return { name, version, metadata, file };
}

export function readPackageManifest(dir: string): PackageManifest {
  const file = join(dir, "cairn.toml");
  if (!existsSync(file)) {
    const other = MANIFEST_FILES.find((m) => m.profile !== "cairn" && existsSync(join(dir, m.file)));
    if (other) return fromProfile(join(dir, other.file), other.profile);
    throw new CairnError("E_IO", `no package manifest in \`${dir}\``, { hint: `pack and publish read the name and version from ${MANIFEST_FILES.map((m) => m.file).join(", ")}` });
  }
  let doc: Table;
  try {
    doc = parse(readFileSync(file, "utf8")) as Table;
  } catch (e) {
    if (e instanceof TomlError) throw new CairnError("E_SYNTAX", e.message.split("\n")[0]!, { location: { file, line: e.line, column: e.column } });
    throw new CairnError("E_IO", `cannot read \`${file}\`: ${(e as Error).message}`);
  }
  const pkg = doc.package;
  if (!isTable(pkg)) throw new CairnError("E_MISSING_FIELD", "`[package]` with `name` and `version` is required to pack", { location: { file, path: "package" } });
  const name = checkName(pkg.name, "package.name");
  const version = checkVersion(pkg.version, "package.version");
  const optional: Record<string, string> = {};
  const metadata: PublishMetadata = { dependencies: deps(doc.dependencies, "dependencies", file, optional) };
  if (Object.keys(optional).length > 0) metadata.optional = optional;
  if (typeof pkg.description === "string") metadata.description = pkg.description;
  if (typeof pkg.license === "string") metadata.license = pkg.license;
  if (Array.isArray(pkg.keywords)) metadata.keywords = pkg.keywords.filter((k): k is string => typeof k === "string");
  if (isTable(doc.features)) {
    metadata.features = {};
    for (const [f, spec] of Object.entries(doc.features)) {
      // `feature = ["dep", …]` lists optional deps it turns on; a table gives ranges directly.
      if (Array.isArray(spec)) metadata.features[f] = Object.fromEntries(spec.filter((d): d is string => typeof d === "string" && d in optional).map((d) => [d, optional[d]!]));
      else metadata.features[f] = deps(spec, `features.${f}`, file);
    }
  }
  if (isTable(doc.target)) {
    metadata.targets = {};
    for (const [t, spec] of Object.entries(doc.target)) {
      if (isTable(spec)) metadata.targets[t] = deps(spec.dependencies, `target.${t}.dependencies`, file);
    }
  }
  return { name, version, metadata, file };
}
