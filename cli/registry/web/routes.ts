// The registry pages as served by `cairn serve`: `/` and `/index.html` (the
// package list; `?q=` searches on the server, so it works without
// JavaScript) and `/packages/<name>.html` (one package). Rendered on each
// request from the files on disk, so a publish or yank shows at once, and
// with the live download counts. Anything else is left to the static files.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { DownloadCounter } from "../downloads.js";
import { CSP } from "./layout.js";
import { renderIndex, renderNotFound, renderPackage, rootFrom } from "./pages.js";
import { archiveRelOf, readConfig, readmeOf, readPackage, readSearch } from "./site-data.js";

export type PageHandler = (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<boolean>;

function send(req: IncomingMessage, res: ServerResponse, status: number, html: string): void {
  const body = Buffer.from(html, "utf8");
  res.writeHead(status, {
    "content-type": "text/html; charset=utf-8",
    "content-length": body.length,
    "cache-control": "no-cache",
    "content-security-policy": CSP,
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
  });
  res.end(req.method === "HEAD" ? undefined : body);
}

export function registryPages(dir: string, downloads?: DownloadCounter): PageHandler {
  return async (req, res, url) => {
    const path = url.pathname;
    if (path === "/" || path === "/index.html") {
      const config = await readConfig(dir);
      send(req, res, 200, renderIndex(await readSearch(dir, config), { query: url.searchParams.get("q") ?? "" }));
      return true;
    }
    const m = /^\/packages\/(.+)\.html$/.exec(path);
    if (!m) return false;
    let name: string;
    try {
      name = m[1]!.split("/").map(decodeURIComponent).join("/");
    } catch {
      send(req, res, 404, renderNotFound("../", "That is not a package name."));
      return true;
    }
    const pkg = await readPackage(dir, name);
    if (!pkg) {
      send(req, res, 404, renderNotFound(rootFrom(name.includes("/") ? name : "x"), `No package called “${name}” is published here.`));
      return true;
    }
    const config = await readConfig(dir);
    send(req, res, 200, renderPackage({
      pkg,
      downloads: (v) => {
        const rel = archiveRelOf(pkg, v, config);
        return rel && downloads ? downloads.count(rel) : 0;
      },
      readme: await readmeOf(dir, pkg, config),
    }));
    return true;
  };
}
