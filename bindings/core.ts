// Loads the Wasm core with no glue and drives its raw ABI: copy bytes in, call,
// copy the result out, free it. A trap means a bug in the core and poisons the
// instance (the heap may be mid-update), so after one the instance is
// replaced from the compiled module before the error is rethrown.
import { CORE_WASM } from "./wasm/core-bytes.js";

export const EXPECTED_ABI_VERSION = 1;

export interface CoreExports {
  memory: WebAssembly.Memory;
  abi_version(): number;
  alloc(len: number): number;
  dealloc(ptr: number): void;
  result_status(h: number): number;
  result_ptr(h: number): number;
  result_len(h: number): number;
  result_free(h: number): void;
  last_error_ptr(): number;
  last_error_len(): number;
  gc(): void;
  [name: string]: unknown;
}

/** Thrown when the core traps (a bug in cairn, never a user error). */
export class CoreTrap extends Error {
  readonly code = "E_CORE_TRAP";
  constructor(message: string) {
    super(message);
    this.name = "CoreTrap";
  }
}

export interface RawResult {
  status: number;
  bytes: Uint8Array;
}

export class Core {
  private instance: WebAssembly.Instance;
  exports: CoreExports;
  /** How many times the instance was replaced after a trap. */
  restarts = 0;

  private constructor(readonly module: WebAssembly.Module) {
    this.instance = new WebAssembly.Instance(module, {});
    this.exports = this.instance.exports as unknown as CoreExports;
  }

  static fromModule(module: WebAssembly.Module): Core {
    const imports = WebAssembly.Module.imports(module);
    if (imports.length !== 0) {
      throw new Error(`cairn core must import nothing, but imports ${imports.map((i) => `${i.module}.${i.name}`).join(", ")}`);
    }
    const core = new Core(module);
    const v = core.exports.abi_version();
    if (v !== EXPECTED_ABI_VERSION) {
      throw new Error(`cairn core ABI version ${v} does not match the bindings' ${EXPECTED_ABI_VERSION}`);
    }
    return core;
  }

  static async fromBytes(bytes: BufferSource): Promise<Core> {
    return Core.fromModule(await WebAssembly.compile(bytes));
  }

  static fromBytesSync(bytes: BufferSource): Core {
    return Core.fromModule(new WebAssembly.Module(bytes));
  }

  /** Copy `input` into fresh core memory; returns the pointer (caller frees or hands over). */
  write(input: Uint8Array): number {
    const ptr = this.exports.alloc(input.length) >>> 0;
    new Uint8Array(this.exports.memory.buffer, ptr, input.length).set(input);
    return ptr;
  }

  /** Copy a result out and free it. */
  take(handle: number): RawResult {
    const x = this.exports;
    const status = x.result_status(handle);
    const ptr = x.result_ptr(handle) >>> 0;
    const len = x.result_len(handle);
    const bytes = new Uint8Array(x.memory.buffer, ptr, len).slice();
    x.result_free(handle);
    return { status, bytes };
  }

  /**
   * Call an export that takes (ptr, len, ...args) of an input buffer and
   * returns a result handle. The input block is freed after the call.
   */
  callWithInput(name: string, input: Uint8Array, ...args: number[]): RawResult {
    return this.guard(() => {
      const fn = this.exports[name] as (...a: number[]) => number;
      if (typeof fn !== "function") throw new Error(`cairn core has no export ${name}`);
      const ptr = this.write(input);
      try {
        return this.take(fn(ptr, input.length, ...args));
      } finally {
        this.exports.dealloc(ptr);
      }
    });
  }

  /** Run `f` against the instance; on a trap, replace the instance and throw CoreTrap. */
  guard<T>(f: () => T): T {
    try {
      return f();
    } catch (e) {
      if (e instanceof WebAssembly.RuntimeError || (e instanceof RangeError && /call stack/i.test(String(e.message)))) {
        const message = this.lastError() || String(e.message);
        this.reset();
        throw new CoreTrap(`core trapped: ${message}`);
      }
      throw e;
    }
  }

  lastError(): string {
    const x = this.exports;
    const len = x.last_error_len();
    if (len <= 0) return "";
    return new TextDecoder().decode(new Uint8Array(x.memory.buffer, x.last_error_ptr() >>> 0, len));
  }

  /** Replace the instance: state in the old one (sessions, results) is gone. */
  reset(): void {
    this.instance = new WebAssembly.Instance(this.module, {});
    this.exports = this.instance.exports as unknown as CoreExports;
    this.restarts++;
  }
}

let shared: Core | undefined;

/** The process-wide core instance, compiled from the inlined module on first use. */
export function core(): Core {
  return (shared ??= Core.fromBytesSync(CORE_WASM));
}
