import { it } from "vitest";
import { registryWorkflow } from "./registry-workflow.js";

it("cairn profile: the whole workflow against cairn serve", async () => {
  await registryWorkflow({
    profile: "cairn",
    manifest: "cairn.toml",
    lockFile: "cairn.lock",
    layout: ".cairn/packages",
    add: ["greet@^1.0.0", "colors"],
    expect: { greet: "1.1.0", colors: "2.1.0", fmt: "1.2.0" },
    dev: "testkit",
    why: { pkg: "fmt", via: "greet" },
    precise: { pkg: "greet", version: "1.0.0", latest: "1.1.0" },
    remove: "colors",
    importName: "greet",
    tamper: "src/lib.cn",
  });
});
