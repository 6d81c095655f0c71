// A deterministic large scenario for the playground's performance check and
// benchmark: N packages × V versions, a DAG (package i depends only on packages
// after it) in which every package is reachable, so the solution holds all N.
// Newer versions of a package sometimes cap a dependency below its newest
// version, so the solver has to propagate and choose, not just take the maxima.

/** mulberry32: a tiny seeded PRNG (the same input gives the same scenario). */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function bigScenario({ packages = 2000, versions = 10, maxDeps = 4, seed = 7 } = {}) {
  const r = rng(seed);
  const name = (i) => `pkg-${String(i).padStart(4, "0")}`;
  const registry = {};
  for (let i = 0; i < packages; i++) {
    const vs = {};
    for (let k = 0; k < versions; k++) {
      const deps = {};
      if (i + 1 < packages) deps[name(i + 1)] = "^1.0.0";
      const extra = Math.floor(r() * (maxDeps + 1));
      for (let d = 0; d < extra && i + 2 < packages; d++) {
        const j = i + 2 + Math.floor(r() * Math.min(200, packages - i - 2));
        const lo = Math.floor(r() * versions * 0.5);
        // Some newer versions cap the dependency below its newest releases.
        deps[name(j)] = k > versions / 2 && r() < 0.3 ? `>=1.${lo}.0 <1.${Math.max(lo + 1, versions - 2)}.0` : `>=1.${lo}.0`;
      }
      vs[`1.${k}.0`] = deps;
    }
    registry[name(i)] = vs;
  }
  return { name: `generated-${packages}`, source: "test/browser/big-scenario.mjs", registry, root: { [name(0)]: "^1.0.0", [name(1)]: "^1.0.0" } };
}
