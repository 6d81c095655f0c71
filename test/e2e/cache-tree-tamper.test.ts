// An install records, for each registry package, the files of the archive as
// checked on extraction (the cache tree's marker), not a re-hash of its copy:
// a cache tree changed after extraction is installed, but `verify` names it.
import { cpSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, expect, it } from "vitest";
import { ROOT, Sandbox } from "./harness.js";

let sb: Sandbox | undefined;
afterEach(() => sb?.cleanup());

it("holds an install from a damaged cache tree to the archive's files", async () => {
  sb = new Sandbox();
  const url = await sb.serve();
  cpSync(join(ROOT, "examples/cairn"), sb.path("p"), { recursive: true });
  sb.ok("p", "install", "--registry", url);
  sb.ok("p", "verify");
  // change one file of every cached tree, then reinstall from the cache
  const trees = sb.path("home/trees/sha256");
  for (const t of readdirSync(trees).filter((n) => !n.endsWith(".json"))) writeFileSync(join(trees, t, "src/lib.cn"), "changed in the cache\n");
  rmSync(sb.path("p/.cairn"), { recursive: true });
  sb.ok("p", "install", "--frozen");
  const v = sb.run("p", "verify");
  expect(v.code).not.toBe(0);
  expect(v.stderr + v.stdout).toMatch(/src\/lib\.cn/);
});
