// The core runs AssemblyScript's non-incremental collector at its own safe
// points (core/abi/collect.ts): these tests fail if garbage is never
// collected, or if a collection frees something still in use.
import { describe, it, expect } from "vitest";
import { Core } from "../../../bindings/core.js";
import { CORE_WASM } from "../../../bindings/wasm/core-bytes.js";
import { solve } from "../../../bindings/solve.js";
import { pigeonhole } from "../../fixtures/pigeonhole.js";

const MiB = 1 << 20;
const memoryOf = (c: Core) => c.exports.memory.buffer.byteLength;

describe("the core's garbage collection", () => {
  it("frees the garbage of a long-lived host's calls: 40,000 results of 4 KiB stay within a few MiB", () => {
    const c = Core.fromBytesSync(CORE_WASM);
    const input = new Uint8Array(4096).map((_, i) => i & 255);
    for (let i = 0; i < 40_000; i++) {
      const r = c.callWithInput("debug_echo", input);
      if (r.bytes.length !== input.length || r.bytes[4095] !== 255) throw new Error(`call ${i}: wrong echo`);
    }
    // 160 MiB were allocated in all; without collection memory would hold them.
    expect(memoryOf(c)).toBeLessThanOrEqual(8 * MiB);
  });

  it("collects inside one long solve, and the same instance then answers byte for byte the same", () => {
    // (Valid answers after collections inside a run: search-effort.test.ts checks
    // sweep-10000, collected several times during the solve, edge by edge.)
    // Pigeonhole: every step learns and discards terms, so one session_run
    // produces garbage for as long as its budget lasts.
    const { registry, root } = pigeonhole(9);
    const c = Core.fromBytesSync(CORE_WASM);
    const first = solve({ registry, root }, { maxSteps: 20_000, core: c });
    expect(!first.ok && first.error.code).toBe("E_STEP_LIMIT");
    const after = memoryOf(c);
    // The same instance again (its heap now full of the first run's garbage)
    // gives the byte-identical answer, and memory does not grow with it.
    const again = solve({ registry, root }, { maxSteps: 20_000, core: c });
    expect(JSON.stringify(again)).toBe(JSON.stringify(first));
    expect(memoryOf(c)).toBeLessThanOrEqual(after);
    // A solvable scenario in the same instance afterwards still gets its answer.
    const ok = solve({ registry: { a: { "1.0.0": { b: "^1" } }, b: { "1.2.0": {} } }, root: { a: "*" } }, { core: c });
    expect(ok.ok && ok.solution).toEqual({ a: "1.0.0", b: "1.2.0" });
  });
});
