// How commands get a registry client: the registry from --registry or
// CAIRN_REGISTRY, the cache from CAIRN_HOME/XDG, --offline, the saved token,
// and client events turned into stderr lines (retries as warnings, the rest
// only with --verbose).
import { CairnError } from "../../bindings/errors.js";
import { flagBool, flagString, type ParsedArgs } from "../args.js";
import { debug, warn, type Io } from "../output.js";
import { defaultCacheDir } from "../cache/cache.js";
import { createRegistryClient, parseRegistry, type RegistryClient, type RegistryEvent } from "./client.js";
import { savedToken } from "./credentials.js";
import { registryList } from "../mirror/registry-list.js";

export function registryUrl(args: ParsedArgs, io: Io): string {
  const url = flagString(args, "registry") ?? io.env.CAIRN_REGISTRY;
  if (!url) throw new CairnError("E_USAGE", "no registry given", { hint: "pass --registry URL (http(s)://, file:// or a directory) or set CAIRN_REGISTRY" });
  return url;
}

/** `warning[W_RETRY]` for a request that is tried again (registry client and `cairn mirror`). */
export function warnRetry(io: Io, r: { url: string; reason: string; delayMs: number; attempt: number }): void {
  warn(io, "W_RETRY", `${r.url}: ${r.reason}; retrying in ${r.delayMs} ms (attempt ${r.attempt + 1})`);
}

export function eventLogger(io: Io): (e: RegistryEvent) => void {
  return (e) => {
    if (e.type === "retry") warnRetry(io, e);
    else if (e.type === "download") debug(io, `downloaded ${e.name} ${e.version} (${e.bytes} bytes)`);
    else if (e.type === "metadata") debug(io, `${e.status} ${e.name}`);
    else if (e.type === "fallback") warn(io, "W_REGISTRY_FALLBACK", `${e.registry} is unreachable (${e.reason}); trying the next registry`);
    else if (e.type === "lock-wait") warn(io, "W_CACHE_LOCK", `waiting for the cache lock${e.pid ? ` held by process ${e.pid}` : ""}`);
  };
}

export function clientFromArgs(args: ParsedArgs, io: Io, opts: { withToken?: boolean } = {}): RegistryClient {
  // A comma-separated list is a registry and its mirrors, tried in order (cli/mirror/registry-list.ts).
  const list = registryList(registryUrl(args, io)).map((u) => parseRegistry(u, io.cwd));
  const registry = list[0]!;
  return createRegistryClient({
    urls: list.map((r) => (r.kind === "http" ? r.url : r.dir!)),
    cacheDir: defaultCacheDir(io.env),
    offline: flagBool(args, "offline") || flagBool(args, "frozen"),
    token: opts.withToken ? savedToken(registry.url, io.env) : undefined,
    onEvent: eventLogger(io),
  });
}

/** `name@version`, `@scope/name@version`, or `name version`. */
export function nameAndVersion(args: ParsedArgs): { name: string; version: string } {
  const [first, second] = args.positionals;
  if (first && second) return { name: first, version: second };
  const at = first ? first.lastIndexOf("@") : -1;
  if (!first || at <= 0) throw new CairnError("E_USAGE", "expected NAME@VERSION");
  return { name: first.slice(0, at), version: first.slice(at + 1) };
}
