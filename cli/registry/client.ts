// The registry client (DESIGN.md §5, docs/REGISTRY.md#client):
//
//   const client = createRegistryClient({ urls, cacheDir, offline, token, onEvent });
//   await client.fetch(["fmt", "greet"])          // MetadataProvider: docs or null
//   await client.downloadArchive("fmt", "1.2.0")  // verified bytes, cached by checksum
//   await client.ensureTree("fmt", "1.2.0")       // extracted, checked tree in the cache
//   await client.search("json"); await client.publish({...}); await client.yank(...)
//
// It fetches only the packages asked for (several at once, each once per
// client), revalidates cached metadata with If-None-Match, retries transient
// failures, and with `offline` answers from the cache alone, naming whatever
// is missing. Registries are http(s):// URLs, file:// URLs or directories,
// tried in order. It never prints: progress leaves as events.
import { readFile } from "node:fs/promises";
import { resolve as resolvePath, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createHash } from "node:crypto";
import semver from "semver";
import { CairnError } from "../../bindings/errors.js";
import { Cache, defaultCacheDir } from "../cache/cache.js";
import { checksumOf, parseChecksum } from "../archive/checksum.js";
import { withDefaults, type ArchiveLimits } from "../archive/limits.js";
import { request, httpError, redactUrl, type HttpOptions, type HttpResponse } from "./http.js";
import { checkName, expandFilesTemplate, metadataPath, DEFAULT_FILES_TEMPLATE, urlPath } from "./names.js";
import { RegistryStore } from "./store.js";
import type { PublishMetadata, RegistryConfig, RegistryPackage, SearchEntry, MetadataProvider } from "./types.js";
import { isUnreachable } from "../mirror/registry-list.js";

/** Package documents, config.json and search.json larger than this are refused. */
export const MAX_DOCUMENT_BYTES = 32 * 1024 * 1024;

export type RegistryEvent =
  | { type: "metadata"; name: string; registry: string; status: "fetched" | "revalidated" | "cached" | "not-found" }
  | { type: "download"; name: string; version: string; bytes: number; registry: string }
  | { type: "retry"; url: string; attempt: number; delayMs: number; reason: string }
  | { type: "lock-wait"; pid?: number }
  /** A registry in the list was unreachable; the next one is tried (mirrors). */
  | { type: "fallback"; registry: string; reason: string };

export interface RegistryClientOptions {
  /** Registries in priority order: http(s) URLs, file:// URLs or directory paths. */
  urls: string[];
  /** The global cache root (default: $CAIRN_HOME or the XDG cache dir). */
  cacheDir?: string;
  offline?: boolean;
  /**
   * Offline, offer the resolver only versions whose archive (or extracted
   * tree) is in the cache, so it never picks one it cannot install (pnpm#10715).
   */
  cachedVersionsOnly?: boolean;
  /** Bearer token for publish/yank/unyank (sent to the first registry only). */
  token?: string;
  onEvent?: (e: RegistryEvent) => void;
  retries?: number;
  retryDelayMs?: number;
  timeoutMs?: number;
  /** Packages fetched at once. */
  concurrency?: number;
  limits?: Partial<ArchiveLimits>;
  fetchImpl?: typeof fetch;
}

export interface Registry {
  /** As given (http) or as a path (local). */
  url: string;
  kind: "http" | "local";
  /** Directory for local registries. */
  dir?: string;
  /** Stable cache key: a hash of the normalized URL. */
  id: string;
}

export function parseRegistry(url: string, cwd = process.cwd()): Registry {
  let kind: Registry["kind"] = "local";
  let norm: string;
  let dir: string | undefined;
  if (/^https?:\/\//i.test(url)) {
    kind = "http";
    const u = new URL(url);
    if (!u.pathname.endsWith("/")) u.pathname += "/";
    norm = u.toString();
  } else if (/^file:\/\//i.test(url)) {
    dir = fileURLToPath(url);
    norm = dir;
  } else if (/^[a-z][a-z0-9+.-]*:\/\//i.test(url)) {
    throw new CairnError("E_USAGE", `unsupported registry URL scheme in \`${redactUrl(url)}\``, { hint: "use http://, https://, file:// or a directory path" });
  } else {
    dir = resolvePath(cwd, url);
    norm = dir;
  }
  const id = `${kind === "http" ? new URL(norm).host.replace(/[^a-zA-Z0-9.-]/g, "_") : "local"}-${createHash("sha256").update(norm).digest("hex").slice(0, 16)}`;
  return { url: norm, kind, dir, id };
}

