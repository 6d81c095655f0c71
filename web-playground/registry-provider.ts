// The browser's MetadataProvider for a live static registry (DESIGN.md §5):
// fetches `packages/<name>.json` for exactly the packages the solver asks for,
// in parallel, and keeps what it fetched (the graph and lock need it). A
// missing file (404/410) means "no such package"; anything else is an error
// with a stable code.
import type { MetadataProvider } from "../bindings/resolver.js";
import type { PackageMetadata } from "../bindings/session.js";
import { CairnError } from "../bindings/errors.js";

/** `@scope/name` keeps its scope directory; each segment is percent-encoded. */
export function packagePath(name: string): string {
  return `packages/${name.split("/").map(encodeURIComponent).join("/")}.json`;
}

export class RegistryProvider implements MetadataProvider {
  readonly base: string;
  readonly fetched = new Map<string, PackageMetadata>();
  requests = 0;

  constructor(url: string, private readonly onFetch?: (names: string[]) => void) {
    this.base = url.endsWith("/") ? url : `${url}/`;
  }

  async fetch(names: string[]): Promise<(PackageMetadata | null)[]> {
    this.onFetch?.(names);
    return Promise.all(names.map((n) => this.one(n)));
  }

  private async one(name: string): Promise<PackageMetadata | null> {
    const url = new URL(packagePath(name), this.base).href;
    let res: Response;
    this.requests++;
    try {
      res = await fetch(url, { headers: { accept: "application/json" } });
    } catch (e) {
      throw new CairnError("E_NETWORK", `cannot fetch ${url}: ${(e as Error).message}`, {
        hint: "check the registry URL; a registry on another origin must send Access-Control-Allow-Origin",
      });
    }
    if (res.status === 404 || res.status === 410) return null;
    if (!res.ok) throw new CairnError("E_HTTP", `${url} answered HTTP ${res.status}`);
    let doc: unknown;
    try {
      doc = await res.json();
    } catch {
      throw new CairnError("E_REGISTRY_DATA", `${url} is not valid JSON`, { location: { file: url } });
    }
    const d = doc as { versions?: unknown };
    if (!d || typeof d !== "object" || !d.versions || typeof d.versions !== "object" || Array.isArray(d.versions)) {
      throw new CairnError("E_REGISTRY_DATA", `${url} has no \`versions\` object`, { location: { file: url, path: "versions" } });
    }
    const meta: PackageMetadata = { name, versions: d.versions as PackageMetadata["versions"] };
    this.fetched.set(name, meta);
    return meta;
  }
}
