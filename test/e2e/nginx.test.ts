// docs/DEPLOY.md, proven: a real Debian nginx (its own prefix in a temp dir,
// port chosen free, `daemon off`) serves a registry directory read-only with
// the server block printed in docs/DEPLOY.md, and the CLI resolves and
// installs through it; the registry client reads documents (scoped names,
// absent packages), search and archives and revalidates with nginx's own
// validators; cache headers, hidden files, read-only methods and the
// exported web pages are checked on the wire. The one nginx test: "any
// static file server works read-only" (docs/REGISTRY.md) is this one too.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawn, type ChildProcess } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { bundleCli } from "../cli/registry/cli-bundle.js";
import { webRegistry } from "../cli/registry-web/fixture.js";
import { createRegistryClient, type RegistryEvent } from "../../cli/registry/client.js";

const ROOT = resolve(__dirname, "../..");
const NGINX = ["/usr/sbin/nginx", "/usr/bin/nginx"].find((p) => existsSync(p));
const base = mkdtempSync(join(tmpdir(), "cairn-nginx-"));
const registry = join(base, "registry");
let nginx: ChildProcess | undefined;
let url = "";
let cli = "";

function freePort(): Promise<number> {
  return new Promise((ok) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => ok(port));
    });
  });
}

/** Workers run unprivileged when nginx starts as root: they need read access (never write). */
function readOnlyForAll(dir: string): void {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) readOnlyForAll(p);
    else chmodSync(p, 0o444);
  }
  chmodSync(dir, 0o555);
}

/** The nginx server block from docs/DEPLOY.md, with this test's port and directory. */
function serverBlockFromDocs(port: number): string {
  const doc = readFileSync(join(ROOT, "docs/DEPLOY.md"), "utf8");
  const block = /```nginx\n([\s\S]*?)```/.exec(doc)?.[1];
  if (!block) throw new Error("docs/DEPLOY.md has no ```nginx block");
  return block.replace(/listen [^;]+;/, `listen 127.0.0.1:${port};`).replace(/root [^;]+;/, `root ${registry};`);
}

