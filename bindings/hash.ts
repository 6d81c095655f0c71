// SHA-256 for cairn: the Wasm engine (scalar baseline module or the four-lane
// SIMD module, picked by feature detection), node:crypto when the host has it,
// and an "auto" engine that sends each input to whichever is faster for its
// size (crossovers measured on the dev machine: docs/ABI.md "Hashing").
// Every engine gives identical digests; this file loads in browsers too, so
// node:crypto is reached only through process.getBuiltinModule at run time.
import { CORE_WASM } from "./wasm/core-bytes.js";
import simdWasm from "../build/cairn.simd.wasm";
import { CoreTrap } from "./core.js";
import { CairnError } from "./errors.js";

export type HashEngineKind = "wasm" | "native" | "auto";

export interface Sha256Hasher {
  update(bytes: Uint8Array): Sha256Hasher;
  /** The digest; the hasher cannot be used afterwards. */
  digest(): Uint8Array;
}

export interface HashEngine {
  readonly kind: HashEngineKind;
  /** What actually runs: "wasm-simd", "wasm-scalar", "node:crypto", or "auto(…)". */
  readonly description: string;
  sha256(bytes: Uint8Array): Uint8Array;
  sha256Many(list: readonly Uint8Array[]): Uint8Array[];
  createSha256(): Sha256Hasher;
}

export interface HashEngineOptions {
  /** For "wasm" and "auto": force the SIMD (true) or the scalar (false) module; default: SIMD when the host validates it. */
  simd?: boolean;
}

// Below these sizes the Wasm engine beats node:crypto on the dev machine
// (`node bench/hash.mjs --crossover`, BENCHMARKS.md: break-even near 450 B
// single and 1.3 KB batched): per-call overhead dominates small inputs, where
// node:crypto pays ~1-1.3 µs per digest; SHA-NI wins on anything larger. A
// batch lowers Wasm's per-message cost, so its crossover is higher.
export const AUTO_WASM_SINGLE_BELOW = 448;
export const AUTO_WASM_BATCH_BELOW = 1280;

// (module (func (result v128) i32.const 0 i8x16.splat i8x16.popcnt)): validates only where Wasm SIMD is on.
const SIMD_PROBE = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 10, 1, 8, 0, 65, 0, 253, 15, 253, 98, 11]);

let simdKnown: boolean | undefined;
/** Whether this host runs Wasm SIMD (fixed-width 128-bit). */
export function wasmSimdSupported(): boolean {
  return (simdKnown ??= WebAssembly.validate(SIMD_PROBE));
}

interface HashExports {
  memory: WebAssembly.Memory;
  hash_window(): number;
  hash_window_size(): number;
  hash_lanes(): number;
  sha256(ptr: number, len: number, out: number): void;
  sha256_state_size(): number;
  sha256_init(st: number): void;
  sha256_update(st: number, ptr: number, len: number): number;
  sha256_final(st: number, out: number): number;
  sha256_many(desc: number, n: number, out: number): void;
}

