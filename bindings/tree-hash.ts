// `tree1`, cairn's content hash of a file tree (docs/LOCKFILE.md "tree1"):
// one leaf SHA-256 per regular file or symlink, a manifest line per entry
// `<f|x|l> <64 hex> <path>\n` sorted by the UTF-8 bytes of the path, and the
// root = SHA-256 of the manifest, written `tree1-` + padded base64. Leaves
// are independent, so they are hashed in one batch (SIMD multi-buffer).
// The manifest is returned too, so verification can name the file that differs.
import { CairnError } from "./errors.js";
import { sha256, sha256Many, toHex, type HashEngine } from "./hash.js";

export type TreeEntryKind = "file" | "exec" | "symlink";

export interface TreeEntry {
  /** Relative, `/`-separated path inside the tree. */
  path: string;
  kind: TreeEntryKind;
  /** File contents (file, exec). */
  bytes?: Uint8Array;
  /** Link target as stored in the link (symlink); never followed. */
  target?: string;
}

export interface TreeHash {
  /** `tree1-<base64 of the root SHA-256>` */
  digest: string;
  /** The manifest the root is the hash of. */
  manifest: string;
  /** path → leaf digest (hex). */
  leaves: Map<string, string>;
}

/** A leaf whose digest is already known (e.g. computed while reading a directory in groups). */
export interface TreeLeaf {
  path: string;
  kind: TreeEntryKind;
  /** 64 lowercase hex */
  hex: string;
}

export interface TreeHashOptions {
  /** Engine for the leaves and root; default: the package's "auto" engine. */
  engine?: Pick<HashEngine, "sha256" | "sha256Many">;
}

const TYPE_LETTER: Record<TreeEntryKind, string> = { file: "f", exec: "x", symlink: "l" };
const LETTER_TYPE: Record<string, TreeEntryKind> = { f: "file", x: "exec", l: "symlink" };
const utf8 = new TextEncoder();

// A lone surrogate has no UTF-8 form: TextEncoder would silently write U+FFFD,
// so two different names could hash alike.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why `path` is not a valid tree1 path, or null. */
export function treePathProblem(path: string): string | null {
  if (typeof path !== "string" || path === "") return "the path is empty";
  if (path.startsWith("/")) return "the path is absolute";
  if (/[\0\n\r]/.test(path)) return "the path contains NUL, a newline or a carriage return";
  if (LONE_SURROGATE.test(path)) return "the path is not valid Unicode (lone surrogate)";
  for (const seg of path.split("/")) {
    if (seg === "") return "the path has an empty segment (`//` or a trailing `/`)";
    if (seg === "." || seg === "..") return `the path has a \`${seg}\` segment`;
  }
  return null;
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}

/** Sorts by the UTF-8 bytes of `path` (memcmp order), which differs from JS string order above U+FFFF. */
export function sortByUtf8Path<T extends { path: string }>(items: readonly T[]): T[] {
  const keyed = items.map((it) => ({ it, key: utf8.encode(it.path) }));
  keyed.sort((a, b) => compareBytes(a.key, b.key));
  return keyed.map((k) => k.it);
}

function invalid(code: "E_INVALID_PATH" | "E_INVALID_TYPE" | "E_MISSING_FIELD", message: string, index: number): CairnError {
  return new CairnError(code, message, { location: { path: `entries[${index}]` } });
}

function checkEntries(entries: readonly (TreeEntry | TreeLeaf)[]): void {
  const seen = new Set<string>();
  entries.forEach((e, i) => {
    const problem = treePathProblem(e?.path);
    if (problem) throw invalid("E_INVALID_PATH", `${problem}: ${JSON.stringify(e?.path)}`, i);
    if (!(e.kind in TYPE_LETTER)) {
      throw invalid("E_INVALID_TYPE", `entry ${JSON.stringify(e.path)} has kind ${JSON.stringify(e.kind)}; expected "file", "exec" or "symlink"`, i);
    }
    if (seen.has(e.path)) throw invalid("E_INVALID_PATH", `${JSON.stringify(e.path)} is listed twice`, i);
    seen.add(e.path);
  });
  // A path cannot be both a file and a directory holding other entries.
  for (const p of seen) {
    for (let at = p.indexOf("/"); at > 0; at = p.indexOf("/", at + 1)) {
      const dir = p.slice(0, at);
      if (seen.has(dir)) {
        const i = entries.findIndex((e) => e.path === dir);
        throw invalid("E_INVALID_PATH", `${JSON.stringify(dir)} is an entry and also a directory of ${JSON.stringify(p)}`, i);
      }
    }
  }
}

/** The bytes a leaf hashes: file contents, or the link target's UTF-8 bytes. */
function leafBytes(e: TreeEntry, i: number): Uint8Array {
  if (e.kind === "symlink") {
    if (typeof e.target !== "string") throw invalid("E_MISSING_FIELD", `symlink ${JSON.stringify(e.path)} has no target`, i);
    if (e.target === "" || e.target.includes("\0")) throw invalid("E_INVALID_PATH", `symlink ${JSON.stringify(e.path)} has an empty target or one with NUL`, i);
    return utf8.encode(e.target);
  }
  if (!(e.bytes instanceof Uint8Array)) throw invalid("E_MISSING_FIELD", `file ${JSON.stringify(e.path)} has no bytes`, i);
  return e.bytes;
}

