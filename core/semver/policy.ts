// Prerelease policies: which prerelease versions a range admits.
//   npm       node-semver `satisfies` (includePrerelease=false): a prerelease
//             matches only if a comparator in the same comparator set names a
//             prerelease of the same major.minor.patch.
//   include   includePrerelease=true: prereleases are ordinary versions.
//   fallback  include, except that an exclusive upper bound `<X` (X not a
//             prerelease) also excludes the prereleases of X (Dart pub, uv).
export const PRERELEASE_NPM: i32 = 0;
export const PRERELEASE_INCLUDE: i32 = 1;
export const PRERELEASE_FALLBACK: i32 = 2;

export function isValidPolicy(p: i32): bool {
  return p >= PRERELEASE_NPM && p <= PRERELEASE_FALLBACK;
}
