import { describe, expect, test } from "vitest";
import { parse } from "smol-toml";
import { activeDeps, failureGraph, lockText, ROOT_ID, solutionGraph, targetApplies } from "../../web-playground/graph-model.js";
import { pathsFromRoot } from "../../web-playground/why.js";
import type { PackageMetadata } from "../../bindings/session.js";

const meta = new Map<string, PackageMetadata>([
  ["app", { name: "app", versions: { "1.0.0": { dependencies: { lib: "^2.0.0" }, targets: { windows: { win: "^1.0.0" }, "!windows": { posix: "^1.0.0" } } } } }],
  ["lib", { name: "lib", versions: { "2.1.0": { dependencies: {}, features: { fast: { simd: "^0.1.0" } }, checksum: `sha256:${"ab".repeat(32)}` } } }],
  ["posix", { name: "posix", versions: { "1.0.0": {} } }],
  ["simd", { name: "simd", versions: { "0.1.0": {} } }],
]);
const req = { name: "demo", root: { app: "^1.0.0", lib: "^2.0.0" }, root_features: { lib: ["fast"] }, target: "linux" };
const solution = { app: "1.0.0", lib: "2.1.0", posix: "1.0.0", simd: "0.1.0" };

describe("graph model", () => {
  test("targets: a name matches itself, !name everything else", () => {
    expect(targetApplies("linux", "linux")).toBe(true);
    expect(targetApplies("windows", "linux")).toBe(false);
    expect(targetApplies("!windows", "linux")).toBe(true);
    expect(targetApplies("!linux", "linux")).toBe(false);
    expect(activeDeps(meta.get("lib")!.versions["2.1.0"]!, undefined, ["fast"])).toEqual({ simd: "^0.1.0" });
  });

  test("the solution graph has an edge per active dependency, labelled with its requirement", () => {
    const g = solutionGraph(solution, meta, req);
    expect(g.nodes.map((n) => n.id).sort()).toEqual([ROOT_ID, "app", "lib", "posix", "simd"].sort());
    const edges = g.edges.map((e) => `${e.from === ROOT_ID ? "root" : e.from} -> ${e.to} ${e.req}`).sort();
    expect(edges).toEqual(["app -> lib ^2.0.0", "app -> posix ^1.0.0", "lib -> simd ^0.1.0", "root -> app ^1.0.0", "root -> lib ^2.0.0"]);
  });

  test("why: shortest paths from the root first", () => {
    const g = solutionGraph(solution, meta, req);
    const paths = pathsFromRoot(g, "simd").map((p) => p.map((e) => e.to).join(" > "));
    expect(paths).toEqual(["lib > simd", "app > lib > simd"]);
    expect(pathsFromRoot(g, ROOT_ID)).toEqual([[]]);
  });

  test("a failure graph links only the packages the explanation names", () => {
    const g = failureGraph(["app", "lib"], meta, req);
    expect(g.nodes.filter((n) => n.involved).map((n) => n.id)).toEqual(["app", "lib"]);
    expect(g.edges.map((e) => `${e.from === ROOT_ID ? "root" : e.from}>${e.to}`).sort()).toEqual(["app>lib", "root>app", "root>lib"]);
  });

  test("the lock is valid cairn.lock TOML; inline packages carry no checksum, registry ones do", () => {
    const inline = parse(lockText(solution, meta, req, undefined)) as { package: { name: string; source: string; checksum?: string; dependencies?: string[] }[]; root: { dependencies: string[] }[] };
    expect(inline.package.map((p) => p.name)).toEqual(["app", "lib", "posix", "simd"]);
    expect(inline.package.every((p) => p.source === "registry+scenario")).toBe(true);
    expect(inline.package.filter((p) => p.checksum === undefined).map((p) => p.name)).toEqual(["app", "posix", "simd"]);
    expect(inline.package[0]!.dependencies).toEqual(["lib ^2.0.0", "posix ^1.0.0"]);
    expect(inline.root[0]!.dependencies).toEqual(["app ^1.0.0", "lib ^2.0.0 features=fast"]);
    const remote = parse(lockText(solution, meta, req, "https://r.example/")) as { package: { name: string; source: string; checksum: string }[] };
    expect(remote.package.find((p) => p.name === "lib")).toMatchObject({ source: "registry+https://r.example/", checksum: `sha256:${"ab".repeat(32)}` });
  });
});
