// fast-check generators for versions and node-semver ranges, biased towards
// the small numbers and prerelease tags where bounds and bands meet.
import fc from "fast-check";

const num = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom(0, 1, 2, 3) },
  { weight: 2, arbitrary: fc.constantFrom(4, 9, 10, 11, 99) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 2 ** 31 }) },
);
const preId = fc.constantFrom("alpha", "beta", "rc", "0", "1", "2", "10", "x-y", "0a", "-", "alpha-1");
const pre = fc.array(preId, { minLength: 1, maxLength: 3 }).map((a) => a.join("."));
const build = fc.array(fc.constantFrom("b", "001", "exp-sha", "5"), { minLength: 1, maxLength: 2 }).map((a) => a.join("."));

export const version: fc.Arbitrary<string> = fc
  .tuple(num, num, num, fc.option(pre, { freq: 3 }), fc.option(build, { freq: 8 }))
  .map(([M, m, p, pr, b]) => `${M}.${m}.${p}${pr !== null ? `-${pr}` : ""}${b !== null ? `+${b}` : ""}`);

const xChar = fc.constantFrom("x", "X", "*");
const part = fc.oneof({ weight: 6, arbitrary: num.map(String) }, { weight: 1, arbitrary: xChar });

/** A partial version as ranges write it: 1–3 parts, x's, prerelease/build after three numbers. */
export const partial: fc.Arbitrary<string> = fc
  .tuple(fc.integer({ min: 1, max: 3 }), part, part, part, fc.option(pre, { freq: 3 }), fc.option(build, { freq: 10 }), fc.constantFrom("", "", "", "", "v"))
  .map(([n, a, b, c, pr, bu, v]) => {
    const parts = [a, b, c].slice(0, n);
    let s = v + parts.join(".");
    if (n === 3 && pr !== null) s += `-${pr}`;
    if (n === 3 && bu !== null) s += `+${bu}`;
    return s;
  });

const op = fc.constantFrom("", "", "=", "<", "<=", ">", ">=", "~", "~>", "^", "^");
const comparator = fc.tuple(op, fc.constantFrom("", "", "", " "), partial).map(([o, sp, p]) => (o === "" ? p : o + sp + p));

const set = fc.oneof(
  { weight: 6, arbitrary: fc.array(comparator, { minLength: 1, maxLength: 3 }).map((a) => a.join(" ")) },
  { weight: 2, arbitrary: fc.tuple(partial, partial).map(([a, b]) => `${a} - ${b}`) },
  { weight: 1, arbitrary: fc.constantFrom("*", "", "x", ">=0.0.0", "<0.0.0-0") },
);

export const range: fc.Arbitrary<string> = fc
  .tuple(fc.array(set, { minLength: 1, maxLength: 3 }), fc.constantFrom(" || ", "||", " ||  "))
  .map(([sets, sep]) => sets.join(sep));

/** Ranges plus a list of versions built from the numbers the range mentions (to hit its bounds). */
export const rangeWithVersions: fc.Arbitrary<[string, string[]]> = range.chain((r) => {
  const nums = [...new Set((r.match(/\d+/g) ?? []).map(Number).filter((n) => n < 2 ** 31))];
  const near = nums.flatMap((n) => [n, n + 1, Math.max(0, n - 1)]);
  const localNum = near.length > 0 ? fc.oneof(fc.constantFrom(...near), num) : num;
  const local = fc
    .tuple(localNum, localNum, localNum, fc.option(pre, { freq: 2 }))
    .map(([M, m, p, pr]) => `${M}.${m}.${p}${pr !== null ? `-${pr}` : ""}`);
  return fc.tuple(fc.constant(r), fc.array(fc.oneof(local, version), { minLength: 50, maxLength: 50 }));
});
