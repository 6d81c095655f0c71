// --features and --target decide which optional and target-specific
// dependencies are locked; the lock records what it was made for.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { afterAll, beforeAll, expect, it } from "vitest";
import { Sandbox } from "../../e2e/harness.js";
import { main } from "../../../cli/main.js";
import type { Io } from "../../../cli/output.js";
import { readCairnLock } from "../../../bindings/lock/cairn-lock.js";

let sb: Sandbox;
let url = "";
const cli = async (...args: string[]) => {
  const err: string[] = [];
  const io: Io = { out: () => {}, err: (t) => void err.push(t), color: false, quiet: false, verbose: false, isTTY: false, cwd: sb.path("app"), env: sb.env };
  return { code: await main(args, io), stderr: err.join("") };
};
const locked = () => Object.fromEntries(readCairnLock(readFileSync(sb.path("app/cairn.lock"), "utf8")).packages.map((p) => [p.name, p]));

beforeAll(async () => {
  sb = new Sandbox();
  url = await sb.serve();
  mkdirSync(sb.path("app"));
  writeFileSync(
    sb.path("app/cairn.toml"),
    `[package]\nname = "feat-app"\nversion = "0.1.0"\n\n[dependencies]\ngreet = "^1.0.0"\ncolors = { version = "^2.0.0", optional = true }\n\n[target.windows.dependencies]\nwincon = "^1.0.0"\n\n[features]\nfancy = ["dep:colors", "colors/truecolor"]\n`,
  );
});
afterAll(() => sb.cleanup());

it("optional dependencies are locked only when a feature turns them on, with the features they ask for", async () => {
  expect((await cli("install", "--registry", url, "--target", "linux")).code).toBe(0);
  expect(Object.keys(locked()).sort()).toEqual(["fmt", "greet"]);
  expect((await cli("install", "--features", "fancy", "--target", "linux")).code).toBe(0);
  const l = locked();
  expect(l.colors?.version).toBe("2.1.0");
  // colors' truecolor feature brings its own edge to fmt
  expect(l.colors?.dependencies).toEqual([{ name: "fmt", req: "^1.2.0" }]);
  const bad = await cli("install", "--features", "nope");
  expect(bad.code).toBe(3);
  expect(bad.stderr).toMatch(/error\[E_BAD_OPTION\]: .*`nope`/);
});

it("target-specific dependencies are locked for the target asked for", async () => {
  expect((await cli("lock", "--target", "windows")).code).toBe(0);
  expect(locked().wincon?.version).toBe("1.0.0");
  expect((await cli("lock", "--target", "linux")).code).toBe(0);
  expect(locked().wincon).toBeUndefined();
});
