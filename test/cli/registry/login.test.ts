// `cairn login` as a real process: the token comes from standard input, is
// saved for that registry with mode 0600, and is never echoed.
import { describe, it, expect, beforeAll } from "vitest";
import { spawnSync } from "node:child_process";
import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { bundleCli } from "./cli-bundle.js";
import { tmp } from "./helpers.js";

let cli: string;
beforeAll(async () => {
  cli = await bundleCli();
});

const run = (args: string[], home: string, input = "") =>
  spawnSync(process.execPath, [cli, ...args], { input, env: { ...process.env, CAIRN_HOME: home, NO_COLOR: "1" }, encoding: "utf8" });

describe("cairn login", () => {
  it("saves the token read from stdin (0600), never prints it, and logs out", () => {
    const home = tmp("home");
    const r = run(["login", "--registry", "http://127.0.0.1:9/reg"], home, "tok-from-stdin\n");
    expect(r.status).toBe(0);
    expect(r.stdout + r.stderr).not.toContain("tok-from-stdin");
    expect(r.stderr).toContain("token saved for http://127.0.0.1:9/reg/");
    const file = join(home, "credentials.json");
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(file, "utf8")).registries["http://127.0.0.1:9/reg/"].token).toBe("tok-from-stdin");
    expect(run(["login", "--registry", "http://127.0.0.1:9/reg", "--logout"], home).status).toBe(0);
    expect(JSON.parse(readFileSync(file, "utf8")).registries).toEqual({});
  });

  it("refuses empty input with a usage error", () => {
    const r = run(["login", "--registry", "http://127.0.0.1:9/"], tmp("home"), "\n");
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("error[E_USAGE]: no token on standard input");
  });
});
