import { it } from "vitest";
import { registryWorkflow } from "./registry-workflow.js";

it("ori profile: the whole workflow against cairn serve", async () => {
  await registryWorkflow({
    profile: "ori",
    manifest: "oripk.toml",
    lockFile: "oripk.lock",
    layout: ".ori/deps",
    add: ["@orilib/parser", "std.json"],
    expect: { "@orilib/parser": "3.0.2", "@orilib/utils": "2.0.1" },
    dev: "@orilib/utils@2.0.1",
    why: { pkg: "@orilib/utils", via: "@orilib/parser" },
    // exact-only: --precise to the version the graph already needs, then back
    precise: { pkg: "@orilib/utils", version: "2.0.1", latest: "2.0.1" },
    remove: "std.json",
    importName: "@orilib/parser",
    tamper: "src/lib.ori",
  });
});
