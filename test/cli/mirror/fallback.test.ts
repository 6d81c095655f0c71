// Client fallback over an ordered registry list: with the first URL down, a
// mirror made by `cairn mirror` serves metadata and archives with the same
// checksums — through the client API and through `cairn install`.
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { cpSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { spawn, spawnSync } from "node:child_process";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { createRegistryServer } from "../../../cli/registry/server.js";
import { createRegistryClient, type RegistryEvent } from "../../../cli/registry/client.js";
import { TokenStore } from "../../../cli/registry/tokens.js";
import { registryList } from "../../../cli/mirror/registry-list.js";
import { CairnError } from "../../../bindings/errors.js";
import { bundleCli } from "../registry/cli-bundle.js";
import { treeDiff } from "./fixture.js";

const ROOT = resolve(__dirname, "../../..");
const root = mkdtempSync(join(tmpdir(), "cairn-fallback-"));
const mirrorDir = join(root, "mirror");
let cli: string;
let server: Server;
let mirrorUrl: string;
let deadUrl: string;

function listen(s: Server): Promise<number> {
  return new Promise((r) => s.listen(0, "127.0.0.1", () => r((s.address() as { port: number }).port)));
}

beforeAll(async () => {
  cli = await bundleCli();
  // The mirror is made by the real command, from the example registry directory.
  const made = spawnSync(process.execPath, [cli, "mirror", join(ROOT, "examples/registry"), mirrorDir, "--json"], { encoding: "utf8" });
  expect(made.status, made.stderr).toBe(0);
  expect(JSON.parse(made.stdout)).toMatchObject({ ok: true });
  ({ server } = createRegistryServer({ dir: mirrorDir, tokens: new TokenStore() }));
  mirrorUrl = `http://127.0.0.1:${await listen(server)}/`;
  // A port that was free a moment ago and has nobody listening: connection refused.
  const probe = createServer();
  const port = await listen(probe);
  await new Promise((r) => probe.close(r));
  deadUrl = `http://127.0.0.1:${port}/`;
}, 60_000);

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
  rmSync(root, { recursive: true, force: true });
});

describe("registry fallback", () => {
  it("the mirror is byte-for-byte the example registry", () => {
    expect(treeDiff(join(ROOT, "examples/registry"), mirrorDir)).toEqual([]);
  });

  it("`mirror --html` also writes the web pages next to the copied index", () => {
    const out = join(root, "mirror-html");
    const r = spawnSync(process.execPath, [cli, "mirror", join(ROOT, "examples/registry"), out, "--html"], { encoding: "utf8" });
    expect(r.status, r.stderr).toBe(0);
    const greet = JSON.parse(readFileSync(join(out, "packages/greet.json"), "utf8"));
    const page = readFileSync(join(out, "packages/greet.html"), "utf8");
    for (const entry of Object.values<{ checksum: string }>(greet.versions)) expect(page).toContain(entry.checksum);
    expect(readFileSync(join(out, "index.html"), "utf8")).toContain('href="packages/greet.html"');
  });

  it("parses comma-separated registry lists", () => {
    expect(registryList(" http://a/ ,http://b/,")).toEqual(["http://a/", "http://b/"]);
    expect(() => registryList(" , ")).toThrow(CairnError);
  });

  it("answers metadata and archives from the mirror when the first URL is down", async () => {
    const events: RegistryEvent[] = [];
    const client = createRegistryClient({ urls: [deadUrl, mirrorUrl], cacheDir: join(root, "home-api"), retries: 0, onEvent: (e) => events.push(e) });
    const [greet] = await client.fetch(["greet"]);
    const original = JSON.parse(readFileSync(join(ROOT, "examples/registry/packages/greet.json"), "utf8"));
    expect(greet!.versions["1.1.0"]!.checksum).toBe(original.versions["1.1.0"].checksum);
    const { checksum } = await client.downloadArchive("greet", "1.1.0");
    expect(checksum).toBe(original.versions["1.1.0"].checksum);
    expect(events.filter((e) => e.type === "fallback").length).toBe(1); // the dead one is remembered, not retried per package
  });

  it("does not call a package unknown when the registry that might have it is down", async () => {
    const client = createRegistryClient({ urls: [deadUrl, mirrorUrl], cacheDir: join(root, "home-unknown"), retries: 0 });
    const err = await client.fetch(["no-such-package"]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CairnError);
    expect((err as CairnError).code).toBe("E_NETWORK");
  });

  it("`cairn install --registry DOWN,MIRROR` installs from the mirror", async () => {
    const app = join(root, "app");
    cpSync(join(ROOT, "examples/cairn"), app, { recursive: true });
    const env: Record<string, string | undefined> = { ...process.env, CAIRN_HOME: join(root, "home-cli"), NO_COLOR: "1" };
    delete env.CAIRN_REGISTRY;
    // Asynchronously: the mirror server runs in this process and must keep answering.
    const child = spawn(process.execPath, [cli, "install", "--registry", `${deadUrl},${mirrorUrl}`], { cwd: app, env, stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr!.on("data", (d) => (stderr += d));
    child.stdout!.resume();
    const status = await new Promise<number | null>((r) => child.once("exit", r));
    const r = { status, stderr };
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/warning\[W_REGISTRY_FALLBACK\]: .* is unreachable .*; trying the next registry/);
    const lock = readFileSync(join(app, "cairn.lock"), "utf8");
    const greet = JSON.parse(readFileSync(join(ROOT, "examples/registry/packages/greet.json"), "utf8"));
    expect(lock).toContain(greet.versions["1.1.0"].checksum);
  });
});
