// Workspaces (cairn, ori, epsilon): run from a member, cairn finds the root;
// one lock at the root, one version per package across members.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { expect, it } from "vitest";
import { Sandbox } from "./harness.js";

interface Ws {
  profile: string;
  manifest: string;
  lock: string;
  root: string;
  a: string;
  b: string;
  /** the shared package and the version both members must get */
  shared: [string, string];
}

const cases: Ws[] = [
  {
    profile: "cairn",
    manifest: "cairn.toml",
    lock: "cairn.lock",
    root: `[workspace]\nmembers = ["a", "b"]\n\n[workspace.dependencies]\nfmt = "^1.0.0"\n`,
    a: `[package]\nname = "a"\nversion = "0.1.0"\n\n[dependencies]\ngreet = "^1.0.0"\nfmt = { workspace = true }\n`,
    b: `[package]\nname = "b"\nversion = "0.1.0"\n\n[dependencies]\nfmt = "~1.2.0"\n`,
    shared: ["fmt", "1.2.0"],
  },
  {
    profile: "ori",
    manifest: "oripk.toml",
    lock: "oripk.lock",
    root: `[workspace]\nmembers = ["a", "b"]\n\n[workspace.dependencies]\n"@orilib/utils" = "2.0.1"\n`,
    a: `[project]\nname = "a"\nversion = "0.1.0"\nori = "0.1.0"\n\n[dependencies]\n"@orilib/parser" = "3.0.2"\n`,
    b: `[project]\nname = "b"\nversion = "0.1.0"\nori = "0.1.0"\n\n[dependencies]\n"@orilib/utils" = { workspace = true }\n`,
    shared: ["@orilib/utils", "2.0.1"],
  },
  {
    profile: "epsilon",
    manifest: "package.edn",
    lock: "epsilon-lock.edn",
    root: `{"name" "ws" "version" "0.1.0" "workspace" {"members" ["a" "b"]} "dependencies" {}}\n`,
    a: `{"name" "a" "version" "0.1.0" "dependencies" {"epsilon.json" "^1.0.0"}}\n`,
    b: `{"name" "b" "version" "0.1.0" "dependencies" {"epsilon.core" "~2.1.0"}}\n`,
    shared: ["epsilon.core", "2.1.0"],
  },
];

it.each(cases)("$profile workspace: one lock, one version per package", async (c) => {
  const sb = new Sandbox();
  try {
    const url = await sb.serve();
    mkdirSync(sb.path("ws/a"), { recursive: true });
    mkdirSync(sb.path("ws/b"), { recursive: true });
    writeFileSync(sb.path("ws", c.manifest), c.root);
    writeFileSync(sb.path("ws/a", c.manifest), c.a);
    writeFileSync(sb.path("ws/b", c.manifest), c.b);
    sb.ok("ws/a", "install", "--registry", url);
    expect(existsSync(sb.path("ws", c.lock))).toBe(true);
    expect(existsSync(sb.path("ws/a", c.lock))).toBe(false);
    const lock = readFileSync(sb.path("ws", c.lock), "utf8");
    const [name, version] = c.shared;
    expect(lock).toContain(version);
    const tree = JSON.parse(sb.ok("ws/b", "tree", "--json").stdout);
    expect(tree.roots.map((r: { name: string }) => r.name).sort()).toEqual(expect.arrayContaining(["a", "b"]));
    expect(tree.packages.filter((p: { name: string }) => p.name === name).map((p: { version: string }) => p.version)).toEqual([version]);
    sb.ok("ws/b", "check");
    sb.ok("ws", "verify");
  } finally {
    sb.cleanup();
  }
});
