// Numbers of the resolution-session wire protocol (docs/ABI.md, "Resolution
// sessions"). Plain TypeScript compiled by both asc (core) and tsc/esbuild
// (bindings/session.ts), so each number is defined exactly once.

// Message kinds (u16 in the wire header).
export const KIND_SESSION_REQUEST = 10;
export const KIND_METADATA = 11;
export const KIND_SESSION_CREATED = 12;
export const KIND_SOLUTION = 20;
export const KIND_NEEDS_METADATA = 21;
export const KIND_NO_SOLUTION = 22;
export const KIND_LIMIT = 23;

/** "No string" / "no value" in a word that otherwise holds a string index. */
export const NONE = 0xffffffff;

// Option keys in the request's (key, value) list.
export const OPT_PRERELEASE = 1; // 0 npm, 1 include, 2 fallback
export const OPT_VERSIONS = 2; // 0 highest, 1 lowest
export const OPT_POLICY = 3; // 0 single, 1 cargo, 2 exact (ori: exact versions only)
export const OPT_CYCLES = 4; // 0 allow, 1 forbid
export const OPT_MISSING_FEATURE = 5; // 0 ignore, 1 error
export const OPT_EXACT_ONLY = 6; // 0/1
export const OPT_MAX_STEPS = 7; // u32, 0 = default budget
export const OPT_TRACE = 8; // 0/1: fill a trace of solver events in every run result
export const OPT_ROOT_NAME = 9; // string index
export const OPT_ROOT_VERSION = 10; // string index
export const OPT_TARGET = 11; // string index

export const DEFAULT_MAX_STEPS = 2000000;

// The largest wire message the hosts (bindings, hosts/c) build: 64 MiB (a lazily fed registry of
// 10,000 packages sends a few MB at a time). Past it they stop with
// E_INPUT_TOO_LARGE instead of exhausting memory (a feature list repeated for thousands of
// target-specific dependencies grows a request without bound); metadata beyond it is fed in
// several messages.
export const MAX_MESSAGE_BYTES = 67108864;

// Root dependency kinds.
export const DEP_NORMAL = 0;
export const DEP_DEV = 1;

// Version flags in metadata.
export const VERSION_YANKED = 1;

// Package kinds in a derivation tree.
export const PKG_REAL = 0;
export const PKG_ROOT = 1;
export const PKG_FEATURE = 2; // "pkg[feature]", pinned to pkg's version
export const PKG_LINE = 3; // cargo policy: one semver-compatible line of pkg
export const PKG_RANGE = 4; // cargo policy: "some line of pkg matching range"

// Incompatibility causes in a derivation tree.
export const CAUSE_ROOT = 0; // the root must be selected
export const CAUSE_DEPENDENCY = 1; // a = depended-on package, label = range as written
export const CAUSE_NO_VERSIONS = 2; // no version of the package in this set exists
export const CAUSE_UNKNOWN_PACKAGE = 3; // a = the package that does not exist
export const CAUSE_DEP_NO_MATCH = 4; // a = depended-on package, label = range matching no version
export const CAUSE_YANKED = 5;
export const CAUSE_MISSING_FEATURE = 6; // label = feature name
export const CAUSE_CYCLE = 7; // the terms form a dependency cycle (cycles: forbid)
export const CAUSE_DERIVED = 8; // a, b = node indices of the two causes
export const CAUSE_ROOT_VERSION = 9; // a dependency on the root that the root version does not satisfy

// Trace event types (type, a, b) as they appear on the wire (docs/ABI.md, "Run results").
export const EV_DECIDE = 1; // a = package name, b = version
export const EV_CONFLICT = 2; // a = package name of the conflict's most recent satisfier, b = NONE
export const EV_BACKJUMP = 3; // a = decision level, b = NONE
// Unit propagation derived a term (every derivation; each one narrows its package): a = package
// name, b = index into the derived-term table that follows the event list. In the solver's own
// trace it is (incompatibility id, index of the term whose negation was derived); report.ts
// turns that into the term. Incompatibilities are never dropped, so the pair stays valid.
export const EV_DERIVE = 4;
