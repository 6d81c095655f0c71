// Git sources through the real `git` binary. A bare mirror per URL lives in
// the cache (<cache>/git/db/<key>); a checkout per commit is exported into
// <cache>/git/checkouts/<key>/<commit>/ (no .git inside, written to a temp dir
// and renamed). The lock pins the commit and the tree1 digest of the checkout.
// cairn never runs hooks or code from the repository: checkouts go through
// `git --work-tree … checkout`, which runs no hooks of a bare mirror we made.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdirSync, renameSync, rmSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { CairnError } from "../../bindings/errors.js";
import { treeDigest } from "./tree-digest.js";

export interface GitRef {
  tag?: string;
  rev?: string;
  branch?: string;
}

export interface GitCheckout {
  url: string;
  commit: string;
  dir: string;
  checksum: string;
  ref?: string;
  refKind?: "tag" | "rev" | "branch";
}

const ENV = {
  ...process.env,
  GIT_TERMINAL_PROMPT: "0",
  GIT_CONFIG_NOSYSTEM: "1",
  // no user templates (hooks) in the mirrors cairn creates
  GIT_TEMPLATE_DIR: "",
  // transports a manifest may name: never `ext::` (runs a command) or other helpers
  GIT_ALLOW_PROTOCOL: "file:git:http:https:ssh",
  LC_ALL: "C",
};

