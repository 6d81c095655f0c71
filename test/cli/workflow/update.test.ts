// update = minimal change: the named packages move, every other locked
// version stays (lock preference); `--precise` pins one; yanked versions are
// never picked for new resolutions.
import { cpSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { ROOT, Sandbox } from "../../e2e/harness.js";
import { main } from "../../../cli/main.js";
import type { Io } from "../../../cli/output.js";
import { readCairnLock } from "../../../bindings/lock/cairn-lock.js";

let sb: Sandbox;
let url = "";
const cli = async (...args: string[]) => {
  const err: string[] = [];
  const io: Io = { out: () => {}, err: (t) => void err.push(t), color: false, quiet: false, verbose: false, isTTY: false, cwd: sb.path("app"), env: sb.env };
  const code = await main(args, io);
  if (code !== 0) throw new Error(`cairn ${args.join(" ")}: ${err.join("")}`);
};
const versions = () => Object.fromEntries(readCairnLock(readFileSync(sb.path("app/cairn.lock"), "utf8")).packages.map((p) => [p.name, p.version]));

beforeAll(async () => {
  sb = new Sandbox();
  url = await sb.serve();
  cpSync(join(ROOT, "examples/cairn"), sb.path("app"), { recursive: true });
});
afterAll(() => sb.cleanup());

it("moves only what it is asked to move", async () => {
  await cli("install", "--registry", url);
  // fmt 1.3.0 is yanked: the newest allowed is 1.2.0
  expect(versions()).toEqual({ colors: "2.1.0", fmt: "1.2.0", greet: "1.1.0", testkit: "0.3.0" });
  await cli("update", "greet", "--precise", "1.0.0");
  expect(versions()).toEqual({ colors: "2.1.0", fmt: "1.2.0", greet: "1.0.0", testkit: "0.3.0" });
  // updating fmt alone leaves greet where it is, though 1.1.0 is allowed
  await cli("update", "fmt");
  expect(versions().greet).toBe("1.0.0");
  await cli("update");
  expect(versions()).toEqual({ colors: "2.1.0", fmt: "1.2.0", greet: "1.1.0", testkit: "0.3.0" });
});