function run(args: string[], cwd: string, env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const e: Record<string, string | undefined> = { ...process.env, NO_COLOR: "1", ...env };
  delete e.CAIRN_REGISTRY;
  const child = spawn(process.execPath, [cli, ...args], { cwd, env: e, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (d) => (stdout += d));
  child.stderr!.on("data", (d) => (stderr += d));
  return new Promise((ok) => child.once("exit", (code) => ok({ code, stdout, stderr })));
}

beforeAll(async () => {
  if (!NGINX) throw new Error("nginx is not installed (.ci/run installs it: apt-get install nginx)");
  cli = await bundleCli();
  await webRegistry(registry);
  const site = await run(["site", registry], base);
  expect(site.code, site.stderr).toBe(0);
  mkdirSync(join(registry, ".cairn"), { recursive: true });
  writeFileSync(join(registry, ".cairn/secret.json"), '{"tokens":{"t":"alice"}}\n');
  readOnlyForAll(registry);
  chmodSync(base, 0o755);
  const prefix = join(base, "nginx");
  mkdirSync(join(prefix, "logs"), { recursive: true });
  const port = await freePort();
  const conf = join(prefix, "nginx.conf");
  writeFileSync(
    conf,
    `worker_processes 1;\npid ${prefix}/nginx.pid;\nerror_log ${prefix}/logs/error.log;\nevents { worker_connections 64; }\n` +
      `http {\n  access_log ${prefix}/logs/access.log;\n  types { application/json json; application/gzip gz; text/html html; }\n  default_type application/octet-stream;\n` +
      `  client_body_temp_path ${prefix}/b; proxy_temp_path ${prefix}/p; fastcgi_temp_path ${prefix}/f; uwsgi_temp_path ${prefix}/u; scgi_temp_path ${prefix}/s;\n` +
      `${serverBlockFromDocs(port)}}\n`,
  );
  nginx = spawn(NGINX!, ["-p", prefix, "-c", conf, "-g", "daemon off;"], { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  nginx.stderr!.on("data", (d) => (stderr += d));
  url = `http://127.0.0.1:${port}/`;
  for (let i = 0; i < 100; i++) {
    if (nginx.exitCode !== null) throw new Error(`nginx exited ${nginx.exitCode}: ${stderr}`);
    const up = await fetch(`${url}config.json`).then((r) => r.ok, () => false);
    if (up) return;
    await new Promise((ok) => setTimeout(ok, 50));
  }
  throw new Error(`nginx did not come up: ${stderr}`);
}, 60_000);

afterAll(async () => {
  if (nginx && nginx.exitCode === null) {
    nginx.kill("SIGQUIT");
    await new Promise((ok) => nginx!.once("exit", ok));
  }
  chmodSync(registry, 0o755);
  rmSync(base, { recursive: true, force: true });
});

describe("nginx serving a registry directory (docs/DEPLOY.md)", () => {
  it("lets `cairn install` resolve and install through it", async () => {
    const app = join(base, "app");
    mkdirSync(app);
    writeFileSync(join(app, "cairn.toml"), `[package]\nname = "through-nginx"\nversion = "0.1.0"\n\n[dependencies]\n"@acme/greet" = "^0.4.0"\n`);
    const r = await run(["install", "--registry", url], app, { CAIRN_HOME: join(base, "home") });
    expect(r.code, r.stderr).toBe(0);
    const lock = readFileSync(join(app, "cairn.lock"), "utf8");
    const fmt = JSON.parse(readFileSync(join(registry, "packages/fmt.json"), "utf8"));
    expect(lock).toContain(fmt.versions["1.2.0"].checksum); // newest non-yanked fmt, via @acme/greet
    const greet = JSON.parse(readFileSync(join(registry, "packages/@acme/greet.json"), "utf8"));
    expect(lock).toContain(greet.versions["0.4.0"].checksum);
    const verify = await run(["verify"], app, { CAIRN_HOME: join(base, "home") });
    expect(verify.code, verify.stderr).toBe(0);
  });

  it("serves the registry client everything it reads, and answers its revalidations with 304", async () => {
    const cacheDir = join(base, "client-cache");
    const first = createRegistryClient({ urls: [url], cacheDir });
    const [greet, none] = await first.fetch(["@acme/greet", "absent"]);
    expect(greet?.versions["0.4.0"]?.dependencies).toEqual({ fmt: "^1.0.0" });
    expect(none).toBeNull(); // nginx's 404 is "no such package", not an error
    expect(readdirSync(await first.ensureTree("@acme/greet", "0.4.0"))).toEqual(["README.md"]);
    expect((await first.search("greet")).map((p) => p.name)).toEqual(["@acme/greet"]);
    const events: RegistryEvent[] = [];
    const second = createRegistryClient({ urls: [url], cacheDir, onEvent: (e) => events.push(e) });
    await second.fetch(["@acme/greet"]);
    expect(events).toContainEqual(expect.objectContaining({ type: "metadata", name: "@acme/greet", status: "revalidated" }));
  });

  it("marks archives immutable and documents and pages for revalidation", async () => {
    const archive = await fetch(`${url}files/fmt/fmt-1.2.0.tar.gz`);
    expect(archive.status).toBe(200);
    expect(archive.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(archive.headers.get("content-type")).toBe("application/gzip");
    const doc = await fetch(`${url}packages/fmt.json`);
    expect(doc.headers.get("cache-control")).toBe("no-cache");
    expect(doc.headers.get("content-type")).toBe("application/json");
    const etag = doc.headers.get("etag");
    expect(etag).toBeTruthy();
    const again = await fetch(`${url}packages/fmt.json`, { headers: { "if-none-match": etag! } });
    expect(again.status).toBe(304);
    const index = await fetch(url);
    expect(index.headers.get("cache-control")).toBe("no-cache");
    expect(await index.text()).toContain('href="packages/@acme/greet.html"');
    const page = await fetch(`${url}packages/fmt.html`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(JSON.parse(readFileSync(join(registry, "packages/fmt.json"), "utf8")).versions["1.0.0"].checksum);
  });

  it("is read-only and hides dot files", async () => {
    expect((await fetch(`${url}.cairn/secret.json`)).status).toBe(404);
    const put = await fetch(`${url}api/v1/packages/fmt/9.9.9`, { method: "PUT", body: "x" });
    expect(put.status).toBeGreaterThanOrEqual(400);
    const del = await fetch(`${url}packages/fmt.json`, { method: "DELETE" });
    expect(del.status).toBe(405);
    expect(statSync(join(registry, "packages/fmt.json")).isFile()).toBe(true);
  });
});
