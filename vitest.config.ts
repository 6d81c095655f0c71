import { defineConfig } from "vitest/config";
import { readFileSync } from "node:fs";

// `.wasm` imports become their bytes, exactly as esbuild's binary loader does
// in the bundles, so tests exercise the same bindings code.
const wasmBytes = {
  name: "cairn-wasm-bytes",
  enforce: "pre" as const,
  load(id: string) {
    if (!id.endsWith(".wasm")) return null;
    const b64 = readFileSync(id).toString("base64");
    return `export default new Uint8Array(Buffer.from(${JSON.stringify(b64)}, "base64"));`;
  },
};

export default defineConfig({
  plugins: [wasmBytes],
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
  },
});
