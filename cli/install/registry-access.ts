// What sync needs from the registry side, over the registry engineer's client
// and cache: metadata for the resolver, and an extracted, checked tree per
// locked package. A tree already in the cache is used without any request
// (that is what makes `--frozen` with a warm cache network-free).
import { CairnError } from "../../bindings/errors.js";
import { createRegistryClient, type RegistryClient, type RegistryEvent } from "../registry/client.js";
import type { MetadataProvider } from "../registry/types.js";
import { Cache, defaultCacheDir } from "../cache/cache.js";
import { registryList } from "../mirror/registry-list.js";
import { readVendored } from "../vendor/vendor-dir.js";
import { nodeHttpFetch } from "./node-http-fetch.js";

// node:http instead of the global fetch (undici): see node-http-fetch.ts
const fetchImpl = nodeHttpFetch as unknown as typeof fetch;

export interface RegistryAccess {
  /** The registry URL as recorded in lock sources. */
  url: string;
  cacheRoot: string;
  provider(offline: boolean): MetadataProvider;
  tree(name: string, version: string, checksum: string, opts: { offline: boolean }): Promise<string>;
  /** tree1 and manifest of a cached tree as checked on extraction (Cache.treeContents). */
  treeContents(checksum: string): { tree: string; files: string } | undefined;
  client?: RegistryClient;
}

/** A provider that fails on use: for commands that must not resolve (frozen) and projects without a registry. */
const noRegistry: MetadataProvider = {
  fetch: async (names) => {
    throw new CairnError("E_USAGE", `no registry configured, but ${names.join(", ")} must be looked up`, { hint: "pass --registry URL (or set CAIRN_REGISTRY)" });
  },
};

export function registryAccess(opts: { url?: string; offline: boolean; env: Record<string, string | undefined>; onEvent?: (e: RegistryEvent) => void; vendorDir?: string }): RegistryAccess {
  const cacheRoot = defaultCacheDir(opts.env);
  // `cairn vendor`'s directory (cli/vendor/): archives checked against the lock, used before any download.
  const vendored = (name: string, version: string, checksum: string) => (opts.vendorDir ? readVendored(opts.vendorDir, name, version, checksum) : undefined);
  if (!opts.url) {
    // no registry (a lock without URLs, e.g. oripk.lock): the cache alone can still serve locked trees
    const cache = new Cache(cacheRoot);
    return {
      url: "",
      cacheRoot,
      provider: () => (opts.vendorDir ? createRegistryClient({ urls: [opts.vendorDir], cacheDir: cacheRoot, offline: opts.offline, fetchImpl }) : noRegistry),
      treeContents: (checksum) => cache.treeContents(checksum),
      tree: async (name, version, checksum) => {
        const have = cache.tree(checksum);
        if (have) return have;
        const bytes = cache.readArchive(checksum) ?? vendored(name, version, checksum);
        if (bytes) return cache.ensureTree(bytes, checksum, { name, version });
        throw new CairnError(opts.offline ? "E_OFFLINE_MISSING" : "E_USAGE", `${name} ${version} is not in the cache, and no registry is configured to fetch it from`, { hint: "pass --registry URL (or set CAIRN_REGISTRY)" });
      },
    };
  }
  // `a,b`: a registry and its mirrors, tried in order; the lock records the first (cli/mirror/registry-list.ts).
  const client = createRegistryClient({ urls: [...registryList(opts.url), ...(opts.vendorDir ? [opts.vendorDir] : [])], cacheDir: cacheRoot, offline: opts.offline, fetchImpl, ...(opts.onEvent ? { onEvent: opts.onEvent } : {}) });
  const url = client.registries[0]!.url;
  return {
    url,
    cacheRoot,
    client,
    provider: () => client,
    treeContents: (checksum) => client.cache.treeContents(checksum),
    async tree(name, version, checksum, o) {
      const have = client.cache.tree(checksum);
      if (have) return have;
      const bytes = client.cache.readArchive(checksum) ?? vendored(name, version, checksum);
      if (bytes) return client.cache.ensureTree(bytes, checksum, { name, version });
      if (o.offline && client.registries[0]!.kind === "http") {
        throw new CairnError("E_OFFLINE_MISSING", `${name} ${version} is not in the cache (${cacheRoot})`, { hint: "run `cairn install` once without --offline/--frozen to fill the cache" });
      }
      return client.ensureTree(name, version, { checksum });
    },
  };
}
