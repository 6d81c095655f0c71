// `cairn serve DIR`: the registry server (cli/registry/server.ts) until
// SIGINT/SIGTERM. Prints its URL on stdout (so scripts can use --port 0).
import { existsSync, mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Command } from "../command.js";
import { flagString } from "../args.js";
import { info, warn } from "../output.js";
import { CairnError, EXIT } from "../../bindings/errors.js";
import { createRegistryServer, DEFAULT_MAX_UPLOAD } from "../registry/server.js";
import { TokenStore } from "../registry/tokens.js";
import { DownloadCounter } from "../registry/downloads.js";
import { registryPages } from "../registry/web/routes.js";

export const serve: Command = {
  name: "serve",
  summary: "serve a registry directory over HTTP (reads, publish, yank)",
  usage: "cairn serve DIR [--port 8080] [--host 127.0.0.1] [--tokens FILE] [--max-upload BYTES]\n\n" +
    "Tokens: --tokens FILE ({\"tokens\": {\"<token>\": \"<user>\"}}), else DIR/.cairn/tokens.json,\n" +
    "plus CAIRN_REGISTRY_TOKENS=user:token,…  Without tokens the registry is read-only.",
  async run(args, io) {
    const dirArg = args.positionals[0];
    if (!dirArg) throw new CairnError("E_USAGE", "which directory? `cairn serve DIR`");
    const dir = resolve(io.cwd, dirArg);
    mkdirSync(dir, { recursive: true });
    const port = Number(flagString(args, "port") ?? "8080");
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CairnError("E_USAGE", "--port must be 0–65535");
    const host = flagString(args, "host") ?? "127.0.0.1";
    const maxUpload = Number(flagString(args, "max-upload") ?? DEFAULT_MAX_UPLOAD);
    if (!Number.isInteger(maxUpload) || maxUpload <= 0) throw new CairnError("E_USAGE", "--max-upload must be a positive number of bytes");
    const tokensFile = flagString(args, "tokens") ?? (existsSync(join(dir, ".cairn/tokens.json")) ? join(dir, ".cairn/tokens.json") : undefined);
    const tokens = tokensFile ? TokenStore.fromFile(resolve(io.cwd, tokensFile)) : new TokenStore();
    tokens.addFromEnv(io.env.CAIRN_REGISTRY_TOKENS);
    if (tokens.size === 0) warn(io, "W_READ_ONLY", "no tokens configured: publish, yank and unyank will answer 401");
    // Web pages and download counts (cli/registry/web, cli/registry/downloads.ts).
    const downloads = new DownloadCounter(dir);
    const { server, store } = createRegistryServer({
      dir,
      tokens,
      pages: registryPages(dir, downloads),
      onDownload: (rel) => downloads.record(rel),
      maxArchiveSize: maxUpload,
      limits: { maxArchiveSize: maxUpload },
      onRequest: io.verbose ? (r) => io.err(`${r.method} ${r.url} ${r.status}${r.user ? ` (${r.user})` : ""}\n`) : undefined,
    });
    await store.init();
    await new Promise<void>((ok, fail) => {
      server.once("error", (e: NodeJS.ErrnoException) => fail(new CairnError("E_IO", `cannot listen on ${host}:${port}: ${e.code ?? e.message}`)));
      server.listen(port, host, ok);
    });
    const addr = server.address();
    const actual = typeof addr === "object" && addr ? addr.port : port;
    const shownHost = host.includes(":") ? `[${host}]` : host;
    io.out(`http://${shownHost}:${actual}/\n`);
    info(io, `serving ${dir} (Ctrl-C to stop)`);
    await new Promise<void>((done) => {
      const stop = () => {
        server.close(() => void downloads.flush().then(done));
        server.closeIdleConnections(); // keep-alive clients would otherwise hold the close open
      };
      process.once("SIGINT", stop);
      process.once("SIGTERM", stop);
    });
    return EXIT.ok;
  },
};
