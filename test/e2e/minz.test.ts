import { it } from "vitest";
import { registryWorkflow } from "./registry-workflow.js";

it("minz profile: the whole workflow against cairn serve", async () => {
  await registryWorkflow({
    profile: "minz",
    manifest: "mzp.toml",
    lockFile: "mzp.lock",
    layout: "packages",
    add: ["zx-hardware", "math-fixed@=0.5.0"],
    expect: { "zx-hardware": "2.0.0", "zx-core": "1.1.0", "math-fixed": "0.5.0" },
    why: { pkg: "zx-core", via: "zx-hardware" },
    precise: { pkg: "zx-core", version: "1.0.0", latest: "1.1.0" },
    remove: "math-fixed",
    importName: "zx_core",
    tamper: "src/lib.minz",
  });
});
