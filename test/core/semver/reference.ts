// The reference semantics of the three prerelease policies, written over the
// `semver` package exactly as ../shared/corpus/resolver/check-solution.mjs
// defines them (npm = includePrerelease false, include = true, fallback =
// include but `<X` with X a release also rejects X's prereleases).
import semver from "semver";

export type Policy = "npm" | "include" | "fallback";

export function referenceSatisfies(version: string, range: string, policy: Policy): boolean {
  if (policy === "npm") return semver.satisfies(version, range);
  const r = new semver.Range(range, { includePrerelease: true });
  if (!semver.satisfies(version, r, { includePrerelease: true })) return false;
  if (policy === "include") return true;
  const v = semver.parse(version)!;
  if (!v.prerelease.length) return true;
  return r.set.some((set) =>
    set.every((c) => {
      if (!c.test(v)) return false;
      if (c.operator === "<" && c.semver.prerelease.length === 0 && c.semver.major === v.major && c.semver.minor === v.minor && c.semver.patch === v.patch) return false;
      return true;
    }),
  );
}

/**
 * Inputs where cairn differs from node-semver on purpose (docs/SEMVER.md,
 * "Intended differences"); the differential tests skip them.
 */
export function knownDifference(range: string): boolean {
  // 4. node-semver deletes `+build` anywhere; cairn takes it only after a three-part version.
  const withoutBuilds = range.replace(/([0-9xX*]+\.[0-9xX*]+\.[0-9xX*]+(?:-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?)\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*(?=$|[\s|])/g, "$1");
  return withoutBuilds.includes("+");
}
