// The whole tree type-checks (tsc --noEmit over tsconfig.json): esbuild strips
// types without checking them, so a wrong import or a mistyped call would
// otherwise reach the bundles unnoticed.
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { join, resolve } from "node:path";

const root = resolve(__dirname, "..");

describe("typecheck", () => {
  it("tsc finds no errors", () => {
    const r = spawnSync(process.execPath, [join(root, "node_modules/typescript/bin/tsc"), "-p", join(root, "tsconfig.json"), "--noEmit"], { cwd: root, encoding: "utf8" });
    expect(r.stdout + r.stderr).toBe("");
    expect(r.status).toBe(0);
  }, 120_000);
});
