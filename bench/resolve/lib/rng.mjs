// A small seeded PRNG (SplitMix32 mixing over a Weyl sequence), so that a graph
// is a pure function of its parameters: the same seed gives the same bytes on
// every machine, and peers can be compared across runs.
export function seeded(seed) {
  let state = (seed ^ 0x9e3779b9) >>> 0;
  const float = () => {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    z ^= z >>> 16;
    return (z >>> 0) / 4294967296;
  };
  return {
    float,
    /** integer in [lo, hi], both inclusive */
    int: (lo, hi) => lo + Math.floor(float() * (hi - lo + 1)),
    chance: (p) => float() < p,
  };
}
