// Large scenarios without a JS object per version (DESIGN.md §4): one pass
// over the JSON bytes records where each registry package's value starts and
// ends; everything but the registry is parsed normally (it is small), and a
// package's versions are parsed only when the resolver asks for that package.
// Any malformed input falls back to parseScenario for its exact error.
import { parseWellFormed } from "./well-formed.js";
import { parseScenario, validateScenario, type Scenario, type Deps } from "./scenario.js";
import { CairnError } from "./errors.js";
import type { PackageMetadata, VersionMetadata } from "./session.js";
import { PackageSpans } from "./package-spans.js";
import { own, setOwn } from "./own.js";

// A const enum, so the bundler writes the numbers into the loops: module-level
// consts become mutable module variables in the bundle, loaded on every test
// (a scan of sweep-10000 took 86 ms with them, 72 without).
const enum C {
  Q = 0x22,
  BS = 0x5c,
  LB = 0x7b,
  RB = 0x7d,
  LS = 0x5b,
  RS = 0x5d,
  COLON = 0x3a,
  COMMA = 0x2c,
}
const utf8 = new TextDecoder();

function ws(b: Uint8Array, i: number): number {
  for (;;) {
    const c = b[i];
    if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) i++;
    else return i;
  }
}

/** End (exclusive) of the string starting at b[i] === '"'; -1 if it does not end. */
function skipString(b: Uint8Array, i: number): number {
  // A plain byte loop: registry strings are short (names, versions, ranges),
  // where a native indexOf per string costs more in calls than it saves.
  const n = b.length;
  i++;
  while (i < n) {
    const c = b[i++];
    if (c === C.Q) return i;
    if (c === C.BS) i++;
  }
  return -1;
}

let closers: Uint8Array = new Uint8Array(256);
function growStack(a: Uint8Array): Uint8Array {
  const b = new Uint8Array(a.length * 2);
  b.set(a);
  return b;
}

/** End (exclusive) of the value starting at b[i] (after whitespace). */
function skipValue(b: Uint8Array, i: number): number {
  const c = b[i];
  if (c === C.Q) return skipString(b, i);
  const n = b.length;
  if (c === C.LB || c === C.LS) {
    // A stack of the expected closers, so "{]" is caught even in skipped
    // text; strings are stepped over inline (this loop is most of a scan).
    let stack = closers;
    let depth = 0;
    while (i < n) {
      const x = b[i++]!;
      if (x === C.Q) {
        for (;;) {
          if (i >= n) return -1;
          const y = b[i++];
          if (y === C.Q) break;
          if (y === C.BS) i++;
        }
      } else if (x === C.LB || x === C.LS) {
        if (depth === stack.length) closers = stack = growStack(stack);
        stack[depth++] = x === C.LB ? C.RB : C.RS;
      } else if (x === C.RB || x === C.RS) {
        if (depth === 0 || stack[--depth] !== x) return -1;
        if (depth === 0) return i;
      }
    }
    return -1;
  }
  const start = i;
  while (i < n) {
    const x = b[i]!;
    if (x === C.COMMA || x === C.RB || x === C.RS || x === 0x20 || x === 0x0a || x === 0x0d || x === 0x09) break;
    i++;
  }
  return i > start ? i : -1;
}

class Malformed extends Error {}

/**
 * Walk the object at b[i] === '{'. For each member, `member(keyStart, keyEnd,
 * valueStart)` gets the key's quoted span and returns the value's end (it
 * decides whether the key is worth decoding). Returns the object's end.
 */
function walkObject(b: Uint8Array, i: number, member: (keyStart: number, keyEnd: number, valueStart: number) => number): number {
  if (b[i] !== C.LB) throw new Malformed();
  i = ws(b, i + 1);
  if (b[i] === C.RB) return i + 1;
  for (;;) {
    if (b[i] !== C.Q) throw new Malformed();
    const ks = i;
    const ke = skipString(b, i);
    if (ke < 0) throw new Malformed();
    i = ws(b, ke);
    if (b[i] !== C.COLON) throw new Malformed();
    i = ws(b, i + 1);
    const ve = member(ks, ke, i);
    if (ve < 0) throw new Malformed();
    i = ws(b, ve);
    if (b[i] === C.COMMA) {
      i = ws(b, i + 1);
      continue;
    }
    if (b[i] === C.RB) return i + 1;
    throw new Malformed();
  }
}

