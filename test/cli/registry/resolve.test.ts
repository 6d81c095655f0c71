// The registry client as the resolver's MetadataProvider, against a real
// server: a solve fetches only what it needs, skips yanked versions unless
// locked, and re-runs offline from the cache alone.
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { Resolver } from "../../../bindings/resolver.js";
import { createRegistryClient } from "../../../cli/registry/client.js";
import { CairnError } from "../../../bindings/errors.js";
import { archiveOf, makeRegistry, serveRegistry, tmp, type Running } from "./helpers.js";

const TOKEN = "resolve-token";
let srv: Running;
let dir: string;

beforeAll(async () => {
  const unrelated = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`unrelated-${i}`, { "1.0.0": {} }]));
  dir = await makeRegistry({
    fmt: { "1.0.0": {}, "1.2.0": {}, "1.3.0": { yanked: true } },
    greet: { "1.0.0": { deps: { fmt: "^1.0.0" } }, "1.1.0": { deps: { fmt: "^1.2.0" } } },
    colors: { "2.0.0": { deps: { wincon: "^1.0.0" } } },
    wincon: { "1.0.0": {} },
    ...unrelated,
  });
  srv = await serveRegistry(dir, { [TOKEN]: "alice" });
});
afterAll(() => srv.close());

const solve = (client: ReturnType<typeof createRegistryClient>, root: Record<string, string>, locked?: Record<string, string>) =>
  new Resolver({ root, ...(locked ? { locked } : {}) }).resolve(client);

describe("resolving against a live registry", () => {
  it("fetches only the packages the solve needs (counted at the server), and no archives", async () => {
    srv.log.length = 0;
    const client = createRegistryClient({ urls: [srv.url], cacheDir: tmp("cache") });
    const r = await solve(client, { greet: "^1.0.0" });
    expect(r).toMatchObject({ ok: true, solution: { greet: "1.1.0", fmt: "1.2.0" } });
    expect([...srv.log].sort()).toEqual(["GET /packages/fmt.json 200", "GET /packages/greet.json 200"]);
  });

  it("skips a yanked version for new resolutions but keeps it when locked", async () => {
    const client = createRegistryClient({ urls: [srv.url], cacheDir: tmp("cache") });
    expect(await solve(client, { fmt: "^1.0.0" })).toMatchObject({ ok: true, solution: { fmt: "1.2.0" } });
    expect(await solve(client, { fmt: "^1.0.0" }, { fmt: "1.3.0" })).toMatchObject({ ok: true, solution: { fmt: "1.3.0" } });
  });

  it("sees a yank made through the API on the next run (revalidated metadata)", async () => {
    const cacheDir = tmp("cache");
    const alice = createRegistryClient({ urls: [srv.url], cacheDir, token: TOKEN });
    for (const v of ["1.0.0", "1.1.0"]) await alice.publish({ name: "lib", version: v, bytes: archiveOf({ "v.txt": v }) });
    expect(await solve(createRegistryClient({ urls: [srv.url], cacheDir }), { lib: "^1.0.0" })).toMatchObject({ ok: true, solution: { lib: "1.1.0" } });
    await alice.setYanked("lib", "1.1.0", true);
    srv.log.length = 0;
    expect(await solve(createRegistryClient({ urls: [srv.url], cacheDir }), { lib: "^1.0.0" })).toMatchObject({ ok: true, solution: { lib: "1.0.0" } });
    expect(srv.log).toEqual(["GET /packages/lib.json 200"]);
  });

  it("solves offline from the cache alone, and names the package that is not cached", async () => {
    const cacheDir = tmp("cache");
    await solve(createRegistryClient({ urls: [srv.url], cacheDir }), { greet: "^1.0.0" });
    srv.log.length = 0;
    const offline = createRegistryClient({ urls: [srv.url], cacheDir, offline: true });
    expect(await solve(offline, { greet: "^1.0.0" })).toMatchObject({ ok: true, solution: { greet: "1.1.0", fmt: "1.2.0" } });
    const err = await solve(offline, { greet: "^1.0.0", colors: "^2.0.0" }).then(() => undefined, (e) => e);
    expect(err).toBeInstanceOf(CairnError);
    expect(err.code).toBe("E_OFFLINE_MISSING");
    expect(err.message).toContain("`colors`");
    expect(srv.log).toEqual([]);
  });
});
