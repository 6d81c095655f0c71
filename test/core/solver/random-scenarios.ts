// Random small scenarios over every scenario option, for the property tests
// (options-property.test.ts against the reference checker, and the parity of
// the async Resolver with solve()). Deterministic per seed.
import type { Scenario } from "../../../bindings/scenario.js";
import { rng } from "./rng.js";

const VERSIONS = ["0.1.0", "1.0.0-beta.1", "1.0.0", "1.1.0", "1.2.0-rc.1", "1.2.0", "2.0.0-alpha", "2.0.0", "2.1.0"];
const POLICIES = ["npm", "include", "fallback"] as const;

type R = ReturnType<typeof rng>;

/** A random range over `versions` (or the pool): every shape node-semver has, `>v` only with `greater`. */
export function randomRange(r: R, versions: string[], pool: string[] = VERSIONS, greater = true): string {
  const v = r.pick(versions.length ? versions : pool);
  switch (r.int(0, greater ? 8 : 7)) {
    case 0: return "*";
    case 1: return v;
    case 2: return `^${v}`;
    case 3: return `~${v}`;
    case 4: return `>=${v}`;
    case 5: return `<${v}`;
    case 6: return `>=${v} <${r.pick(pool)}`;
    case 7: return `${v} || ^${r.pick(pool)}`;
    default: return `>${v}`;
  }
}

const range = (r: R, versions: string[]) => randomRange(r, versions);

function deps(r: R, names: string[], vers: Record<string, string[]>, max: number, self?: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = r.int(0, max); i > 0; i--) {
    const d = r.next() < 0.06 ? "ghost" : r.pick(names);
    if (d === self) continue;
    out[d] = range(r, vers[d] ?? []);
  }
  return out;
}

export function optionScenario(seed: number): Scenario {
  const r = rng(seed);
  const names = Array.from({ length: r.int(2, 5) }, (_, i) => String.fromCharCode(97 + i));
  const vers: Record<string, string[]> = {};
  for (const p of names) {
    const set = new Set<string>();
    for (let k = r.int(1, 4); set.size < k; ) set.add(r.pick(VERSIONS));
    vers[p] = [...set];
  }
  const s: Scenario = { registry: {}, root: {} };
  for (const p of names) {
    s.registry[p] = {};
    for (const v of vers[p]!) s.registry[p]![v] = deps(r, names, vers, 2, p);
  }
  for (let i = r.int(1, Math.min(3, names.length)); i > 0; i--) {
    const d = r.pick(names);
    s.root[d] = range(r, vers[d]!);
  }
  const options: NonNullable<Scenario["options"]> = { prerelease: r.pick([...POLICIES]) };
  if (r.next() < 0.2) options.cycles = "forbid";
  if (r.next() < 0.2) options.versions = "lowest";
  if (r.next() < 0.2) {
    const d = r.pick(names);
    s.root_dev = { [d]: range(r, vers[d]!) };
  }
  const pkgVer = () => {
    const p = r.pick(names);
    return [p, r.pick(vers[p]!)] as const;
  };
  if (r.next() < 0.25) {
    // yanked versions, sometimes pinned exactly by the root or locked
    s.yanked = {};
    const [p, v] = pkgVer();
    s.yanked[p] = [v];
    if (r.next() < 0.3) s.root[p] = v;
  }
  if (r.next() < 0.25) {
    s.locked = {};
    for (let i = r.int(1, 2); i > 0; i--) {
      const [p, v] = pkgVer();
      s.locked[p] = v;
    }
  }
  if (r.next() < 0.15) {
    const p = r.pick(names);
    s.overrides = { [p]: range(r, vers[p]!) };
  }
  if (r.next() < 0.3) {
    // features: a few versions define groups; the root and some dependencies request them
    s.features = {};
    for (const p of names) {
      if (r.next() < 0.5) continue;
      s.features[p] = {};
      for (const v of vers[p]!) if (r.next() < 0.7) s.features[p]![v] = { x: deps(r, names, vers, 2, p) };
    }
    const p = r.pick(names);
    if (s.root[p] !== undefined) s.root_features = { [p]: [r.pick(["x", "y"])] };
    const [q, v] = pkgVer();
    const dq = Object.keys(s.registry[q]![v]!).filter((d) => d !== "ghost");
    if (dq.length) s.dep_features = { [q]: { [v]: { [dq[0]!]: ["x"] } } };
    if (r.next() < 0.3) options.missing_feature = "error";
  }
  if (r.next() < 0.2) {
    s.target = r.pick(["linux", "windows"]);
    const [p, v] = pkgVer();
    s.target_deps = { [p]: { [v]: { [r.pick(["linux", "!linux", "windows"])]: deps(r, names, vers, 1, p) } } };
    if (r.next() < 0.5) s.root_target_deps = { [r.pick(["linux", "!windows"])]: deps(r, names, vers, 1) };
  }
  if (r.next() < 0.15) {
    // a dependency on the root package by name
    s.root_name = "app";
    s.root_version = r.pick(["1.0.0", "2.0.0"]);
    const [p, v] = pkgVer();
    s.registry[p]![v]!.app = r.pick(["^1.0.0", "^2.0.0", "*"]);
  }
  // With cycles forbidden, cairn counts the dependencies a feature adds as edges of the graph, as
  // Cargo does (docs/RESOLVER.md); the reference checker counts base dependencies only.
  if (options.cycles === "forbid" && s.features) delete options.cycles;
  s.options = options;
  return s;
}
