// The lock as data, independent of the file it is written to. cairn.lock holds
// all of it; the profile writers (oripk.lock, mzp.lock, epsilon-lock.edn) keep
// what their format has room for.

export type LockSource =
  | { kind: "registry"; url: string }
  | { kind: "path"; path: string }
  | { kind: "git"; url: string; commit: string; ref?: string; refKind?: "tag" | "rev" | "branch" };

/** One edge of the graph: the dependency's name and the requirement as written. */
export interface LockEdge {
  name: string;
  req: string;
}

export interface LockedPackage {
  name: string;
  version: string;
  source: LockSource;
  /** `sha256:<hex>` (registry archive) or `tree1-<base64>` (path and git trees). */
  checksum: string;
  dependencies: LockEdge[];
}

/** What the lock was resolved for: a manifest's direct requirements. */
export interface LockRoot {
  /** Member directory relative to the workspace root ("." for a single project). */
  path: string;
  name: string;
  dependencies: LockEdge[];
  devDependencies: LockEdge[];
}

export interface Lock {
  version: 1;
  roots: LockRoot[];
  packages: LockedPackage[];
}

export const emptyLock = (): Lock => ({ version: 1, roots: [], packages: [] });

const byBytes = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Sorted copy: packages by name then version, edges by name; stable diffs need one order. */
export function normalizeLock(lock: Lock): Lock {
  const edges = (es: LockEdge[]) => [...es].sort((a, b) => byBytes(a.name, b.name) || byBytes(a.req, b.req));
  return {
    version: 1,
    roots: [...lock.roots]
      .map((r) => ({ ...r, dependencies: edges(r.dependencies), devDependencies: edges(r.devDependencies) }))
      .sort((a, b) => byBytes(a.path, b.path)),
    packages: [...lock.packages]
      .map((p) => ({ ...p, dependencies: edges(p.dependencies) }))
      .sort((a, b) => byBytes(a.name, b.name) || byBytes(a.version, b.version)),
  };
}

export function formatSource(s: LockSource): string {
  switch (s.kind) {
    case "registry":
      return `registry+${s.url}`;
    case "path":
      return `path+${s.path}`;
    case "git": {
      const q = s.ref ? `?${s.refKind ?? "rev"}=${encodeURIComponent(s.ref)}` : "";
      return `git+${s.url}${q}#${s.commit}`;
    }
  }
}

/** Inverse of formatSource; undefined when the text is not a source string. */
export function parseSource(text: string): LockSource | undefined {
  if (text.startsWith("registry+")) return { kind: "registry", url: text.slice(9) };
  if (text.startsWith("path+")) return { kind: "path", path: text.slice(5) };
  if (text.startsWith("git+")) {
    const rest = text.slice(4);
    const hash = rest.lastIndexOf("#");
    if (hash < 0) return undefined;
    const commit = rest.slice(hash + 1);
    let url = rest.slice(0, hash);
    let ref: string | undefined;
    let refKind: "tag" | "rev" | "branch" | undefined;
    const q = url.indexOf("?");
    if (q >= 0) {
      const m = /^(tag|rev|branch)=(.*)$/.exec(url.slice(q + 1));
      if (m) {
        refKind = m[1] as "tag" | "rev" | "branch";
        ref = decodeURIComponent(m[2]!);
      }
      url = url.slice(0, q);
    }
    if (!/^[0-9a-f]{40}$/.test(commit)) return undefined;
    return { kind: "git", url, commit, ...(ref !== undefined ? { ref, refKind } : {}) };
  }
  return undefined;
}

export const edgeText = (e: LockEdge) => `${e.name} ${e.req}`;

export function parseEdge(text: string): LockEdge | undefined {
  const sp = text.indexOf(" ");
  if (sp <= 0) return undefined;
  return { name: text.slice(0, sp), req: text.slice(sp + 1) };
}

/** name → version for lock preference (`locked` in a resolution request). */
export function lockedVersions(lock: Lock): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of lock.packages) out[p.name] = p.version;
  return out;
}
