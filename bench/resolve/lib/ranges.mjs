// The range subset the generator writes — "^v", "~v", "v" (exact) and
// ">=a <b", over plain M.m.p versions — as half-open intervals of numeric keys.
// Deliberately not node-semver: the checker must not share code with anything it
// judges, and the same intervals translate 1:1 into Cargo requirements and Elm
// constraints ("lo <= v < hi").
const W = 1e6; // M, m, p < 1e6 and M < 9000 keep keys exact in a double

export function parseVersion(text) {
  const m = /^(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (!m) throw new Error(`not an M.m.p version: ${JSON.stringify(text)}`);
  return [+m[1], +m[2], +m[3]];
}
export const keyOf = ([M, m, p]) => (M * W + m) * W + p;
export const versionKey = (text) => keyOf(parseVersion(text));
export function keyToVersion(k) {
  const p = k % W;
  const mm = (k - p) / W;
  const m = mm % W;
  return `${(mm - m) / W}.${m}.${p}`;
}

/** Exclusive upper bound of the caret window of a version (npm/Cargo rules for 0.x). */
export function caretEnd([M, m, p]) {
  if (M > 0) return [M + 1, 0, 0];
  if (m > 0) return [0, m + 1, 0];
  return [0, 0, p + 1];
}

const cache = new Map();
/** [lo, hi) keys of a generated range. */
export function interval(range) {
  let iv = cache.get(range);
  if (iv) return iv;
  let m;
  if ((m = /^\^(\S+)$/.exec(range))) { const v = parseVersion(m[1]); iv = [keyOf(v), keyOf(caretEnd(v))]; }
  else if ((m = /^~(\S+)$/.exec(range))) { const v = parseVersion(m[1]); iv = [keyOf(v), keyOf([v[0], v[1] + 1, 0])]; }
  else if ((m = /^>=(\S+) <(\S+)$/.exec(range))) iv = [versionKey(m[1]), versionKey(m[2])];
  else if (/^\d/.test(range)) { const k = versionKey(range); iv = [k, k + 1]; }
  else throw new Error(`range outside the generated subset: ${JSON.stringify(range)}`);
  cache.set(range, iv);
  return iv;
}
export function satisfies(version, range) {
  const k = versionKey(version);
  const [lo, hi] = interval(range);
  return k >= lo && k < hi;
}

/** Cargo requirement with the same meaning ("v" alone means ^v in Cargo, so exact gets "="). */
export function toCargoReq(range) {
  if (range.startsWith('>=')) return range.replace(' <', ', <');
  if (/^\d/.test(range)) return `=${range}`;
  return range;
}

/** Elm constraint "lo <= v < hi". */
export function toElmConstraint(range) {
  const [lo, hi] = interval(range);
  return `${keyToVersion(lo)} <= v < ${keyToVersion(hi)}`;
}

/** Newest first. */
export const newestFirst = (a, b) => versionKey(b) - versionKey(a);
