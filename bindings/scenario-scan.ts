// Large scenarios without a JS object per version (DESIGN.md §4): one pass
// over the JSON bytes records where each registry package's value starts and
// ends; everything but the registry is parsed normally (it is small), and a
// package's versions are parsed only when the resolver asks for that package.
// Any malformed input falls back to parseScenario for its exact error.
import { parseScenario, validateScenario, type Scenario, type Deps } from "./scenario.js";
import { CairnError } from "./errors.js";
import type { PackageMetadata, VersionMetadata } from "./session.js";

const Q = 0x22, BS = 0x5c, LB = 0x7b, RB = 0x7d, LS = 0x5b, RS = 0x5d, COLON = 0x3a, COMMA = 0x2c;
const utf8 = new TextDecoder();

function ws(b: Uint8Array, i: number): number {
  for (;;) {
    const c = b[i];
    if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) i++;
    else return i;
  }
}

/** End (exclusive) of the string starting at b[i] === '"'. */
function skipString(b: Uint8Array, i: number): number {
  // Native search for the next quote; it ends the string unless an odd run of backslashes precedes it.
  i++;
  for (;;) {
    const j = b.indexOf(Q, i);
    if (j < 0) return -1;
    let k = j - 1;
    while (k >= i && b[k] === BS) k--;
    if ((j - 1 - k) % 2 === 0) return j + 1;
    i = j + 1;
  }
}

/** Bytes the structural scan must look at; everything else is skipped. */
const SPECIAL = new Uint8Array(256);
for (const c of [Q, LB, RB, LS, RS]) SPECIAL[c] = 1;

let closers: Uint8Array = new Uint8Array(256);
function growStack(a: Uint8Array): Uint8Array {
  const b = new Uint8Array(a.length * 2);
  b.set(a);
  return b;
}

/** End (exclusive) of the value starting at b[i] (after whitespace). */
function skipValue(b: Uint8Array, i: number): number {
  const c = b[i];
  if (c === Q) return skipString(b, i);
  if (c === LB || c === LS) {
    // A stack of the expected closers, so "{]" is caught even in skipped text.
    let depth = 0;
    const n = b.length;
    while (i < n) {
      const x = b[i]!;
      if (SPECIAL[x] === 0) {
        i++;
        continue;
      }
      if (x === Q) {
        i = skipString(b, i);
        if (i < 0) return -1;
        continue;
      }
      if (x === LB || x === LS) {
        if (depth === closers.length) closers = growStack(closers);
        closers[depth++] = x === LB ? RB : RS;
      } else if (x === RB || x === RS) {
        if (depth === 0 || closers[--depth] !== x) return -1;
        if (depth === 0) return i + 1;
      }
      i++;
    }
    return -1;
  }
  const n = b.length;
  const start = i;
  while (i < n) {
    const x = b[i]!;
    if (x === COMMA || x === RB || x === RS || x === 0x20 || x === 0x0a || x === 0x0d || x === 0x09) break;
    i++;
  }
  return i > start ? i : -1;
}

class Malformed extends Error {}

/** Walk an object at b[i] === '{', calling `each(key, valueStart, valueEnd)`. Returns the end. */
function walkObject(b: Uint8Array, i: number, each: (key: string, start: number, end: number) => void): number {
  if (b[i] !== LB) throw new Malformed();
  i = ws(b, i + 1);
  if (b[i] === RB) return i + 1;
  for (;;) {
    if (b[i] !== Q) throw new Malformed();
    const ke = skipString(b, i);
    if (ke < 0) throw new Malformed();
    const key = JSON.parse(utf8.decode(b.subarray(i, ke))) as string;
    i = ws(b, ke);
    if (b[i] !== COLON) throw new Malformed();
    i = ws(b, i + 1);
    const ve = skipValue(b, i);
    if (ve < 0) throw new Malformed();
    each(key, i, ve);
    i = ws(b, ve);
    if (b[i] === COMMA) {
      i = ws(b, i + 1);
      continue;
    }
    if (b[i] === RB) return i + 1;
    throw new Malformed();
  }
}

/** A scenario whose registry packages are parsed on demand. */
export class LazyScenario {
  private cache = new Map<string, PackageMetadata | null>();

  constructor(
    private readonly bytes: Uint8Array,
    /** everything but the registry, validated */
    readonly request: Omit<Scenario, "registry">,
    private readonly spans: Map<string, [number, number]>,
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
        value = JSON.parse(utf8.decode(this.bytes.subarray(span[0], span[1])));
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
  const versions: Record<string, VersionMetadata> = {};
  const yanked = new Set(s.yanked?.[name] ?? []);
  for (const [v, deps] of Object.entries(vs)) {
    const m: VersionMetadata = { dependencies: deps };
    const f = s.features?.[name]?.[v];
    if (f) m.features = f;
    const t = s.target_deps?.[name]?.[v];
    if (t) m.targets = t;
    const df = s.dep_features?.[name]?.[v];
    if (df) m.dependency_features = df;
    if (yanked.has(v)) m.yanked = true;
    versions[v] = m;
  }
  return { name, versions };
}

/**
 * Scan scenario JSON bytes: the registry's package spans are recorded, the
 * rest is parsed and validated. Errors are CairnError E_SCENARIO with a place.
 */
export function scanScenario(input: Uint8Array | string, file?: string): LazyScenario {
  const bytes = typeof input === "string" ? new TextEncoder().encode(input) : input;
  const spans = new Map<string, [number, number]>();
  const rest: Record<string, unknown> = {};
  let sawRegistry = false;
  try {
    let i = ws(bytes, 0);
    // A UTF-8 byte order mark is not JSON; let the full parser say so.
    const end = walkObject(bytes, i, (key, start, stop) => {
      if (key === "registry") {
        sawRegistry = true;
        spans.clear();
        if (bytes[start] !== LB) throw new Malformed();
        walkObject(bytes, start, (pkg, s, e) => void spans.set(pkg, [s, e]));
      } else {
        rest[key] = JSON.parse(utf8.decode(bytes.subarray(start, stop)));
      }
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
