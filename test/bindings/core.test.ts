import { describe, it, expect } from "vitest";
import { readFileSync } from "node:fs";
import { Core, CoreTrap, core } from "../../bindings/core.js";
import { CORE_WASM } from "../../bindings/wasm/core-bytes.js";

describe("the Wasm core's ABI skeleton", () => {
  it("imports nothing, in every build", () => {
    for (const f of ["build/cairn.wasm", "build/cairn.debug.wasm"]) {
      const mod = new WebAssembly.Module(readFileSync(f));
      expect(WebAssembly.Module.imports(mod), f).toEqual([]);
    }
  });

  it("reports its ABI version and exports the documented basics", () => {
    const mod = new WebAssembly.Module(CORE_WASM);
    const names = WebAssembly.Module.exports(mod).map((e) => e.name);
    for (const n of ["abi_version", "alloc", "dealloc", "result_status", "result_ptr", "result_len", "result_free", "last_error_ptr", "last_error_len", "memory"]) {
      expect(names).toContain(n);
    }
    expect(core().exports.abi_version()).toBe(1);
  });

  it("round-trips bytes through a result handle", () => {
    const input = new TextEncoder().encode("héllo wörld");
    const r = core().callWithInput("debug_echo", input);
    expect(r.status).toBe(0);
    expect(new TextDecoder().decode(r.bytes)).toBe("héllo wörld");
  });

  it("keeps the abort message and re-instantiates after a trap", () => {
    const c = Core.fromBytesSync(CORE_WASM);
    for (let i = 0; i < 1000; i++) {
      expect(() => c.guard(() => (c.exports.debug_trap as () => void)())).toThrow(CoreTrap);
    }
    expect(c.restarts).toBe(1000);
    try {
      c.guard(() => (c.exports.debug_trap as () => void)());
    } catch (e) {
      expect(String((e as Error).message)).toMatch(/debug trap requested at .*runtime_exports\.ts:\d+:\d+/);
    }
    const r = c.callWithInput("debug_echo", new Uint8Array([1, 2, 3]));
    expect([...r.bytes]).toEqual([1, 2, 3]);
  });

  it("rejects a module with imports", async () => {
    // (module (import "env" "f" (func)))
    const bytes = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 4, 1, 96, 0, 0, 2, 9, 1, 3, 101, 110, 118, 1, 102, 0, 0]);
    await expect(Core.fromBytes(bytes)).rejects.toThrow(/must import nothing/);
  });
});
