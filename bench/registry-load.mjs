#!/usr/bin/env node
// Load benchmark for `cairn serve` (not a test): C concurrent keep-alive
// clients × N requests each, a realistic read mix (package documents, some
// revalidated with If-None-Match, archives, config, search, misses), against
// `cairn serve` and nginx serving the same directory, in one run. While the
// load runs against cairn, P publishes of different versions go in at once;
// all must land. Prints throughput, latency percentiles, errors and ratios.
//   node bench/registry-load.mjs [--clients 50] [--requests 2000] [--publishes 20]
import { build } from "esbuild";
import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync, mkdirSync, readFileSync, existsSync, chmodSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { createServer, request, Agent } from "node:http";
import { createInterface } from "node:readline";
import { gzipSync } from "node:zlib";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const arg = (name, def) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : def;
};
const CLIENTS = arg("clients", 50);
const REQUESTS = arg("requests", 2000);
const PUBLISHES = arg("publishes", 20);
const TOKEN = "bench-token";
const work = mkdtempSync(join(tmpdir(), "cairn-bench-"));
// nginx workers run as an unprivileged user: let them read the registry.
chmodSync(work, 0o755);

// ---- a registry of 200 packages × 5 versions, written by the registry code itself
const cli = join(work, "cli.mjs");
await build({ entryPoints: [join(root, "cli/main.ts")], bundle: true, platform: "node", format: "esm", target: "node20", loader: { ".wasm": "binary" }, outfile: cli, logLevel: "error", define: { __CAIRN_VERSION__: '"bench"' } });
const storeBundle = join(work, "store.mjs");
await build({ entryPoints: [join(root, "cli/registry/store.ts")], bundle: true, platform: "node", format: "esm", target: "node20", outfile: storeBundle, logLevel: "error", loader: { ".wasm": "binary" } });
const { RegistryStore } = await import(storeBundle);

function tarOne(name, data) {
  const h = Buffer.alloc(512);
  h.write(name, 0);
  h.write("0000644\0", 100);
  h.write("0000000\0", 108);
  h.write("0000000\0", 116);
  h.write(data.length.toString(8).padStart(11, "0") + "\0", 124);
  h.write("00000000000\0", 136);
  h.write("        ", 148);
  h.write("0", 156);
  h.write("ustar\0", 257);
  h.write("00", 263);
  let s = 0;
  for (const b of h) s += b;
  h.write(s.toString(8).padStart(6, "0") + "\0 ", 148);
  return gzipSync(Buffer.concat([h, data, Buffer.alloc((512 - (data.length % 512)) % 512), Buffer.alloc(1024)]));
}

const regDir = join(work, "registry");
const store = new RegistryStore(regDir);
await store.init();
const NAMES = Array.from({ length: 200 }, (_, i) => `pkg-${i}`);
for (const name of NAMES) {
  for (let v = 0; v < 5; v++) {
    await store.publish(name, `1.${v}.0`, tarOne("src/lib.cn", Buffer.from(`// ${name} 1.${v}.0\n`.repeat(200))), { description: `package ${name}`, dependencies: v > 0 ? { [`pkg-${(NAMES.indexOf(name) + 1) % 200}`]: "^1.0.0" } : {} }, null);
  }
}