/** tree1 of in-memory entries (a directory's files, or an archive's entries). */
export function treeHash(entries: readonly TreeEntry[], opts: TreeHashOptions = {}): TreeHash {
  if (!Array.isArray(entries)) throw new CairnError("E_INVALID_TYPE", "treeHash expects an array of entries", { location: { path: "entries" } });
  checkEntries(entries);
  const data = entries.map(leafBytes);
  const digests = opts.engine ? opts.engine.sha256Many(data) : sha256Many(data);
  return treeFromLeaves(
    entries.map((e, i) => ({ path: e.path, kind: e.kind, hex: toHex(digests[i]) })),
    opts,
  );
}

/** tree1 from leaves whose digests are known. */
export function treeFromLeaves(leaves: readonly TreeLeaf[], opts: TreeHashOptions = {}): TreeHash {
  checkEntries(leaves);
  let manifest = "";
  const map = new Map<string, string>();
  for (const l of sortByUtf8Path(leaves)) {
    manifest += `${TYPE_LETTER[l.kind]} ${l.hex} ${l.path}\n`;
    map.set(l.path, l.hex);
  }
  const bytes = utf8.encode(manifest);
  const root = opts.engine ? opts.engine.sha256(bytes) : sha256(bytes);
  return { digest: `tree1-${base64(root)}`, manifest, leaves: map };
}

const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/** Standard base64 with padding (no Buffer/btoa, so it runs anywhere). */
export function base64(b: Uint8Array): string {
  let s = "";
  let i = 0;
  for (; i + 2 < b.length; i += 3) {
    const n = (b[i] << 16) | (b[i + 1] << 8) | b[i + 2];
    s += B64[n >> 18] + B64[(n >> 12) & 63] + B64[(n >> 6) & 63] + B64[n & 63];
  }
  if (i < b.length) {
    const n = (b[i] << 16) | ((i + 1 < b.length ? b[i + 1] : 0) << 8);
    s += B64[n >> 18] + B64[(n >> 12) & 63] + (i + 1 < b.length ? B64[(n >> 6) & 63] : "=") + "=";
  }
  return s;
}

export interface ManifestEntry {
  kind: TreeEntryKind;
  hex: string;
}

/** Parses a tree1 manifest; a malformed line is an E_SYNTAX error with its line number. */
export function parseTreeManifest(manifest: string, file = "manifest"): Map<string, ManifestEntry> {
  const out = new Map<string, ManifestEntry>();
  if (manifest === "") return out;
  if (!manifest.endsWith("\n")) {
    throw new CairnError("E_SYNTAX", "a tree1 manifest ends with a newline", { location: { file, line: manifest.split("\n").length } });
  }
  const lines = manifest.slice(0, -1).split("\n");
  lines.forEach((line, i) => {
    const m = /^([fxl]) ([0-9a-f]{64}) (.+)$/.exec(line);
    if (!m) {
      throw new CairnError("E_SYNTAX", `not a manifest line: ${JSON.stringify(line.slice(0, 120))}`, {
        location: { file, line: i + 1, column: 1 },
        hint: "each line is `<f|x|l> <64 lowercase hex> <path>`",
      });
    }
    if (out.has(m[3])) throw new CairnError("E_SYNTAX", `${JSON.stringify(m[3])} is listed twice`, { location: { file, line: i + 1, column: 68 } });
    out.set(m[3], { kind: LETTER_TYPE[m[1]], hex: m[2] });
  });
  return out;
}

export interface TreeDifference {
  path: string;
  expected: ManifestEntry;
  actual: ManifestEntry;
  /** What differs: the contents (or link target), the kind (file/exec/symlink), or both. */
  what: "content" | "kind" | "content and kind";
}

export interface TreeDiff {
  equal: boolean;
  /** In both, with different content or kind. */
  changed: TreeDifference[];
  /** Expected but absent. */
  missing: string[];
  /** Present but not expected. */
  extra: string[];
}

/** Which paths differ between two tree1 manifests (strings or TreeHash results), in UTF-8 path order. */
export function diffTreeManifests(expected: string | TreeHash, actual: string | TreeHash): TreeDiff {
  const e = parseTreeManifest(typeof expected === "string" ? expected : expected.manifest, "expected manifest");
  const a = parseTreeManifest(typeof actual === "string" ? actual : actual.manifest, "actual manifest");
  const changed: TreeDifference[] = [];
  const missing: string[] = [];
  const extra: string[] = [];
  for (const [path, x] of e) {
    const y = a.get(path);
    if (!y) {
      missing.push(path);
      continue;
    }
    const content = x.hex !== y.hex, kind = x.kind !== y.kind;
    if (content || kind) changed.push({ path, expected: x, actual: y, what: content && kind ? "content and kind" : content ? "content" : "kind" });
  }
  for (const path of a.keys()) if (!e.has(path)) extra.push(path);
  const order = (l: string[]) => sortByUtf8Path(l.map((path) => ({ path }))).map((x) => x.path);
  return {
    equal: changed.length + missing.length + extra.length === 0,
    changed: sortByUtf8Path(changed),
    missing: order(missing),
    extra: order(extra),
  };
}