// Window layout (offsets from hash_window()): a stream state slot, the
// single-digest output, then data; a batch puts its descriptors and digests
// right after its data.
const STATE_AT = 0;
const OUT_AT = 128;
const DATA_AT = 256;
const PER_ITEM = 8 + 32;
// Descriptors are written through a Uint32Array, which is little-endian on
// every host that runs Wasm in practice; refuse to guess otherwise.
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** The Wasm SHA-256 engine over one private instance (never the solver's). */
export class WasmHashEngine implements HashEngine {
  readonly kind = "wasm" as const;
  readonly description: string;
  private x!: HashExports;
  private win = 0;
  private cap = 0;
  private mem!: Uint8Array;
  private u32!: Uint32Array;
  /** The single-digest output slot, as a view made once: `slice()` of it is the cheapest copy out. */
  private outSlot!: Uint8Array;
  private stateSize = 0;

  constructor(readonly module: WebAssembly.Module) {
    const imports = WebAssembly.Module.imports(module);
    if (imports.length !== 0) throw new Error("cairn hash engine must import nothing");
    if (!LITTLE_ENDIAN) throw new Error("cairn's Wasm hash engine needs a little-endian host");
    this.instantiate();
    this.description = this.x.hash_lanes() === 4 ? "wasm-simd" : "wasm-scalar";
  }

  private instantiate(): void {
    this.x = new WebAssembly.Instance(this.module, {}).exports as unknown as HashExports;
    this.win = this.x.hash_window() >>> 0;
    this.cap = this.x.hash_window_size() >>> 0;
    this.stateSize = this.x.sha256_state_size();
    this.refresh();
  }

  // Hash calls never grow memory after hash_window(), but re-check cheaply
  // anyway: growth detaches the old buffer, so a stale view has length 0
  // (cheaper than reading memory.buffer, an API call, on every digest).
  private view(): Uint8Array {
    if (this.mem.length === 0) this.refresh();
    return this.mem;
  }

  private refresh(): void {
    this.mem = new Uint8Array(this.x.memory.buffer);
    this.u32 = new Uint32Array(this.x.memory.buffer);
    this.outSlot = this.mem.subarray(this.win + OUT_AT, this.win + OUT_AT + 32);
  }

  private guard<T>(f: () => T): T {
    try {
      return f();
    } catch (e) {
      throw this.trapped(e);
    }
  }

  /** A trap poisons the instance: replace it and report a CoreTrap (anything else passes through). */
  private trapped(e: unknown): unknown {
    if (!(e instanceof WebAssembly.RuntimeError)) return e;
    this.instantiate();
    return new CoreTrap(`hash engine trapped: ${e.message}`);
  }

  // The hot path for small inputs: no closure, one copy in, one call, one copy out.
  sha256(bytes: Uint8Array): Uint8Array {
    checkBytes(bytes, "sha256: input");
    const len = bytes.length;
    if (len > this.cap - DATA_AT) return this.guard(() => this.streamAll(bytes));
    let m = this.mem;
    if (m.length === 0) m = this.view();
    const w = this.win;
    m.set(bytes, w + DATA_AT);
    try {
      this.x.sha256(w + DATA_AT, len, w + OUT_AT);
    } catch (e) {
      throw this.trapped(e);
    }
    return this.outSlot.slice();
  }

  sha256Many(list: readonly Uint8Array[]): Uint8Array[] {
    const fast = this.many64(list);
    if (fast !== null) return fast;
    const descending = checkList(list);
    const n = list.length;
    const out: Uint8Array[] = new Array(n);
    // Longest first: each window's batch then holds messages of similar
    // length, so the SIMD lanes run out at about the same time.
    const order = byLengthDescending(list, descending);
    const meta = this.metaFor(n);
    let i = 0;
    try {
      while (i < n) {
        // Pack as many messages as fit: data, then descriptors and digests.
        let m = this.mem;
        if (m.length === 0) m = this.view();
        const w = this.win;
        const limit = w + this.cap - 4;
        const first = i;
        let at = w + DATA_AT;
        let k = 0;
        while (i < n) {
          const b = order === null ? list[i] : list[order[i]];
          const len = b.length;
          if (at + len + PER_ITEM * (k + 1) > limit) break;
          m.set(b, at);
          meta[2 * k] = at;
          meta[2 * k + 1] = len;
          at += len;
          k++;
          i++;
        }
        if (k === 0) {
          // Larger than the window on its own: stream it.
          out[order === null ? i : order[i]] = this.streamAll(order === null ? list[i] : list[order[i]]);
          i++;
          continue;
        }
        const desc = (at + 3) & ~3;
        const dig = desc + 8 * k;
        this.u32.set(meta.subarray(0, 2 * k), desc >>> 2);
        this.x.sha256_many(desc, k, dig);
        const buf = m.slice(dig, dig + 32 * k).buffer;
        // One slab for the batch, a 32-byte view per digest (cheaper than subarray).
        if (order === null) for (let j = 0; j < k; j++) out[first + j] = new Uint8Array(buf, 32 * j, 32);
        else for (let j = 0; j < k; j++) out[order[first + j]] = new Uint8Array(buf, 32 * j, 32);
      }
    } catch (e) {
      throw this.trapped(e);
    }
    return out;
  }

  /**
   * sha256Many for a list of only 64-byte messages (Merkle nodes, small
   * records), the common batch: one pass that checks and copies each message
   * and writes its descriptor in place (no checkList pass, no ordering, no
   * scratch table), the core's four-lane 64-byte path, then views of one slab.
   * Returns null, having changed nothing but window scratch, at the first item
   * that is not a 64-byte Uint8Array: the general path then checks and hashes
   * the whole list (a mixed list pays at most a second copy of its prefix).
   */
  private many64(list: readonly Uint8Array[]): Uint8Array[] | null {
    if (!Array.isArray(list)) return null;
    const n = list.length;
    if (n === 0 || (list[0] as unknown as Uint8Array | undefined)?.length !== 64) return null;
    let m = this.mem;
    if (m.length === 0) m = this.view();
    const u32 = this.u32;
    const w = this.win;
    const per = Math.floor((this.cap - DATA_AT - 4) / (64 + PER_ITEM));
    const out: Uint8Array[] = new Array(n);
    try {
      for (let first = 0; first < n; first += per) {
        const k = Math.min(per, n - first);
        const desc = w + DATA_AT + 64 * k;
        const dig = desc + 8 * k;
        let at = w + DATA_AT;
        let d = desc >>> 2;
        for (let i = first; i < first + k; i++) {
          const b: unknown = list[i];
          if (!(b instanceof Uint8Array) || b.length !== 64) return null;
          m.set(b, at);
          u32[d] = at;
          u32[d + 1] = 64;
          at += 64;
          d += 2;
        }
        this.x.sha256_many(desc, k, dig);
        const buf = m.slice(dig, dig + 32 * k).buffer;
        for (let j = 0; j < k; j++) out[first + j] = new Uint8Array(buf, 32 * j, 32);
      }
    } catch (e) {
      throw this.trapped(e);
    }
    return out;
  }

  private meta = new Uint32Array(0);
  /** Scratch for (ptr, len) pairs, copied into the window with one set(). */
  private metaFor(n: number): Uint32Array {
    const need = 2 * Math.min(n, Math.floor(this.cap / PER_ITEM));
    if (this.meta.length < need) this.meta = new Uint32Array(need);
    return this.meta;
  }

  createSha256(): Sha256Hasher {
    const engine = this;
    let state: Uint8Array | null = this.guard(() => {
      this.x.sha256_init(this.win + STATE_AT);
      return this.view().slice(this.win + STATE_AT, this.win + STATE_AT + this.stateSize);
    });
    const live = (): Uint8Array => {
      if (state === null) throw new Error("sha256 hasher used after digest()");
      return state;
    };
    // The state lives in JS between calls (112 bytes copied in and out), so
    // any number of hashers can be open at once and none leaks Wasm memory.
    const hasher: Sha256Hasher = {
      update(bytes: Uint8Array) {
        checkBytes(bytes, "update: input");
        const s = live();
        engine.guard(() => engine.feed(s, bytes));
        return hasher;
      },
      digest() {
        const s = live();
        state = null;
        return engine.guard(() => {
          const m = engine.view();
          const w = engine.win;
          m.set(s, w + STATE_AT);
          engine.x.sha256_final(w + STATE_AT, w + OUT_AT);
          return m.slice(w + OUT_AT, w + OUT_AT + 32);
        });
      },
    };
    return hasher;
  }

  private feed(state: Uint8Array, bytes: Uint8Array): void {
    const m = this.view();
    const w = this.win;
    const chunk = this.cap - DATA_AT;
    m.set(state, w + STATE_AT);
    for (let p = 0; p < bytes.length; p += chunk) {
      const part = bytes.subarray(p, Math.min(bytes.length, p + chunk));
      m.set(part, w + DATA_AT);
      this.x.sha256_update(w + STATE_AT, w + DATA_AT, part.length);
    }
    state.set(m.subarray(w + STATE_AT, w + STATE_AT + state.length));
  }

  private streamAll(bytes: Uint8Array): Uint8Array {
    const h = this.createSha256();
    h.update(bytes);
    return h.digest();
  }
}

/** Digest input must be bytes: a string or an ArrayBuffer would otherwise be hashed as something else. */
function checkBytes(b: unknown, what: string): void {
  if (!(b instanceof Uint8Array)) {
    const got = b === null ? "null" : typeof b === "object" ? (b as object).constructor?.name ?? "object" : typeof b;
    throw new CairnError("E_INVALID_TYPE", `${what} must be a Uint8Array (or Buffer), got ${got}`, {
      hint: "encode text first, e.g. new TextEncoder().encode(s); wrap an ArrayBuffer in new Uint8Array(buf)",
    });
  }
}

/**
 * Checks that `list` is an array of bytes and says whether it is already
 * longest first. One pass, and the error text is built only on failure (a
 * template string per item showed as 4 % of a batch of 64-byte messages).
 */
function checkList(list: unknown): boolean {
  if (!Array.isArray(list)) throw new CairnError("E_INVALID_TYPE", "sha256Many expects an array of Uint8Array");
  let descending = true;
  let prev = Infinity;
  for (let i = 0; i < list.length; i++) {
    const b: unknown = list[i];
    if (!(b instanceof Uint8Array)) checkBytes(b, `sha256Many: item ${i}`);
    const len = (b as Uint8Array).length;
    if (len > prev) descending = false;
    prev = len;
  }
  return descending;
}

/** Indices of `list` by length, longest first (ties in list order); null when already so or too short to matter. */
function byLengthDescending(list: readonly Uint8Array[], descending: boolean): Uint32Array | null {
  const n = list.length;
  if (descending || n <= 4) return null;
  const order = new Uint32Array(n);
  if (n < 1 << 21) {
    // Sort numeric keys natively instead of calling a comparator n·log n
    // times: key = (2^32 - 1 - length) · 2^21 + index, exact in a double.
    // (Lengths from 4 GiB up tie; the order only affects speed, never digests.)
    const keys = new Float64Array(n);
    for (let i = 0; i < n; i++) keys[i] = (0xffffffff - Math.min(list[i].length, 0xffffffff)) * 2097152 + i;
    keys.sort();
    for (let i = 0; i < n; i++) order[i] = keys[i] % 2097152;
    return order;
  }
  for (let i = 0; i < n; i++) order[i] = i;
  return order.sort((a, b) => list[b].length - list[a].length || a - b);
}

interface NodeHash {
  update(b: Uint8Array): NodeHash;
  digest(): Uint8Array;
}

interface NodeCrypto {
  createHash(alg: string): NodeHash;
  hash?(alg: string, data: Uint8Array, enc: "buffer"): Uint8Array;
}

function nodeCrypto(): NodeCrypto | undefined {
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  try {
    return proc?.getBuiltinModule?.("node:crypto") as NodeCrypto | undefined;
  } catch {
    return undefined;
  }
}

/** Whether node:crypto is reachable (Node ≥ 20.16). */
export function nativeHashAvailable(): boolean {
  return nodeCrypto() !== undefined;
}

/** node:crypto (OpenSSL; SHA-NI or ARMv8 SHA instructions where the CPU has them). */
export class NativeHashEngine implements HashEngine {
  readonly kind = "native" as const;
  readonly description = "node:crypto";
  private readonly c: NodeCrypto;

  constructor() {
    const c = nodeCrypto();
    if (!c) throw new Error('hash engine "native" needs node:crypto (Node ≥ 20.16); use "wasm" or "auto"');
    this.c = c;
  }

  sha256(bytes: Uint8Array): Uint8Array {
    checkBytes(bytes, "sha256: input");
    const c = this.c;
    // crypto.hash (Node ≥ 20.12) skips the Hash object: ~1.4x faster on small inputs.
    return new Uint8Array(c.hash ? c.hash("sha256", bytes, "buffer") : c.createHash("sha256").update(bytes).digest());
  }

  sha256Many(list: readonly Uint8Array[]): Uint8Array[] {
    checkList(list);
    return list.map((b) => this.sha256(b));
  }

  createSha256(): Sha256Hasher {
    const h = this.c.createHash("sha256");
    let done = false;
    const hasher: Sha256Hasher = {
      update(bytes: Uint8Array) {
        if (done) throw new Error("sha256 hasher used after digest()");
        checkBytes(bytes, "update: input");
        h.update(bytes);
        return hasher;
      },
      digest() {
        if (done) throw new Error("sha256 hasher used after digest()");
        done = true;
        return new Uint8Array(h.digest());
      },
    };
    return hasher;
  }
}

/**
 * Wasm for small inputs and batches of small messages, node:crypto for the
 * rest. Both halves are created on first use, so a process that only ever
 * hashes large inputs never compiles the Wasm module, and one that only
 * hashes small ones never loads node:crypto (cold start).
 */
export class AutoHashEngine implements HashEngine {
  readonly kind = "auto" as const;
  readonly description: string;
  private wasmEngine: WasmHashEngine | undefined;
  private nativeEngine: NativeHashEngine | null | undefined;

  constructor(private readonly makeWasm: () => WasmHashEngine, wasmDescription: string, nativePossible: boolean) {
    if (!nativePossible) this.nativeEngine = null;
    this.description = nativePossible
      ? `auto(${wasmDescription} below ${AUTO_WASM_SINGLE_BELOW} B, batched below ${AUTO_WASM_BATCH_BELOW} B; node:crypto above)`
      : `auto(${wasmDescription})`;
  }

  private get wasm(): WasmHashEngine {
    return (this.wasmEngine ??= this.makeWasm());
  }

  private get native(): NativeHashEngine | null {
    if (this.nativeEngine === undefined) {
      try {
        this.nativeEngine = new NativeHashEngine();
      } catch {
        this.nativeEngine = null; // no node:crypto after all: Wasm for everything
      }
    }
    return this.nativeEngine;
  }

  sha256(bytes: Uint8Array): Uint8Array {
    checkBytes(bytes, "sha256: input");
    if (bytes.length >= AUTO_WASM_SINGLE_BELOW && this.nativeEngine !== null) {
      const native = this.native;
      if (native) return native.sha256(bytes);
    }
    return this.wasm.sha256(bytes);
  }

  sha256Many(list: readonly Uint8Array[]): Uint8Array[] {
    checkList(list);
    let smallCount = 0;
    for (let i = 0; i < list.length; i++) if (list[i].length < AUTO_WASM_BATCH_BELOW) smallCount++;
    const native = smallCount === list.length ? null : this.native;
    if (!native) return this.wasm.sha256Many(list);
    if (smallCount === 0) return native.sha256Many(list);
    const small: Uint8Array[] = [];
    const where: number[] = [];
    const out: Uint8Array[] = new Array(list.length);
    for (let i = 0; i < list.length; i++) {
      const b = list[i];
      if (b.length < AUTO_WASM_BATCH_BELOW) {
        small.push(b);
        where.push(i);
      } else {
        out[i] = native.sha256(b);
      }
    }
    const d = this.wasm.sha256Many(small);
    for (let k = 0; k < d.length; k++) out[where[k]] = d[k];
    return out;
  }

  createSha256(): Sha256Hasher {
    // Streams are archives and downloads: large, so native when there is one.
    const native = this.native;
    return native ? native.createSha256() : this.wasm.createSha256();
  }
}

/** Whether node:crypto can be asked for without loading it (the check is cheap; loading is not). */
function nativePossible(): boolean {
  const proc = (globalThis as { process?: { getBuiltinModule?: unknown } }).process;
  return typeof proc?.getBuiltinModule === "function";
}

const modules: { simd?: WebAssembly.Module; scalar?: WebAssembly.Module } = {};

function moduleSync(simd: boolean): WebAssembly.Module {
  return simd ? (modules.simd ??= new WebAssembly.Module(simdWasm)) : (modules.scalar ??= new WebAssembly.Module(CORE_WASM));
}

async function moduleAsync(simd: boolean): Promise<WebAssembly.Module> {
  if (simd) return (modules.simd ??= await WebAssembly.compile(simdWasm));
  return (modules.scalar ??= await WebAssembly.compile(CORE_WASM));
}

function checkKind(kind: string): asserts kind is HashEngineKind {
  if (kind !== "wasm" && kind !== "native" && kind !== "auto") {
    throw new Error(`unknown hash engine "${kind}": expected "wasm", "native" or "auto"`);
  }
}

function useSimd(opts: HashEngineOptions): boolean {
  if (opts.simd === true && !wasmSimdSupported()) throw new Error("this host has no Wasm SIMD");
  return opts.simd ?? wasmSimdSupported();
}

/**
 * A SHA-256 engine. `"wasm"`: the Wasm module alone (SIMD when available),
 * as browsers use it; `"native"`: node:crypto; `"auto"`: per input size.
 * Compiles asynchronously, so it is safe on a browser's main thread.
 */
export async function hashEngine(kind: HashEngineKind = "auto", opts: HashEngineOptions = {}): Promise<HashEngine> {
  checkKind(kind);
  if (kind === "native") return new NativeHashEngine();
  const simd = useSimd(opts);
  const module = await moduleAsync(simd);
  if (kind === "wasm") return new WasmHashEngine(module);
  return new AutoHashEngine(() => new WasmHashEngine(module), simd ? "wasm-simd" : "wasm-scalar", nativePossible());
}

/** The synchronous twin of hashEngine (compiles with `new WebAssembly.Module`). */
export function hashEngineSync(kind: HashEngineKind = "auto", opts: HashEngineOptions = {}): HashEngine {
  checkKind(kind);
  if (kind === "native") return new NativeHashEngine();
  const simd = useSimd(opts);
  if (kind === "wasm") return new WasmHashEngine(moduleSync(simd));
  return new AutoHashEngine(() => new WasmHashEngine(moduleSync(simd)), simd ? "wasm-simd" : "wasm-scalar", nativePossible());
}

let shared: HashEngine | undefined;
function auto(): HashEngine {
  return (shared ??= hashEngineSync("auto"));
}

/** SHA-256 of `bytes` (32 bytes). */
export function sha256(bytes: Uint8Array): Uint8Array {
  return auto().sha256(bytes);
}

/** SHA-256 of each message, in one batch (SIMD multi-buffer for small ones). */
export function sha256Many(list: readonly Uint8Array[]): Uint8Array[] {
  return auto().sha256Many(list);
}

/** A streaming SHA-256: `createSha256().update(a).update(b).digest()`. */
export function createSha256(): Sha256Hasher {
  return auto().createSha256();
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));

export function toHex(bytes: Uint8Array): string {
  let s = "";
  for (let i = 0; i < bytes.length; i++) s += HEX[bytes[i]];
  return s;
}

/** `sha256:<64 lowercase hex>`, the archive checksum form of lock files and registries. */
export function sha256Checksum(bytes: Uint8Array): string {
  return `sha256:${toHex(sha256(bytes))}`;
}
