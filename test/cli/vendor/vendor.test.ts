// `cairn vendor` + `cairn install --offline`: the locked packages copied into
// the project, verified, and installed from there with the registry gone and
// an empty cache; a tampered vendored archive is never installed, and the
// error names it.
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { spawn } from "node:child_process";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { Server } from "node:http";
import { createRegistryServer } from "../../../cli/registry/server.js";
import { TokenStore } from "../../../cli/registry/tokens.js";
import { checksumOf } from "../../../cli/archive/checksum.js";
import { bundleCli } from "../registry/cli-bundle.js";

const ROOT = resolve(__dirname, "../../..");
const root = mkdtempSync(join(tmpdir(), "cairn-vendor-"));
const app = join(root, "app");
let cli: string;
let server: Server | undefined;
let url: string;

function run(args: string[], home: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const env: Record<string, string | undefined> = { ...process.env, CAIRN_HOME: join(root, home), NO_COLOR: "1" };
  delete env.CAIRN_REGISTRY;
  const child = spawn(process.execPath, [cli, ...args], { cwd: app, env, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (d) => (stdout += d));
  child.stderr!.on("data", (d) => (stderr += d));
  return new Promise((r) => child.once("exit", (code) => r({ code, stdout, stderr })));
}

/** name → checksum of the registry packages in cairn.lock. */
function lockedChecksums(): Map<string, { version: string; checksum: string }> {
  const text = readFileSync(join(app, "cairn.lock"), "utf8");
  const out = new Map<string, { version: string; checksum: string }>();
  for (const block of text.split("[[package]]").slice(1)) {
    const name = /name = "([^"]+)"/.exec(block)?.[1];
    const version = /version = "([^"]+)"/.exec(block)?.[1];
    const checksum = /checksum = "(sha256:[0-9a-f]+)"/.exec(block)?.[1];
    if (name && version && checksum) out.set(name, { version, checksum });
  }
  return out;
}

beforeAll(async () => {
  cli = await bundleCli();
  const reg = join(root, "registry");
  cpSync(join(ROOT, "examples/registry"), reg, { recursive: true });
  ({ server } = createRegistryServer({ dir: reg, tokens: new TokenStore() }));
  await new Promise<void>((r) => server!.listen(0, "127.0.0.1", r));
  url = `http://127.0.0.1:${(server!.address() as { port: number }).port}/`;
  cpSync(join(ROOT, "examples/cairn"), app, { recursive: true });
  const installed = await run(["install", "--registry", url], "home-online");
  expect(installed.code, installed.stderr).toBe(0);
}, 60_000);

afterAll(async () => {
  if (server) {
    server.closeAllConnections();
    await new Promise((r) => server!.close(r));
  }
  rmSync(root, { recursive: true, force: true });
});

describe("cairn vendor", () => {
  it("copies every locked registry package into vendor/, verified against the lock", async () => {
    const r = await run(["vendor", "--json"], "home-online");
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    const locked = lockedChecksums();
    expect(locked.size).toBeGreaterThan(0);
    expect(out.packages.map((p: { name: string }) => p.name).sort()).toEqual([...locked.keys()].sort());
    for (const [name, { version, checksum }] of locked) {
      const file = join(app, "vendor/files", name, `${name.split("/").pop()}-${version}.tar.gz`);
      expect(checksumOf(readFileSync(file))).toBe(checksum);
      const doc = JSON.parse(readFileSync(join(app, "vendor/packages", `${name}.json`), "utf8"));
      expect(Object.keys(doc.versions)).toEqual([version]); // only what is locked
    }
  });

  it("`install --offline` installs from vendor/ with the registry down and an empty cache", async () => {
    server!.closeAllConnections();
    await new Promise((r) => server!.close(r));
    server = undefined;
    rmSync(join(app, ".cairn"), { recursive: true, force: true });
    const r = await run(["install", "--offline"], "home-empty-1");
    expect(r.code, r.stderr).toBe(0);
    const v = await run(["verify"], "home-empty-1");
    expect(v.code, v.stderr).toBe(0);
    const paths = JSON.parse((await run(["paths", "--json"], "home-empty-1")).stdout);
    const installed = Object.values<{ package: string; version: string; root: string | null }>(paths.packages);
    for (const [name, { version }] of lockedChecksums()) {
      const hit = installed.find((p) => p.package === name);
      expect(hit?.version, name).toBe(version);
      expect(existsSync(hit!.root!)).toBe(true);
    }
  });

  it("without vendor/ the same offline install fails and says what is missing", async () => {
    cpSync(join(app, "vendor"), join(root, "vendor-saved"), { recursive: true });
    rmSync(join(app, "vendor"), { recursive: true, force: true });
    rmSync(join(app, ".cairn"), { recursive: true, force: true });
    const r = await run(["install", "--offline"], "home-empty-2");
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain("E_OFFLINE_MISSING");
    cpSync(join(root, "vendor-saved"), join(app, "vendor"), { recursive: true });
  });

  it("never installs a vendored archive that was altered", async () => {
    const [name, { version }] = [...lockedChecksums()][0]!;
    const file = join(app, "vendor/files", name, `${name.split("/").pop()}-${version}.tar.gz`);
    writeFileSync(file, Buffer.concat([readFileSync(file), Buffer.from("tampered")]));
    rmSync(join(app, ".cairn"), { recursive: true, force: true });
    const r = await run(["install", "--offline"], "home-empty-3");
    expect(r.code).toBe(5);
    expect(r.stderr).toContain(`error[E_CHECKSUM_MISMATCH]: ${file}: the vendored archive of ${name} ${version} does not match the lock`);
    expect(existsSync(join(app, ".cairn"))).toBe(false);
    // `cairn vendor` (with the cache) replaces the damaged copy
    const again = await run(["vendor", "--offline"], "home-online");
    expect(again.code, again.stderr).toBe(0);
    expect(checksumOf(readFileSync(file))).toBe(lockedChecksums().get(name)!.checksum);
  });
});
