// scripts/build.mjs rebuilds a bundle when one of its inputs changes. The
// bundles import a few TypeScript files of core/ (shared constants); editing
// one that the Wasm does not use leaves build/cairn.wasm byte-identical, so
// each must be an input of the bundles themselves, or the bundle goes stale.
import { describe, it, expect } from "vitest";
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, resolve, dirname, relative } from "node:path";

const root = resolve(__dirname, "../..");

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir)) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) out.push(...sources(p));
    else if (p.endsWith(".ts")) out.push(p);
  }
  return out;
}

describe("scripts/build.mjs", () => {
  it("lists every core/ file the bundles import among the bundles' inputs", () => {
    const build = readFileSync(join(root, "scripts/build.mjs"), "utf8");
    const imported = new Set<string>();
    for (const dir of ["bindings", "cli", "web-playground"])
      for (const file of sources(join(root, dir)))
        for (const m of readFileSync(file, "utf8").matchAll(/from "(\.[^"]*\/core\/[^"]*)\.js"/g))
          imported.add(relative(root, resolve(dirname(file), `${m[1]}.ts`)));
    expect(imported.size).toBeGreaterThan(0);
    for (const f of imported) expect(build, f).toContain(`"${f}"`);
  });
});
