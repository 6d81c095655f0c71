// The acceptance path against a real `cairn serve` process on 127.0.0.1
// (tokens file, --verbose request log): publish without and with a token
// (401/403/201), republish (409), yank then resolve (yanked skipped unless
// locked), lazy fetching counted from the server's own log, ETag
// revalidation, and an offline solve after the server is gone.
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { writeFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";
import type { ChildProcess } from "node:child_process";
import { once } from "node:events";
import { Agent, get } from "node:http";
import { Resolver } from "../../../bindings/resolver.js";
import { createRegistryClient } from "../../../cli/registry/client.js";
import { archiveOf, makeRegistry, tmp } from "./helpers.js";
import { bundleCli, startServe } from "./cli-bundle.js";

let cli: string;
let child: ChildProcess;
let url: string;
const log: string[] = [];
const ALICE = "alice-process-token";
const BOB = "bob-process-token";

beforeAll(async () => {
  cli = await bundleCli();
  const dir = await makeRegistry({
    fmt: { "1.0.0": {}, "1.2.0": {} },
    greet: { "1.0.0": { deps: { fmt: "^1.0.0" } } },
    ...Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`other-${i}`, { "1.0.0": {} }])),
  });
  mkdirSync(join(dir, ".cairn"), { recursive: true });
  writeFileSync(join(dir, ".cairn/tokens.json"), JSON.stringify({ tokens: { [ALICE]: "alice", [BOB]: "bob" } }));
  const started = await startServe(cli, dir, {}, ["--verbose"]);
  child = started.child;
  url = started.url;
  createInterface({ input: child.stderr! }).on("line", (l) => log.push(l));
}, 60_000);
afterAll(() => {
  child?.kill("SIGKILL");
});

/** Waits (up to 5 s) for the server's log lines, which arrive on its stderr after the response. */
async function until(cond: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !cond(); i++) await new Promise((r) => setTimeout(r, 50));
}

const put = (path: string, token?: string, body?: Uint8Array) =>
  fetch(new URL(path, url), { method: "PUT", headers: token ? { authorization: `Bearer ${token}` } : {}, body: body as BodyInit | undefined });

describe("a real cairn serve process", () => {
  it("publishes only with a token, only for owners, and never twice", async () => {
    const body = archiveOf({ "src/lib.cn": "lib 1.0.0\n" });
    expect((await put("api/v1/packages/lib/1.0.0", undefined, body)).status).toBe(401);
    expect((await put("api/v1/packages/lib/1.0.0", "not-a-token", body)).status).toBe(401);
    expect((await put("api/v1/packages/lib/1.0.0", ALICE, body)).status).toBe(201);
    expect((await put("api/v1/packages/lib/1.1.0", BOB, archiveOf({ "x": "bob" }))).status).toBe(403);
    expect((await put("api/v1/packages/lib/1.0.0", ALICE, body)).status).toBe(409);
    expect((await put("api/v1/packages/lib/1.1.0", ALICE, archiveOf({ "src/lib.cn": "lib 1.1.0\n" }))).status).toBe(201);
  });

  it("resolves lazily, revalidates with ETags, skips a yanked version unless locked, and solves offline", async () => {
    const cacheDir = tmp("cache");
    const seen: string[] = [];
    const client = () => createRegistryClient({ urls: [url], cacheDir, onEvent: (e) => e.type === "metadata" && seen.push(`${e.name} ${e.status}`) });

    log.length = 0;
    expect(await new Resolver({ root: { greet: "^1.0.0", lib: "^1.0.0" } }).resolve(client())).toMatchObject({ ok: true, solution: { greet: "1.0.0", fmt: "1.2.0", lib: "1.1.0" } });
    // Lazy: the three packages the solve needed, nothing of the ten others — counted by the server.
    await until(() => log.filter((l) => l.startsWith("GET ")).length >= 3);
    expect(log.filter((l) => l.startsWith("GET ")).sort()).toEqual(["GET /packages/fmt.json 200", "GET /packages/greet.json 200", "GET /packages/lib.json 200"]);
    expect([...seen].sort()).toEqual(["fmt fetched", "greet fetched", "lib fetched"]);

    expect((await put("api/v1/packages/lib/1.1.0/yank", ALICE)).status).toBe(200);
    seen.length = 0;
    expect(await new Resolver({ root: { lib: "^1.0.0" } }).resolve(client())).toMatchObject({ ok: true, solution: { lib: "1.0.0" } });
    expect(seen).toEqual(["lib fetched"]); // changed document: a full 200
    seen.length = 0;
    expect(await new Resolver({ root: { lib: "^1.0.0" }, locked: { lib: "1.1.0" } }).resolve(client())).toMatchObject({ ok: true, solution: { lib: "1.1.0" } });
    expect(seen).toEqual(["lib revalidated"]); // unchanged: 304
    await until(() => log.some((l) => l === "GET /packages/lib.json 304"));
    expect(log.filter((l) => l.startsWith("GET ")).slice(-1)).toEqual(["GET /packages/lib.json 304"]);

    child.kill("SIGKILL");
    await once(child, "exit");
    const offline = createRegistryClient({ urls: [url], cacheDir, offline: true });
    expect(await new Resolver({ root: { greet: "^1.0.0", lib: "^1.0.0" } }).resolve(offline)).toMatchObject({ ok: true, solution: { greet: "1.0.0", fmt: "1.2.0", lib: "1.0.0" } });
    await expect(new Resolver({ root: { "other-3": "^1.0.0" } }).resolve(offline)).rejects.toMatchObject({ code: "E_OFFLINE_MISSING", message: expect.stringContaining("`other-3`") });
  });

  it("stops cleanly on SIGTERM even with a keep-alive client connected", async () => {
    const { url: u, child: c } = await startServe(cli, await makeRegistry({}), {});
    const agent = new Agent({ keepAlive: true });
    await new Promise<void>((r) => get(new URL("config.json", u), { agent }, (res) => res.resume().on("end", () => r())));
    const t = Date.now();
    c.kill("SIGTERM");
    const [code] = await once(c, "exit");
    expect(code).toBe(0);
    expect(Date.now() - t).toBeLessThan(3000);
    agent.destroy();
  });
});
