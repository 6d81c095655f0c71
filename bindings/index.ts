// The public API of the `cairn` package: `import { … } from "cairn"`.
export { Core, CoreTrap, core } from "./core.js";
export { CairnError, CATALOGUE, EXIT, type ErrorCode, type ErrorLocation } from "./errors.js";
export { sha256, sha256Many, createSha256, hashEngine, hashEngineSync, wasmSimdSupported, toHex, sha256Checksum, type HashEngine, type HashEngineKind, type HashEngineOptions, type Sha256Hasher } from "./hash.js";
export { treeHash, treeFromLeaves, diffTreeManifests, parseTreeManifest, sortByUtf8Path, type TreeEntry, type TreeEntryKind, type TreeHash, type TreeLeaf, type TreeDiff, type TreeDifference } from "./tree-hash.js";
export { parseVersion, isValidVersion, compareVersions, parseRange, satisfies, intersectRanges, unionRanges, complementRange, simplifyRange, isSubset, rangesDisjoint, rangesEqual, filterVersions, filterVersionIndices, prepareVersions, PreparedVersions, VersionIndex, type PrereleasePolicy, type SemverOptions, type ParsedVersion, type ParsedRange, type SetResult, evalSets, type SetStep } from "./semver.js";
export { parseScenario, validateScenario, type Scenario, type ScenarioOptions } from "./scenario.js";
export { solve, type Solution, type SolveResult, type SolveError, type SolveOptions } from "./solve.js";
export { Resolver, type MetadataProvider, type ResolverOptions, type PackageMetadata, type VersionMetadata, type ResolverEvent } from "./resolver.js";
export { explain } from "./explain/report.js";
export { involvedPackages, type DerivationTree, type TreeNode, type TreeTerm, type TreePackage } from "./explain/tree.js";
export { readManifest, readLock, detectProfile, isProfile, isLockFile, toResolution, manifestReport, errorReport, PROFILES, MANIFEST_FILES, LOCK_FILES, type ProfileName, type NormalizedManifest, type NormalizedLock, type DependencyRecord, type LockEntry, type ReadOptions, type Resolution, type ResolutionOptions, type Warning as ManifestWarning } from "./profiles/index.js";
