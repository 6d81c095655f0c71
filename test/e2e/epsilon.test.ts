import { it } from "vitest";
import { registryWorkflow } from "./registry-workflow.js";

it("epsilon profile: the whole workflow against cairn serve", async () => {
  await registryWorkflow({
    profile: "epsilon",
    manifest: "package.edn",
    lockFile: "epsilon-lock.edn",
    layout: ".epsilon/packages",
    add: ["epsilon.json", "epsilon.core@^2.1.0"],
    expect: { "epsilon.json": "1.0.0", "epsilon.core": "2.2.0" },
    dev: "epsilon.testing",
    why: { pkg: "epsilon.core", via: "epsilon.testing" },
    precise: { pkg: "epsilon.core", version: "2.1.0", latest: "2.2.0" },
    remove: "epsilon.json",
    importName: "epsilon.core",
    tamper: "src/core.lisp",
  });
});
