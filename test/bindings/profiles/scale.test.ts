// Readers are linear: a manifest with 10,000 dependencies reads and maps in well under 5 s (about 0.3 s here).
import { describe, expect, it } from "vitest";
import { readManifest, toResolution } from "../../../bindings/profiles/index.js";

const N = 10_000;
const big: [string, "ori" | "minz" | "epsilon" | "zirric" | "cairn", string][] = [
  ["ori", "ori", `[project]\nname = "@a/b"\nversion = "1.0.0"\nori = "0.5.0"\n[dependencies]\n${Array.from({ length: N }, (_, i) => `@s/p${i} = "1.0.${i}"`).join("\n")}\n`],
  ["minz", "minz", `[package]\nname = "a"\nversion = "1.0.0"\n[dependencies]\n${Array.from({ length: N }, (_, i) => `p${i} = "^1.${i}.0"`).join("\n")}\n`],
  ["epsilon", "epsilon", `{"name" "a" "version" "1.0.0" "dependencies" {${Array.from({ length: N }, (_, i) => `"p${i}" "^1.${i}.0"`).join(" ")}}}`],
  ["zirric", "zirric", `import cave\n@cave.Package()\ndata D {\n${Array.from({ length: N }, (_, i) => `@cave.Git("https://e.com/p${i}")\n@cave.Version("^1.${i}.0")\np${i}`).join("\n")}\n}\n`],
  ["cairn", "cairn", `[package]\nname = "a"\n[dependencies]\n${Array.from({ length: N }, (_, i) => `p${i} = { version = "^1.${i}", optional = ${i % 2 === 0} }`).join("\n")}\n[features]\ndefault = [${Array.from({ length: N / 2 }, (_, i) => `"p${i * 2}"`).join(", ")}]\n`],
];

describe("reader scale", () => {
  for (const [name, profile, text] of big) {
    it(`${name}: ${N} dependencies`, () => {
      const t0 = performance.now();
      const m = readManifest(profile, text);
      const r = toResolution(m);
      const ms = performance.now() - t0;
      expect(m.dependencies).toHaveLength(N);
      expect(Object.keys(r.root).length + Object.keys(r.git).length).toBe(N);
      expect(ms).toBeLessThan(5_000);
    });
  }
});