// ---- servers
function freePort() {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

async function startCairn() {
  const child = spawn(process.execPath, [cli, "serve", regDir, "--port", "0"], { env: { ...process.env, CAIRN_REGISTRY_TOKENS: `bench:${TOKEN}` }, stdio: ["ignore", "pipe", "inherit"] });
  const url = await new Promise((resolve) => createInterface({ input: child.stdout }).once("line", resolve));
  return { url, stop: () => child.kill("SIGTERM") };
}

async function startNginx() {
  const nginx = ["/usr/sbin/nginx", "/usr/bin/nginx"].find((p) => existsSync(p));
  if (!nginx) return undefined;
  const port = await freePort();
  const prefix = join(work, "nginx");
  mkdirSync(join(prefix, "logs"), { recursive: true });
  const conf = join(prefix, "nginx.conf");
  writeFileSync(conf, `worker_processes 1;\npid ${prefix}/nginx.pid;\nerror_log ${prefix}/logs/error.log;\nevents { worker_connections 1024; }\nhttp {\n  access_log off;\n  types { application/json json; application/gzip gz; }\n  client_body_temp_path ${prefix}/body; proxy_temp_path ${prefix}/proxy; fastcgi_temp_path ${prefix}/fcgi; uwsgi_temp_path ${prefix}/uwsgi; scgi_temp_path ${prefix}/scgi;\n  keepalive_requests 100000;\n  server { listen 127.0.0.1:${port}; root ${regDir}; etag on; }\n}\n`);
  const child = spawn(nginx, ["-p", prefix, "-c", conf, "-g", "daemon off;"], { stdio: "inherit" });
  for (let i = 0; i < 50; i++) {
    const up = await new Promise((r) => request(`http://127.0.0.1:${port}/config.json`, (res) => { res.resume(); r(res.statusCode === 200); }).on("error", () => r(false)).end());
    if (up) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return { url: `http://127.0.0.1:${port}/`, stop: () => child.kill("SIGTERM") };
}

// ---- load
function get(agent, url, headers) {
  return new Promise((resolve) => {
    const t = process.hrtime.bigint();
    const req = request(url, { agent, headers }, (res) => {
      res.on("data", () => {});
      res.on("end", () => resolve({ status: res.statusCode, etag: res.headers.etag, ms: Number(process.hrtime.bigint() - t) / 1e6 }));
      res.on("error", () => resolve({ status: 0, ms: 0 }));
    });
    req.on("error", () => resolve({ status: 0, ms: 0 }));
    req.end();
  });
}

async function load(base, requests = REQUESTS) {
  const etags = new Map();
  const latencies = [];
  let errors = 0;
  const statuses = {};
  const client = async (c) => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    for (let i = 0; i < requests; i++) {
      const k = (c * 7919 + i * 104729) % 1000;
      const name = NAMES[k % 200];
      let path, headers = {}, expect;
      if (k < 550) { path = `packages/${name}.json`; expect = [200]; }
      else if (k < 750) { path = `packages/${name}.json`; const e = etags.get(path); if (e) headers = { "if-none-match": e }; expect = [200, 304]; }
      else if (k < 930) { path = `files/${name}/${name}-1.${k % 5}.0.tar.gz`; expect = [200]; }
      else if (k < 960) { path = "config.json"; expect = [200]; }
      else if (k < 980) { path = "search.json"; expect = [200]; }
      else { path = `packages/missing-${k}.json`; expect = [404]; }
      const r = await get(agent, base + path, headers);
      statuses[r.status] = (statuses[r.status] ?? 0) + 1;
      if (!expect.includes(r.status)) errors++;
      if (r.etag && path.startsWith("packages/")) etags.set(path, r.etag);
      latencies.push(r.ms);
    }
    agent.destroy();
  };
  const t = performance.now();
  await Promise.all(Array.from({ length: CLIENTS }, (_, c) => client(c)));
  const secs = (performance.now() - t) / 1000;
  latencies.sort((a, b) => a - b);
  const pct = (p) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))];
  return { requests: latencies.length, secs, rps: latencies.length / secs, p50: pct(50), p99: pct(99), errors, statuses };
}

async function publishes(base) {
  const put = (v) => new Promise((resolve) => {
    const body = tarOne("v.txt", Buffer.from(v));
    const req = request(`${base}api/v1/packages/concurrent/${v}`, { method: "PUT", headers: { authorization: `Bearer ${TOKEN}`, "content-length": body.length } }, (res) => { res.resume(); res.on("end", () => resolve(res.statusCode)); });
    req.on("error", () => resolve(0));
    req.end(body);
  });
  // The first publish creates the package (and its owner); the rest race.
  const first = await put("0.0.1");
  const rest = await Promise.all(Array.from({ length: PUBLISHES - 1 }, (_, i) => put(`1.${i}.0`)));
  return [first, ...rest];
}

const fmt = (r) => `${r.requests} requests in ${r.secs.toFixed(2)} s = ${Math.round(r.rps)} req/s, p50 ${r.p50.toFixed(2)} ms, p99 ${r.p99.toFixed(2)} ms, errors ${r.errors}, statuses ${JSON.stringify(r.statuses)}`;

const cairn = await startCairn();
await load(cairn.url, 50); // warm-up, not measured
const pubPromise = new Promise((r) => setTimeout(r, 200)).then(() => publishes(cairn.url));
const cairnRun = await load(cairn.url);
const pubStatuses = await pubPromise;
cairn.stop();
const doc = JSON.parse(readFileSync(join(regDir, "packages/concurrent.json"), "utf8"));
const landed = Object.keys(doc.versions).length;

const ng = await startNginx();
let nginxRun;
if (ng) {
  await load(ng.url, 50);
  nginxRun = await load(ng.url);
  ng.stop();
}

console.log(`machine: ${process.platform} ${process.arch}, node ${process.version}; ${CLIENTS} clients × ${REQUESTS} requests, keep-alive`);
console.log(`cairn serve: ${fmt(cairnRun)}`);
if (nginxRun) console.log(`nginx:       ${fmt(nginxRun)}`);
console.log(`publishes during the load: ${PUBLISHES} sent, statuses ${JSON.stringify(pubStatuses.reduce((m, s) => ((m[s] = (m[s] ?? 0) + 1), m), {}))}, ${landed} versions in the index`);
if (nginxRun) console.log(`ratio cairn/nginx: throughput ${(cairnRun.rps / nginxRun.rps).toFixed(2)}×, p50 latency ${(cairnRun.p50 / nginxRun.p50).toFixed(2)}×, p99 latency ${(cairnRun.p99 / nginxRun.p99).toFixed(2)}×`);
await new Promise((r) => setTimeout(r, 200)); // let the servers exit before removing their directory
rmSync(work, { recursive: true, force: true });
const ok = cairnRun.errors === 0 && landed === PUBLISHES && pubStatuses.every((s) => s === 201);
if (!ok) {
  console.error("FAILED: errors under load or lost publishes");
  process.exitCode = 1;
}
