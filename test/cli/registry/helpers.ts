// Test registries: built through RegistryStore (so they have real archives and
// checksums), served by a real `cairn serve` server or a dumb static server,
// always on 127.0.0.1 port 0, with every request recorded.
import { afterAll } from "vitest";
import { mkdtempSync, rmSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createServer, type Server, type IncomingMessage, type ServerResponse } from "node:http";
import { gzipSync } from "node:zlib";
import { RegistryStore } from "../../../cli/registry/store.js";
import { createRegistryServer } from "../../../cli/registry/server.js";
import { TokenStore } from "../../../cli/registry/tokens.js";
import { writeTar } from "../../../cli/archive/tar-writer.js";

export type PackageSpec = Record<string, { deps?: Record<string, string>; yanked?: boolean; files?: Record<string, string> }>;

const made: string[] = [];
// Registered by each test file that imports this module (vitest isolates modules per file).
afterAll(() => {
  for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A fresh temp directory, removed when the test process exits. */
export function tmp(prefix: string): string {
  const d = mkdtempSync(join(tmpdir(), `cairn-${prefix}-`));
  made.push(d);
  return d;
}

export function archiveOf(files: Record<string, string>): Buffer {
  const list = Object.keys(files).sort().map((p) => ({ path: p, data: Buffer.from(files[p]!), executable: false }));
  return gzipSync(writeTar(list));
}

/** A registry directory holding `packages` (name → version → spec). */
export async function makeRegistry(packages: Record<string, PackageSpec>, dir = tmp("registry")): Promise<string> {
  const store = new RegistryStore(dir);
  await store.init();
  for (const [name, versions] of Object.entries(packages)) {
    for (const [version, spec] of Object.entries(versions)) {
      await store.publish(name, version, archiveOf(spec.files ?? { "src/lib.cn": `// ${name} ${version}\n` }), { dependencies: spec.deps ?? {} }, null);
      if (spec.yanked) await store.setYanked(name, version, true, null);
    }
  }
  return dir;
}

export interface Running {
  url: string;
  /** `METHOD path status` of every request answered. */
  log: string[];
  close(): Promise<void>;
  server: Server;
}

async function listen(server: Server, log: string[]): Promise<Running> {
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const addr = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${addr.port}/`,
    log,
    server,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections?.();
        server.close(() => r());
      }),
  };
}

export async function serveRegistry(dir: string, tokens: Record<string, string> = {}): Promise<Running> {
  const store = new TokenStore();
  for (const [token, user] of Object.entries(tokens)) store.add(token, user);
  const log: string[] = [];
  const { server } = createRegistryServer({ dir, tokens: store, onRequest: (r) => log.push(`${r.method} ${r.url} ${r.status}`) });
  return listen(server, log);
}

/** A static file server that knows nothing about cairn: no ETags, no API. */
export async function serveStatic(dir: string): Promise<Running> {
  const log: string[] = [];
  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const path = decodeURIComponent(new URL(req.url!, "http://x").pathname);
    try {
      const body = await readFile(join(dir, path));
      res.writeHead(200).end(body);
      log.push(`GET ${path} 200`);
    } catch {
      res.writeHead(404).end();
      log.push(`GET ${path} 404`);
    }
  });
  return listen(server, log);
}

/** A server whose answers the test scripts: handler(req, res, n) with n = how many times this path was asked. */
export async function serveScripted(handler: (req: IncomingMessage, res: ServerResponse, n: number) => void): Promise<Running> {
  const log: string[] = [];
  const counts = new Map<string, number>();
  const server = createServer((req, res) => {
    const path = new URL(req.url!, "http://x").pathname;
    const n = (counts.get(path) ?? 0) + 1;
    counts.set(path, n);
    log.push(`${req.method} ${path}`);
    handler(req, res, n);
  });
  return listen(server, log);
}

export const requestsFor = (log: string[], needle: string) => log.filter((l) => l.includes(needle)).length;