/** Checks the shape of a packages/<name>.json document. */
export function parsePackageDoc(text: string, name: string, where: string): RegistryPackage {
  const fail = (message: string, path?: string): never => {
    throw new CairnError("E_REGISTRY_DATA", message, { location: { file: where, ...(path ? { path } : {}) } });
  };
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    return fail(`not valid JSON: ${(e as Error).message}`);
  }
  if (typeof doc !== "object" || doc === null || Array.isArray(doc)) return fail("expected a JSON object");
  const pkg = doc as RegistryPackage;
  if (pkg.name !== name) fail(`describes \`${String(pkg.name)}\`, not \`${name}\``, "name");
  if (typeof pkg.versions !== "object" || pkg.versions === null || Array.isArray(pkg.versions)) fail("`versions` must be an object", "versions");
  for (const [v, entry] of Object.entries(pkg.versions)) {
    if (semver.valid(v) === null) fail(`\`${v.slice(0, 80)}\` is not a valid version`, `versions.${v.slice(0, 80)}`);
    if (typeof entry !== "object" || entry === null) fail("each version must be an object", `versions.${v}`);
    try {
      parseChecksum(entry.checksum);
    } catch {
      fail(`\`checksum\` must be sha256:<64 hex>`, `versions.${v}.checksum`);
    }
    if (entry.url !== undefined && typeof entry.url !== "string") fail("`url` must be a string", `versions.${v}.url`);
  }
  return pkg;
}

export interface PublishRequest {
  name: string;
  version: string;
  bytes: Uint8Array;
  metadata?: PublishMetadata;
}

export class RegistryClient implements MetadataProvider {
  readonly registries: Registry[];
  readonly cache: Cache;
  private readonly memo = new Map<string, Promise<{ pkg: RegistryPackage; registry: Registry } | null>>();
  /** Registries found unreachable during this client's life: skipped while a later one in the list remains (mirrors). */
  private readonly down = new Set<Registry>();
  private readonly configs = new Map<string, Promise<RegistryConfig>>();
  private readonly http: HttpOptions;
  private readonly maxArchiveBytes: number;

  constructor(private readonly opts: RegistryClientOptions) {
    if (opts.urls.length === 0) throw new CairnError("E_USAGE", "no registry configured", { hint: "pass --registry URL" });
    this.registries = opts.urls.map((u) => parseRegistry(u));
    this.cache = new Cache(opts.cacheDir ?? defaultCacheDir());
    this.maxArchiveBytes = withDefaults(opts.limits).maxArchiveSize;
    this.http = {
      retries: opts.retries ?? 3,
      retryDelayMs: opts.retryDelayMs ?? 200,
      timeoutMs: opts.timeoutMs ?? 30_000,
      fetchImpl: opts.fetchImpl,
      onRetry: (info) => opts.onEvent?.({ type: "retry", ...info }),
    };
  }

  private emit(e: RegistryEvent): void {
    this.opts.onEvent?.(e);
  }

