// "Any static file server works read-only": the client against nginx serving
// a registry directory written by cairn — documents, scoped names, archives,
// search, and ETag revalidation with nginx's own validators.
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync, chmodSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { createServer, request } from "node:http";
import { once } from "node:events";
import { createRegistryClient, type RegistryEvent } from "../../../cli/registry/client.js";
import { makeRegistry, tmp } from "./helpers.js";

const NGINX = ["/usr/sbin/nginx", "/usr/bin/nginx"].find((p) => existsSync(p));
let child: ChildProcess;
let url: string;

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

function chmodTree(dir: string): void {
  chmodSync(dir, 0o755); // nginx workers run unprivileged
  for (const e of readdirSync(dir, { withFileTypes: true })) if (e.isDirectory()) chmodTree(join(dir, e.name));
}

beforeAll(async () => {
  if (!NGINX) throw new Error("nginx is not installed (.ci/run installs it)");
  const dir = await makeRegistry({ fmt: { "1.0.0": {}, "1.2.0": {} }, "@scope/util": { "0.1.0": { deps: { fmt: "^1.0.0" } } } });
  chmodTree(dir);
  const prefix = tmp("nginx");
  mkdirSync(join(prefix, "logs"));
  const port = await freePort();
  const conf = join(prefix, "nginx.conf");
  writeFileSync(
    conf,
    `worker_processes 1;\npid ${prefix}/nginx.pid;\nerror_log ${prefix}/logs/error.log;\nevents { worker_connections 64; }\n` +
      `http {\n  access_log off;\n  types { application/json json; application/gzip gz; }\n` +
      `  client_body_temp_path ${prefix}/b; proxy_temp_path ${prefix}/p; fastcgi_temp_path ${prefix}/f; uwsgi_temp_path ${prefix}/u; scgi_temp_path ${prefix}/s;\n` +
      `  server { listen 127.0.0.1:${port}; root ${dir}; etag on; }\n}\n`,
  );
  child = spawn(NGINX, ["-p", prefix, "-c", conf, "-g", "daemon off;"], { stdio: "ignore" });
  url = `http://127.0.0.1:${port}/`;
  for (let i = 0; i < 100; i++) {
    const up = await new Promise<boolean>((r) => request(`${url}config.json`, (res) => r(res.resume().statusCode === 200)).on("error", () => r(false)).end());
    if (up) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error("nginx did not start");
}, 30_000);

afterAll(async () => {
  if (child && child.exitCode === null) {
    child.kill("SIGTERM");
    await once(child, "exit");
  }
});

describe("a registry served by nginx", () => {
  it("serves the client everything it reads, and 304s its revalidations", async () => {
    const cacheDir = tmp("cache");
    const events: RegistryEvent[] = [];
    const first = createRegistryClient({ urls: [url], cacheDir });
    const [util, none] = await first.fetch(["@scope/util", "absent"]);
    expect(util?.versions["0.1.0"]?.dependencies).toEqual({ fmt: "^1.0.0" });
    expect(none).toBeNull();
    expect(readdirSync(await first.ensureTree("@scope/util", "0.1.0"))).toEqual(["src"]);
    expect((await first.search("util")).map((p) => p.name)).toEqual(["@scope/util"]);
    const second = createRegistryClient({ urls: [url], cacheDir, onEvent: (e) => events.push(e) });
    await second.fetch(["@scope/util"]);
    expect(events).toContainEqual(expect.objectContaining({ type: "metadata", name: "@scope/util", status: "revalidated" }));
  });
});
