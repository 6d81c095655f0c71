// The registry commands end to end, in process (cli/main.ts with a captured
// Io) against a real server: pack, publish, search, info, yank, unyank,
// cache — and that no token or URL password ever reaches the output.
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { mkdirSync, writeFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { main } from "../../../cli/main.js";
import type { Io } from "../../../cli/output.js";
import { checksumOf } from "../../../cli/archive/checksum.js";
import { readFileSync } from "node:fs";
import { makeRegistry, serveRegistry, tmp, type Running } from "./helpers.js";

const TOKEN = "s3cr3t-token-do-not-print";
let srv: Running;
let home: string;

beforeAll(async () => {
  srv = await serveRegistry(await makeRegistry({ fmt: { "1.0.0": {} } }), { [TOKEN]: "alice" });
  home = tmp("home");
});
afterAll(() => srv.close());

async function run(argv: string[], opts: { cwd?: string; env?: Record<string, string> } = {}) {
  let out = "";
  let err = "";
  const io: Io = {
    out: (t) => void (out += t),
    err: (t) => void (err += t),
    color: false,
    quiet: false,
    verbose: false,
    isTTY: false,
    cwd: opts.cwd ?? process.cwd(),
    env: { CAIRN_HOME: home, ...opts.env },
  };
  const code = await main(argv, io);
  return { code, out, err };
}

function project(version: string): string {
  const d = tmp("proj");
  writeFileSync(join(d, "cairn.toml"), `[package]\nname = "hello"\nversion = "${version}"\ndescription = "says hello"\n\n[dependencies]\nfmt = "^1.0.0"\n`);
  mkdirSync(join(d, "src"));
  writeFileSync(join(d, "src/main.cn"), "hello\n");
  return d;
}

describe("cairn pack / publish / search / info / yank", () => {
  it("packs deterministically and prints the checksum", async () => {
    const d = project("1.0.0");
    const r = await run(["pack", "--json"], { cwd: d });
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.files).toEqual(["cairn.toml", "src/main.cn"]);
    expect(checksumOf(readFileSync(j.file))).toBe(j.checksum);
    expect(JSON.parse((await run(["pack", "--json"], { cwd: d })).out).checksum).toBe(j.checksum);
  });

  it("lists the packed files and dry-runs a publish without a registry", async () => {
    const d = project("0.9.0");
    const listed = await run(["pack", "--list"], { cwd: d });
    expect(listed.out.split("\n").slice(0, 2)).toEqual(["cairn.toml", "src/main.cn"]);
    expect(listed.out).toContain(join(d, "target/package/hello-0.9.0.tar.gz"));
    const dry = await run(["publish", "--dry-run", "--json"], { cwd: d });
    expect(dry.code).toBe(0);
    expect(JSON.parse(dry.out)).toMatchObject({ name: "hello", version: "0.9.0", dryRun: true, files: ["cairn.toml", "src/main.cn"] });
  });

  it("publishes with a token, refuses without one and refuses a republish", async () => {
    const d = project("1.0.0");
    const denied = await run(["publish", "--registry", srv.url], { cwd: d });
    expect(denied.code).toBe(4);
    expect(denied.err).toContain("error[E_UNAUTHORIZED]");
    expect(denied.err).toContain("hint: run `cairn login");
    const ok = await run(["publish", "--registry", srv.url], { cwd: d, env: { CAIRN_TOKEN: TOKEN } });
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/^published hello 1\.0\.0 sha256:[0-9a-f]{64}\n$/);
    const again = await run(["publish", "--registry", srv.url], { cwd: d, env: { CAIRN_TOKEN: TOKEN } });
    expect(again.code).toBe(1);
    expect(again.err).toContain("error[E_VERSION_EXISTS]");
  });

  it("searches and shows info, then yanks and unyanks", async () => {
    const s = await run(["search", "hello", "--registry", srv.url]);
    expect(s.out).toContain("hello 1.0.0");
    expect(s.out).toContain("says hello");
    const i = await run(["info", "hello", "--registry", srv.url]);
    expect(i.out).toContain("hello 1.0.0 — says hello");
    expect(i.out).toContain("  fmt ^1.0.0");
    expect((await run(["yank", "hello@1.0.0", "--registry", srv.url], { env: { CAIRN_TOKEN: TOKEN } })).code).toBe(0);
    expect((await run(["info", "hello", "--registry", srv.url])).out).toContain("1.0.0 (yanked)");
    expect((await run(["unyank", "hello@1.0.0", "--registry", srv.url], { env: { CAIRN_TOKEN: TOKEN } })).code).toBe(0);
    expect((await run(["info", "hello", "--registry", srv.url])).out).not.toContain("yanked");
    const missing = await run(["info", "nope", "--registry", srv.url]);
    expect(missing.code).toBe(1);
    expect(missing.err).toContain("error[E_UNKNOWN_PACKAGE]");
  });

  it("lists, verifies and cleans the cache", async () => {
    const listed = await run(["cache", "list"]);
    expect(listed.out).toContain("metadata hello");
    expect((await run(["cache", "verify"])).code).toBe(0);
    expect((await run(["cache", "clean"])).code).toBe(0);
    expect((await run(["cache", "list"])).out).toBe("");
    expect(existsSync(join(home, "index"))).toBe(false);
  });

  it("explains a missing registry as a usage error", async () => {
    const r = await run(["search", "x"]);
    expect(r.code).toBe(2);
    expect(r.err).toContain("error[E_USAGE]: no registry given");
  });
});

describe("credentials never reach the output", () => {
  it("keeps the token and URL passwords out of errors, on every failure path", async () => {
    const d = project("2.0.0");
    const wrong = "wrong-token-that-must-stay-secret";
    const outputs = [
      await run(["publish", "--registry", srv.url, "--verbose"], { cwd: d, env: { CAIRN_TOKEN: wrong } }),
      await run(["yank", "fmt@1.0.0", "--registry", srv.url], { env: { CAIRN_TOKEN: TOKEN } }),
      await run(["info", "fmt", "--registry", srv.url.replace("http://", "http://user:hunter2@")]),
      await run(["info", "fmt", "--registry", "http://user:hunter2@127.0.0.1:9/"], { env: { CAIRN_TOKEN: TOKEN } }),
    ];
    expect(outputs[0]!.err).toContain("E_UNAUTHORIZED");
    expect(outputs[1]!.err).toContain("E_FORBIDDEN");
    expect(outputs[3]!.err).toContain("E_NETWORK");
    for (const o of outputs) {
      const text = o.out + o.err;
      expect(text).not.toContain(wrong);
      expect(text).not.toContain(TOKEN);
      expect(text).not.toContain("hunter2");
    }
  }, 30_000);
});
