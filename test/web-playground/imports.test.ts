// The page's dependency direction (ARCHITECTURE.md): everything the page and
// its worker import, transitively, is in web-playground/, bindings/ or core/
// (and the core's built module, build/*.wasm) — nothing of the CLI, and no
// `node:` module.
import { describe, expect, it } from "vitest";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";

const ROOT = resolve(__dirname, "../..");
const SPECIFIER = /(?:^|\n)\s*(?:import|export)\b[^;]*?\bfrom\s*["']([^"']+)["']|\bimport\s*\(\s*["']([^"']+)["']\s*\)/g;

/** Repository-relative files reachable from `entries` by relative imports, and the bare specifiers met. */
function reachable(entries: string[]): { files: Set<string>; bare: Set<string> } {
  const files = new Set<string>();
  const bare = new Set<string>();
  const todo = entries.map((e) => join(ROOT, e));
  while (todo.length) {
    const file = todo.pop()!;
    const rel = relative(ROOT, file);
    if (files.has(rel)) continue;
    files.add(rel);
    if (!/\.(ts|js|mjs)$/.test(file)) continue; // e.g. the inlined .wasm
    for (const m of readFileSync(file, "utf8").matchAll(SPECIFIER)) {
      const spec = (m[1] ?? m[2])!;
      if (!spec.startsWith(".")) {
        bare.add(spec);
        continue;
      }
      const target = resolve(dirname(file), spec);
      const ts = target.replace(/\.js$/, ".ts");
      todo.push(existsSync(ts) ? ts : target);
    }
  }
  return { files, bare };
}

describe("the playground's imports", () => {
  const { files, bare } = reachable(["web-playground/main.ts", "web-playground/worker.ts"]);

  it("reach the lock writer in bindings/, and nothing under cli/", () => {
    expect(files).toContain("bindings/lock/cairn-lock.ts");
    expect([...files].filter((f) => !/^(web-playground|bindings|core)\//.test(f) && !/^build\/[\w.]+\.wasm$/.test(f))).toEqual([]);
  });

  it("use no Node module", () => {
    expect([...bare].filter((s) => s.startsWith("node:"))).toEqual([]);
  });
});