/** Walk the registry object at b[i] into `spans`, decoding no key. Returns the end. */
function walkRegistry(b: Uint8Array, i: number, spans: PackageSpans): number {
  return walkObject(b, i, (ks, ke, vs) => {
    const ve = skipValue(b, vs);
    if (ve >= 0) spans.add(ks, ke, vs, ve);
    return ve;
  });
}

/** A scenario whose registry packages are parsed on demand. */
export class LazyScenario {
  private cache = new Map<string, PackageMetadata | null>();

  constructor(
    private readonly bytes: Uint8Array,
    /** everything but the registry, validated */
    readonly request: Omit<Scenario, "registry">,
    private readonly spans: PackageSpans,
    private readonly file?: string,
  ) {}

  get packageCount(): number {
    return this.spans.size;
  }

  /** Metadata of one registry package, or null when the registry has no such package. */
  package(name: string): PackageMetadata | null {
    const hit = this.cache.get(name);
    if (hit !== undefined) return hit;
    const span = this.spans.get(name);
    let out: PackageMetadata | null = null;
    if (span) {
      let value: unknown;
      try {
        value = parseWellFormed(utf8.decode(this.bytes.subarray(span[0], span[1])));
      } catch {
        parseScenario(this.bytes, this.file); // throws the precise syntax error
        throw new CairnError("E_SCENARIO", `registry.${name} is not valid JSON`, { location: { file: this.file, path: `registry.${name}` } });
      }
      // The shape check of parseScenario, for this one package.
      validateScenario({ registry: { [name]: value }, root: {} }, this.file);
      out = scenarioMetadata(this.request, name, value as Record<string, Deps>);
    }
    this.cache.set(name, out);
    return out;
  }
}

/** Provider-form metadata of one scenario package from its registry entry and the scenario's extras. */
export function scenarioMetadata(s: Omit<Scenario, "registry">, name: string, vs: Record<string, Deps>): PackageMetadata {
  // The extras are looked up once per package, not once per version.
  const yankedList = own(s.yanked, name);
  const yanked = yankedList ? new Set(yankedList) : null;
  const features = own(s.features, name), targets = own(s.target_deps, name), depFeatures = own(s.dep_features, name);
  const versions: Record<string, VersionMetadata> = {};
  for (const v in vs) {
    const m: VersionMetadata = { dependencies: vs[v] };
    if (features) {
      const f = own(features, v);
      if (f) m.features = f;
    }
    if (targets) {
      const t = own(targets, v);
      if (t) m.targets = t;
    }
    if (depFeatures) {
      const df = own(depFeatures, v);
      if (df) m.dependency_features = df;
    }
    if (yanked?.has(v)) m.yanked = true;
    // A store at this site only (setOwn's own site is shared, so megamorphic).
    if (v === "__proto__") setOwn(versions, v, m);
    else versions[v] = m;
  }
  return { name, versions };
}

/**
 * Scan scenario JSON bytes: the registry's package spans are recorded, the
 * rest is parsed and validated. Errors are CairnError E_SCENARIO with a place.
 */
export function scanScenario(input: Uint8Array | string, file?: string): LazyScenario {
  const bytes = typeof input === "string" ? new TextEncoder().encode(input) : input;
  let spans = new PackageSpans(bytes);
  const rest: Record<string, unknown> = {};
  let sawRegistry = false;
  try {
    let i = ws(bytes, 0);
    // A UTF-8 byte order mark is not JSON; let the full parser say so.
    const end = walkObject(bytes, i, (ks, ke, start) => {
      const key = parseWellFormed(utf8.decode(bytes.subarray(ks, ke))) as string;
      if (key === "registry") {
        // Walked once, straight into the index (most of the file is here).
        sawRegistry = true;
        spans = new PackageSpans(bytes); // a repeated "registry" key replaces the earlier one
        const stop = walkRegistry(bytes, start, spans);
        spans.finish();
        return stop;
      }
      const stop = skipValue(bytes, start);
      if (stop < 0) throw new Malformed();
      rest[key] = parseWellFormed(utf8.decode(bytes.subarray(start, stop)));
      return stop;
    });
    i = ws(bytes, end);
    if (i !== bytes.length) throw new Malformed();
  } catch (e) {
    if (!(e instanceof Malformed) && !(e instanceof SyntaxError)) throw e;
    parseScenario(bytes, file); // throws the precise error
    throw new CairnError("E_SCENARIO", "the scenario is not valid JSON", { location: { file } });
  }
  const request = validateScenario({ ...rest, registry: sawRegistry ? {} : undefined }, file) as Scenario;
  const { registry: _registry, ...req } = request;
  return new LazyScenario(bytes, req, spans, file);
}