function git(args: string[], what: string, cwd?: string): string {
  try {
    return execFileSync("git", args, { cwd, env: ENV, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim();
  } catch (e) {
    const err = e as { code?: string; stderr?: string };
    if (err.code === "ENOENT") throw new CairnError("E_IO", "the `git` program was not found", { hint: "install git to use git dependencies" });
    const msg = String(err.stderr ?? "").trim().split("\n").pop() ?? "";
    throw new CairnError("E_NETWORK", `git ${what} failed: ${msg}`, { hint: "check the repository URL and the ref (tag, rev or branch)" });
  }
}

export const gitKey = (url: string) => createHash("sha256").update(url).digest("hex").slice(0, 16);

function mirrorDir(cacheRoot: string, url: string) {
  return join(cacheRoot, "git", "db", gitKey(url));
}

function hasCommit(db: string, rev: string): string | undefined {
  if (!existsSync(db)) return undefined;
  try {
    return execFileSync("git", ["--git-dir", db, "rev-parse", "--verify", "--quiet", `${rev}^{commit}`], { env: ENV, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim() || undefined;
  } catch {
    return undefined;
  }
}

/** Clones or fetches the mirror (never when offline). */
function fetchMirror(cacheRoot: string, url: string, offline: boolean): string {
  const db = mirrorDir(cacheRoot, url);
  if (offline) {
    if (!existsSync(db)) throw new CairnError("E_OFFLINE_MISSING", `offline, and ${url} has never been fetched`, { hint: "run once without --offline to fill the cache" });
    return db;
  }
  if (!existsSync(db)) {
    const tmp = `${db}.tmp-${process.pid}`;
    rmSync(tmp, { recursive: true, force: true });
    mkdirSync(join(cacheRoot, "git", "db"), { recursive: true });
    git(["clone", "--quiet", "--mirror", "--no-hardlinks", "--", url, tmp], `clone of ${url}`);
    rmSync(db, { recursive: true, force: true });
    renameSync(tmp, db);
  } else {
    git(["--git-dir", db, "fetch", "--quiet", "--prune", "--tags", "--force", "origin"], `fetch of ${url}`);
  }
  return db;
}

/** The commit a ref names; tags and branches are looked up in the mirror. */
function resolveRef(db: string, ref: GitRef, url: string): string {
  const candidates = ref.rev ? [ref.rev] : ref.tag ? [`refs/tags/${ref.tag}`] : ref.branch ? [`refs/heads/${ref.branch}`] : ["HEAD"];
  for (const c of candidates) {
    const commit = hasCommit(db, c);
    if (commit) return commit;
  }
  const what = ref.rev ? `rev ${ref.rev}` : ref.tag ? `tag ${ref.tag}` : ref.branch ? `branch ${ref.branch}` : "HEAD";
  throw new CairnError("E_UNKNOWN_PACKAGE", `${url} has no ${what}`, { hint: "list its tags with `git ls-remote --tags <url>`" });
}

/** Where the checkout of `commit` lives in the cache. */
export function checkoutDir(cacheRoot: string, url: string, commit: string): string {
  return join(cacheRoot, "git", "checkouts", gitKey(url), commit);
}

/** The lock's view of a ref: its name and kind (`tag`, `rev`, `branch`), none for HEAD. */
export function refOf(ref: GitRef): { ref?: string; refKind?: "tag" | "rev" | "branch" } {
  const refKind = ref.rev ? "rev" : ref.tag ? "tag" : ref.branch ? "branch" : undefined;
  const name = ref.rev ?? ref.tag ?? ref.branch;
  return name !== undefined ? { ref: name, refKind } : {};
}

/** Exports the commit's tree into the cache (once) and returns its directory. */
function checkout(cacheRoot: string, db: string, url: string, commit: string): string {
  const dir = checkoutDir(cacheRoot, url, commit);
  if (existsSync(dir)) return dir;
  const tmp = `${dir}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  git(["--git-dir", db, "--work-tree", tmp, "-c", "core.hooksPath=/dev/null", "checkout", "--quiet", "--force", commit, "--", "."], `checkout of ${commit}`);
  // the checkout writes an index into the mirror; that is harmless, but drop it so mirrors stay bare
  rmSync(join(db, "index"), { force: true });
  try {
    renameSync(tmp, dir);
  } catch (e) {
    // another process finished the same checkout first
    rmSync(tmp, { recursive: true, force: true });
    if (!existsSync(dir)) throw e;
  }
  return dir;
}

/**
 * Puts a copy of a commit's tree (a vendored copy the caller has checked
 * against the lock) where `checkout` would have exported it, so a cache that
 * was emptied is whole again without any fetch. Top-level names in `skip`
 * (the vendoring marker) stay behind; symlinks are copied as links.
 */
export function adoptCheckout(cacheRoot: string, url: string, commit: string, fromDir: string, skip: ReadonlySet<string>): string {
  const dir = checkoutDir(cacheRoot, url, commit);
  const tmp = `${dir}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(dirname(tmp), { recursive: true });
  cpSync(fromDir, tmp, { recursive: true, verbatimSymlinks: true, filter: (src) => !(dirname(src) === fromDir && skip.has(basename(src))) });
  const old = `${dir}.old-${process.pid}`;
  if (existsSync(dir)) renameSync(dir, old);
  renameSync(tmp, dir);
  rmSync(old, { recursive: true, force: true });
  return dir;
}

/**
 * Resolves a git dependency to a commit and a checked-out tree. With `locked`
 * (a commit from the lock), no fetch happens when the mirror already has it.
 */
export function fetchGit(opts: { cacheRoot: string; url: string; ref: GitRef; locked?: string; offline: boolean }): GitCheckout {
  const { cacheRoot, url, ref } = opts;
  let db = mirrorDir(cacheRoot, url);
  let commit = opts.locked ? hasCommit(db, opts.locked) : undefined;
  if (!commit) {
    db = fetchMirror(cacheRoot, url, opts.offline);
    commit = opts.locked ? hasCommit(db, opts.locked) : undefined;
    if (opts.locked && !commit) throw new CairnError("E_UNKNOWN_PACKAGE", `${url} no longer has the locked commit ${opts.locked}`, { hint: "run `cairn update` to pick a new commit" });
    commit ??= resolveRef(db, ref, url);
  }
  const dir = checkout(cacheRoot, db, url, commit);
  return { url, commit, dir, checksum: treeDigest(dir), ...refOf(ref) };
}

/** Tags of a repository (for Zirric's version predicates), fetched into the mirror. */
export function gitTags(cacheRoot: string, url: string, offline: boolean): string[] {
  const db = fetchMirror(cacheRoot, url, offline);
  const out = git(["--git-dir", db, "tag", "--list"], `tag listing of ${url}`);
  return out ? out.split("\n") : [];
}