  private async get(registry: Registry, rel: string, headers: Record<string, string> = {}): Promise<HttpResponse> {
    if (registry.kind === "local") {
      try {
        return { status: 200, headers: new Headers(), body: await readFile(join(registry.dir!, rel)) };
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === "ENOENT" || code === "ENOTDIR" || code === "EISDIR") return { status: 404, headers: new Headers(), body: Buffer.alloc(0) };
        throw new CairnError("E_IO", `cannot read \`${join(registry.dir!, rel)}\`: ${(e as Error).message}`);
      }
    }
    const maxBytes = rel.startsWith("packages/") || rel.endsWith(".json") ? MAX_DOCUMENT_BYTES : this.maxArchiveBytes;
    return request("GET", new URL(urlPath(rel), registry.url).toString(), { headers: { accept: "application/json, */*", ...headers } }, { ...this.http, maxBytes });
  }

  private where(registry: Registry, rel: string): string {
    return registry.kind === "local" ? join(registry.dir!, rel) : redactUrl(new URL(urlPath(rel), registry.url).toString());
  }

  /** MetadataProvider: one document (or null when no registry has it) per name, in order. */
  async fetch(names: string[]): Promise<(RegistryPackage | null)[]> {
    const limit = Math.max(1, this.opts.concurrency ?? 8);
    const out: (RegistryPackage | null)[] = new Array(names.length).fill(null);
    let next = 0;
    const worker = async () => {
      while (next < names.length) {
        const i = next++;
        out[i] = (await this.lookup(names[i]!))?.pkg ?? null;
      }
    };
    await Promise.all(Array.from({ length: Math.min(limit, names.length) }, worker));
    return out;
  }

  async getPackage(name: string): Promise<RegistryPackage | null> {
    return (await this.lookup(name))?.pkg ?? null;
  }

  private lookup(name: string): Promise<{ pkg: RegistryPackage; registry: Registry } | null> {
    let p = this.memo.get(name);
    if (!p) {
      p = this.lookupUncached(name);
      this.memo.set(name, p);
      p.catch(() => this.memo.delete(name));
    }
    return p;
  }

  private async lookupUncached(name: string): Promise<{ pkg: RegistryPackage; registry: Registry } | null> {
    checkName(name);
    const rel = metadataPath(name);
    let missingOffline = false;
    const unreachable: unknown[] = [];
    for (const registry of this.registries) {
      if (registry.kind === "local") {
        const res = await this.get(registry, rel);
        if (res.status === 404) continue;
        this.emit({ type: "metadata", name, registry: registry.url, status: "fetched" });
        return { pkg: parsePackageDoc(res.body.toString("utf8"), name, this.where(registry, rel)), registry };
      }
      const cached = this.cache.readMetadata(registry.id, name);
      if (this.opts.offline) {
        if (!cached) {
          missingOffline = true;
          continue;
        }
        this.emit({ type: "metadata", name, registry: registry.url, status: "cached" });
        const pkg = parsePackageDoc(cached.body, name, this.cache.metadataFile(registry.id, name));
        if (this.opts.cachedVersionsOnly) {
          for (const [v, entry] of Object.entries(pkg.versions)) {
            if (!this.cache.hasArchive(entry.checksum) && !this.cache.tree(entry.checksum)) delete pkg.versions[v];
          }
        }
        return { pkg, registry };
      }
      // Validators: the ETag when the server gave one, else Last-Modified (plain static servers).
      const validators: Record<string, string> = {};
      if (cached?.etag) validators["if-none-match"] = cached.etag;
      else if (cached?.lastModified) validators["if-modified-since"] = cached.lastModified;
      // Mirror fallback (cli/mirror/registry-list.ts): an unreachable registry hands over to the next URL.
      let res: HttpResponse;
      const last = registry === this.registries[this.registries.length - 1];
      if (this.down.has(registry) && !last) {
        unreachable.push(new CairnError("E_NETWORK", `${redactUrl(registry.url)} was unreachable earlier in this run`));
        continue;
      }
      try {
        res = await this.get(registry, rel, validators);
        if (res.status !== 200 && res.status !== 304 && res.status !== 404 && res.status !== 410) throw httpError("GET", new URL(urlPath(rel), registry.url).toString(), res);
      } catch (e) {
        if (!isUnreachable(e) || last) throw e;
        this.down.add(registry);
        unreachable.push(e);
        this.emit({ type: "fallback", registry: redactUrl(registry.url), reason: (e as Error).message });
        continue;
      }
      if (res.status === 304 && cached) {
        this.emit({ type: "metadata", name, registry: registry.url, status: "revalidated" });
        return { pkg: parsePackageDoc(cached.body, name, this.cache.metadataFile(registry.id, name)), registry };
      }
      if (res.status === 404 || res.status === 410) {
        this.emit({ type: "metadata", name, registry: registry.url, status: "not-found" });
        continue;
      }
      if (res.status !== 200) throw httpError("GET", new URL(urlPath(rel), registry.url).toString(), res);
      const body = res.body.toString("utf8");
      const pkg = parsePackageDoc(body, name, this.where(registry, rel));
      this.cache.writeMetadata(registry.id, name, { etag: res.headers.get("etag") ?? undefined, lastModified: res.headers.get("last-modified") ?? undefined, url: registry.url, body });
      this.emit({ type: "metadata", name, registry: registry.url, status: "fetched" });
      return { pkg, registry };
    }
    // Every registry that could have had it was unreachable: "not found" would be a lie.
    if (unreachable.length > 0) throw unreachable[0];
    if (missingOffline) {
      throw new CairnError("E_OFFLINE_MISSING", `the metadata of \`${name}\` is not in the cache`, { details: { package: name } });
    }
    return null;
  }

  private config(registry: Registry): Promise<RegistryConfig> {
    let p = this.configs.get(registry.url);
    if (!p) {
      p = (async () => {
        const res = await this.get(registry, "config.json");
        if (res.status === 404) return { api: 1, files: DEFAULT_FILES_TEMPLATE, search: "search.json" };
        if (res.status !== 200) throw httpError("GET", this.where(registry, "config.json"), res);
        try {
          const doc = JSON.parse(res.body.toString("utf8")) as RegistryConfig;
          if (typeof doc !== "object" || doc === null || doc.api !== 1) throw new Error("`api` must be 1");
          return doc;
        } catch (e) {
          throw new CairnError("E_REGISTRY_DATA", `config.json: ${(e as Error).message}`, { location: { file: this.where(registry, "config.json") } });
        }
      })();
      this.configs.set(registry.url, p);
      p.catch(() => this.configs.delete(registry.url));
    }
    return p;
  }

  /** The archive of name@version: from the cache, else downloaded, verified (before anything is stored) and cached. */
  async downloadArchive(name: string, version: string, opts: { checksum?: string } = {}): Promise<{ bytes: Uint8Array; checksum: string; path: string }> {
    const found = await this.lookup(name);
    const entry = found?.pkg.versions[version];
    if (!found || !entry) throw new CairnError("E_UNKNOWN_PACKAGE", `\`${name}\` ${version} is not in ${this.registries.map((r) => redactUrl(r.url)).join(", ")}`);
    const checksum = entry.checksum;
    if (opts.checksum !== undefined && opts.checksum !== checksum) {
      throw new CairnError("E_CHECKSUM_MISMATCH", `the registry lists a different checksum for ${name} ${version}\n  expected: ${opts.checksum}\n  registry: ${checksum}`);
    }
    // Registered as a cache user first, so a concurrent `cache clean` waits for us (and we for it).
    await this.cache.enter({ onWait: (pid) => this.emit({ type: "lock-wait", pid }) });
    const cached = this.cache.readArchive(checksum);
    if (cached) return { bytes: cached, checksum, path: this.cache.archiveFile(checksum) };
    const { registry } = found;
    if (this.opts.offline && registry.kind === "http") {
      throw new CairnError("E_OFFLINE_MISSING", `the archive of \`${name}\` ${version} is not in the cache`, { details: { package: name, version } });
    }
    let res: HttpResponse;
    let shown: string;
    if (entry.url !== undefined && /^https?:\/\//i.test(entry.url)) {
      if (registry.kind === "local") throw new CairnError("E_REGISTRY_DATA", `a local registry points \`${name}\` ${version} at a remote URL`);
      shown = entry.url;
      res = await request("GET", entry.url, {}, { ...this.http, maxBytes: this.maxArchiveBytes });
    } else {
      const rel = entry.url ?? expandFilesTemplate((await this.config(registry)).files ?? DEFAULT_FILES_TEMPLATE, name, version);
      if (rel.split("/").some((s) => s === ".." || s === "") || rel.startsWith("/")) {
        throw new CairnError("E_REGISTRY_DATA", `the archive path \`${rel}\` of \`${name}\` ${version} is not a plain relative path`);
      }
      shown = this.where(registry, rel);
      // Mirror fallback: the same relative path on the next registries, checked against the same checksum below.
      const candidates = [registry, ...this.registries.filter((r) => r !== registry && !this.down.has(r) && !(this.opts.offline && r.kind === "http"))];
      for (let i = 0; ; i++) {
        const from = candidates[i]!;
        shown = this.where(from, rel);
        try {
          res = await this.get(from, rel);
          if (res.status !== 200) throw httpError("GET", shown, res);
          break;
        } catch (e) {
          const missing = e instanceof CairnError && (e.code === "E_NOT_FOUND" || (e.details as { status?: number } | undefined)?.status === 404);
          if (i === candidates.length - 1 || !(isUnreachable(e) || missing)) throw e;
          if (isUnreachable(e)) this.down.add(from);
          this.emit({ type: "fallback", registry: redactUrl(from.url), reason: (e as Error).message });
        }
      }
    }
    if (res.status !== 200) throw httpError("GET", shown, res);
    const actual = checksumOf(res.body);
    if (actual !== checksum) {
      throw new CairnError("E_CHECKSUM_MISMATCH", `the archive of ${name} ${version} from ${redactUrl(shown)} does not match its checksum\n  expected: ${checksum}\n  actual:   ${actual}`, {
        details: { expected: checksum, actual },
      });
    }
    const path = this.cache.putArchive(res.body, checksum, { name, version, source: registry.url });
    this.emit({ type: "download", name, version, bytes: res.body.length, registry: registry.url });
    return { bytes: res.body, checksum, path };
  }

  /** The extracted tree of name@version in the cache (downloaded and checked first). */
  async ensureTree(name: string, version: string, opts: { checksum?: string } = {}): Promise<string> {
    const { bytes, checksum } = await this.downloadArchive(name, version, opts);
    return this.cache.ensureTree(bytes, checksum, { name, version }, this.opts.limits);
  }

  /** Packages whose name, description or keywords contain `query` (case-insensitive); exact name first. */
  async search(query: string): Promise<SearchEntry[]> {
    const q = query.toLowerCase();
    const out = new Map<string, SearchEntry>();
    for (const registry of this.registries) {
      if (this.opts.offline && registry.kind === "http") throw new CairnError("E_OFFLINE_MISSING", "search needs the network", { hint: "run without --offline" });
      const rel = (await this.config(registry)).search ?? "search.json";
      const res = await this.get(registry, rel);
      if (res.status === 404) continue;
      if (res.status !== 200) throw httpError("GET", this.where(registry, rel), res);
      let doc: { packages?: SearchEntry[] };
      try {
        doc = JSON.parse(res.body.toString("utf8"));
      } catch (e) {
        throw new CairnError("E_REGISTRY_DATA", `not valid JSON: ${(e as Error).message}`, { location: { file: this.where(registry, rel) } });
      }
      for (const p of Array.isArray(doc.packages) ? doc.packages : []) {
        if (typeof p?.name !== "string" || out.has(p.name)) continue;
        const hay = [p.name, p.description ?? "", ...(Array.isArray(p.keywords) ? p.keywords : [])].join("\n").toLowerCase();
        if (hay.includes(q)) out.set(p.name, p);
      }
    }
    const rank = (p: SearchEntry) => (p.name === q ? 0 : p.name.startsWith(q) ? 1 : p.name.includes(q) ? 2 : 3);
    return [...out.values()].sort((a, b) => rank(a) - rank(b) || (a.name < b.name ? -1 : 1));
  }

  private async write(method: "PUT" | "DELETE", path: string, body: Uint8Array | undefined, headers: Record<string, string>): Promise<Record<string, unknown>> {
    const registry = this.registries[0]!;
    if (this.opts.offline) throw new CairnError("E_OFFLINE_MISSING", "publishing needs the network", { hint: "run without --offline" });
    const url = new URL(path, registry.url).toString();
    const auth: Record<string, string> = this.opts.token ? { authorization: `Bearer ${this.opts.token}` } : {};
    // Writes are not retried: a publish that landed before the connection broke would come back as 409.
    const res = await request(method, url, { headers: { ...headers, ...auth }, body }, { ...this.http, retries: 0 });
    if (res.status < 200 || res.status >= 300) throw httpError(method, url, res);
    try {
      return JSON.parse(res.body.toString("utf8"));
    } catch {
      return {};
    }
  }

  async publish(req: PublishRequest): Promise<{ name: string; version: string; checksum: string }> {
    const registry = this.registries[0]!;
    if (registry.kind === "local") {
      // A directory registry is written in place, as `cairn serve` would.
      const store = new RegistryStore(registry.dir!, this.opts.limits);
      await store.init();
      return store.publish(req.name, req.version, req.bytes, req.metadata, null);
    }
    const meta = Buffer.from(JSON.stringify(req.metadata ?? {}), "utf8").toString("base64url");
    const out = await this.write("PUT", `api/v1/packages/${urlPath(req.name)}/${encodeURIComponent(req.version)}`, req.bytes, {
      "content-type": "application/gzip",
      "cairn-metadata": meta,
    });
    return { name: req.name, version: req.version, checksum: String(out.checksum ?? checksumOf(req.bytes)) };
  }

  async setYanked(name: string, version: string, yanked: boolean): Promise<void> {
    const registry = this.registries[0]!;
    if (registry.kind === "local") {
      await new RegistryStore(registry.dir!, this.opts.limits).setYanked(name, version, yanked, null);
      return;
    }
    await this.write("PUT", `api/v1/packages/${urlPath(name)}/${encodeURIComponent(version)}/${yanked ? "yank" : "unyank"}`, undefined, {});
  }
}

export function createRegistryClient(opts: RegistryClientOptions): RegistryClient {
  return new RegistryClient(opts);
}
