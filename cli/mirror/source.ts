// Where a mirror reads from: an http(s) registry (conditional GETs with the
// validator remembered from the last run, so an unchanged file costs a 304
// and no body) or a registry directory (size + mtime + inode as the
// validator, so an unchanged file is not even read).
import { existsSync } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { CairnError } from "../../bindings/errors.js";
import { parseRegistry, MAX_DOCUMENT_BYTES } from "../registry/client.js";
import { request, httpError, redactUrl, type HttpOptions } from "../registry/http.js";
import { urlPath } from "../registry/names.js";

export type Fetched =
  | { status: "ok"; body: Buffer; validator?: string }
  | { status: "unchanged" }
  | { status: "missing" };

export interface MirrorSource {
  /** As shown to users (credentials removed). */
  readonly shown: string;
  /** Stable identity, recorded in the mirror state so a new source starts from scratch. */
  readonly id: string;
  get(rel: string, validator?: string, maxBytes?: number): Promise<Fetched>;
}

export function openSource(url: string, cwd: string, http: Partial<HttpOptions> = {}): MirrorSource {
  const reg = parseRegistry(url, cwd);
  if (reg.kind === "local") {
    const dir = reg.dir!;
    if (!existsSync(dir)) throw new CairnError("E_USAGE", `the source \`${dir}\` does not exist`, { hint: "SOURCE is an http(s):// registry URL, a file:// URL or a registry directory" });
    return {
      shown: dir,
      id: dir,
      async get(rel, validator) {
        const file = join(dir, rel);
        let key: string;
        try {
          const st = await stat(file);
          if (!st.isFile()) return { status: "missing" };
          key = `${st.size}:${st.mtimeMs}:${st.ino}`;
        } catch (e) {
          if ((e as NodeJS.ErrnoException).code === "ENOENT" || (e as NodeJS.ErrnoException).code === "ENOTDIR") return { status: "missing" };
          throw new CairnError("E_IO", `cannot read \`${file}\`: ${(e as Error).message}`);
        }
        if (validator === key) return { status: "unchanged" };
        return { status: "ok", body: await readFile(file), validator: key };
      },
    };
  }
  const opts: HttpOptions = { retries: 3, retryDelayMs: 200, timeoutMs: 30_000, ...http };
  return {
    shown: redactUrl(reg.url),
    id: redactUrl(reg.url),
    async get(rel, validator, maxBytes) {
      const target = new URL(urlPath(rel), reg.url).toString();
      const headers: Record<string, string> = {};
      // Validators are stored as `etag:<tag>` or `date:<http date>`.
      if (validator?.startsWith("etag:")) headers["if-none-match"] = validator.slice(5);
      else if (validator?.startsWith("date:")) headers["if-modified-since"] = validator.slice(5);
      const res = await request("GET", target, { headers }, { ...opts, maxBytes: maxBytes ?? (rel.endsWith(".json") ? MAX_DOCUMENT_BYTES : undefined) });
      if (res.status === 304) return validator ? { status: "unchanged" } : { status: "missing" };
      if (res.status === 404 || res.status === 410) return { status: "missing" };
      if (res.status !== 200) throw httpError("GET", target, res);
      const etag = res.headers.get("etag");
      const date = res.headers.get("last-modified");
      return { status: "ok", body: res.body, validator: etag ? `etag:${etag}` : date ? `date:${date}` : undefined };
    },
  };
}
