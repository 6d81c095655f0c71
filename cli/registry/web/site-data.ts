// What the registry pages read from a registry directory: the package list,
// one package document, where each version's archive lives (for download
// counts) and the latest version's readme (from its archive, checked by
// readArchive like any download; never unpacked to disk).
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import semver from "semver";
import { readArchive } from "../../archive/read-archive.js";
import { checksumOf } from "../../archive/checksum.js";
import { DEFAULT_FILES_TEMPLATE, expandFilesTemplate, metadataPath, nameProblem } from "../names.js";
import type { RegistryConfig, RegistryPackage, SearchEntry } from "../types.js";

async function readJson<T>(file: string): Promise<T | undefined> {
  try {
    return JSON.parse(await readFile(file, "utf8")) as T;
  } catch {
    return undefined;
  }
}

export async function readConfig(dir: string): Promise<RegistryConfig> {
  return (await readJson<RegistryConfig>(join(dir, "config.json"))) ?? { api: 1 };
}

export async function readSearch(dir: string, config?: RegistryConfig): Promise<SearchEntry[]> {
  const rel = typeof config?.search === "string" ? config.search : "search.json";
  const doc = await readJson<{ packages?: SearchEntry[] }>(join(dir, rel));
  return (Array.isArray(doc?.packages) ? doc!.packages : []).filter((p) => typeof p?.name === "string" && !nameProblem(p.name));
}

export async function readPackage(dir: string, name: string): Promise<RegistryPackage | undefined> {
  if (nameProblem(name)) return undefined;
  const pkg = await readJson<RegistryPackage>(join(dir, metadataPath(name)));
  return pkg && pkg.name === name && typeof pkg.versions === "object" && pkg.versions !== null ? pkg : undefined;
}

/** The registry-relative archive path of a version (undefined when it is hosted elsewhere). */
export function archiveRelOf(pkg: RegistryPackage, version: string, config: RegistryConfig): string | undefined {
  const url = pkg.versions[version]?.url;
  if (typeof url === "string") return /^[a-z][a-z0-9+.-]*:/i.test(url) ? undefined : url.replace(/^\/+/, "");
  return expandFilesTemplate(typeof config.files === "string" ? config.files : DEFAULT_FILES_TEMPLATE, pkg.name, version);
}

const README = /^readme(\.md|\.markdown|\.txt)?$/i;
const readmes = new Map<string, string | null>();

/** The readme of the package's latest version, or undefined (no archive, no readme, or an archive that fails its checks). */
export async function readmeOf(dir: string, pkg: RegistryPackage, config: RegistryConfig): Promise<string | undefined> {
  const versions = Object.keys(pkg.versions).filter((v) => semver.valid(v)).sort(semver.rcompare);
  const latest = pkg.latest && pkg.versions[pkg.latest] ? pkg.latest : versions.find((v) => !pkg.versions[v]!.yanked) ?? versions[0];
  if (!latest) return undefined;
  const checksum = pkg.versions[latest]!.checksum;
  if (readmes.has(checksum)) return readmes.get(checksum) ?? undefined;
  const rel = archiveRelOf(pkg, latest, config);
  let text: string | null = null;
  try {
    if (rel && !rel.split("/").some((s) => s === ".." || s.startsWith("."))) {
      const bytes = await readFile(join(dir, rel));
      // Only bytes that match the listed checksum are trusted to speak for the package.
      if (checksumOf(bytes) === checksum) {
        const files = readArchive(bytes).files.filter((f) => !f.path.includes("/") && README.test(f.path));
        files.sort((a, b) => (a.path.toLowerCase().endsWith(".md") ? -1 : 0) - (b.path.toLowerCase().endsWith(".md") ? -1 : 0));
        if (files[0]) text = Buffer.from(files[0].data).toString("utf8");
      }
    }
  } catch {
    text = null;
  }
  if (readmes.size > 1000) readmes.clear();
  readmes.set(checksum, text);
  return text ?? undefined;
}
