// Installs change several things at once: the layout directory, the lock file,
// sometimes the manifest (`add`, `remove`). A crash (kill -9, power loss) must
// leave the old state or the new one. The new layout is built in a staging
// directory; then a journal naming every change is written atomically — the
// commit point — and applied: swap the layout in, write the files. Every cairn
// command on the project first completes a journal left by a crashed run
// (`recover`), or discards a staging directory that never got a journal.
import { existsSync, readFileSync, renameSync, rmSync, readdirSync, unlinkSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { writeFileAtomic } from "../lock/atomic-write.js";

export const JOURNAL = ".cairn-txn.json";

interface Journal {
  version: 1;
  /** Layout root to replace, and the staged directory that replaces it (both absolute). */
  root?: string;
  staged?: string;
  files: { path: string; content: string }[];
}

export const stagingDir = (root: string) => join(dirname(root), `.${basename(root)}.cairn-stage`);
const backupDir = (root: string) => join(dirname(root), `.${basename(root)}.cairn-old`);

function apply(j: Journal): void {
  if (j.root && j.staged) {
    const backup = backupDir(j.root);
    if (existsSync(j.staged)) {
      if (existsSync(j.root)) {
        rmSync(backup, { recursive: true, force: true });
        renameSync(j.root, backup);
      }
      renameSync(j.staged, j.root);
    }
    rmSync(backup, { recursive: true, force: true });
  }
  for (const f of j.files) writeFileAtomic(f.path, f.content);
}

/** Commits: journal first (atomic), then the changes, then the journal goes. */
export function commit(projectDir: string, change: { root?: string; staged?: string; files: { path: string; content: string }[] }): void {
  const journal: Journal = { version: 1, ...change };
  const path = join(projectDir, JOURNAL);
  // the journal only has to survive a killed process; the files it names are written durably
  writeFileAtomic(path, JSON.stringify(journal), { durable: false });
  apply(journal);
  unlinkSync(path);
}

/** Finishes what a crashed run committed; discards what it had not. Returns what it did, for --verbose. */
export function recover(projectDir: string, roots: string[]): string | undefined {
  const path = join(projectDir, JOURNAL);
  let did: string | undefined;
  if (existsSync(path)) {
    let j: Journal | undefined;
    try {
      j = JSON.parse(readFileSync(path, "utf8")) as Journal;
    } catch {
      // written atomically, so unreadable means not ours; leave the project as it is
      j = undefined;
    }
    if (j) {
      apply(j);
      did = "completed an install interrupted after its commit point";
    }
    rmSync(path, { force: true });
  }
  for (const root of roots) {
    const stage = stagingDir(root);
    if (existsSync(stage)) {
      rmSync(stage, { recursive: true, force: true });
      did ??= "discarded the staging directory of an interrupted install";
    }
    // a backup without a journal: the swap finished; the backup is garbage
    if (existsSync(backupDir(root)) && existsSync(root)) rmSync(backupDir(root), { recursive: true, force: true });
    else if (existsSync(backupDir(root))) renameSync(backupDir(root), root);
  }
  // temp files of atomic writes that a crash left behind
  try {
    for (const n of readdirSync(projectDir)) if (n.startsWith(".cairn-tmp-")) rmSync(join(projectDir, n), { force: true });
  } catch {
    /* project dir unreadable: the command itself will report it */
  }
  return did;
}
