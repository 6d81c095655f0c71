// Cross-process locking for the cache, in two modes (as cargo does):
// - exclusive: a lock file created with O_EXCL holding the owner's pid, for
//   mutations that remove entries (`cache clean`);
// - shared: each process that adds entries registers `users/<pid>`; adding
//   is atomic and content-addressed, so users never wait for each other, only
//   for an exclusive holder, and the exclusive holder waits for users to leave.
// Both sides write first and check second, so they cannot both proceed. A
// lock or registration whose process is gone is stale and ignored. Waiting
// reports an event (the CLI prints "waiting for … process N"), then times out.
import { openSync, writeSync, closeSync, readFileSync, rmSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { CairnError } from "../../bindings/errors.js";

export interface LockOptions {
  timeoutMs?: number;
  onWait?: (holderPid: number | undefined) => void;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

function holder(path: string): number | undefined {
  try {
    const pid = Number(readFileSync(path, "utf8").trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function liveHolder(path: string): number | undefined {
  const pid = holder(path);
  return pid !== undefined && pid !== process.pid && alive(pid) ? pid : undefined;
}

/** Live processes (other than this one) registered under `usersDir`; stale entries are removed. */
export function liveUsers(usersDir: string): number[] {
  let names: string[];
  try {
    names = readdirSync(usersDir);
  } catch {
    return [];
  }
  const out: number[] = [];
  for (const n of names) {
    const pid = Number(n);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    if (alive(pid)) out.push(pid);
    else rmSync(join(usersDir, n), { force: true });
  }
  return out;
}

/**
 * Registers this process as a user of the cache for the rest of its life
 * (removed on exit), waiting first while another process holds the
 * exclusive lock at `lockPath`.
 */
export async function enterShared(usersDir: string, lockPath: string, opts: LockOptions = {}): Promise<void> {
  const timeoutMs = opts.timeoutMs ?? 300_000;
  const start = Date.now();
  const mine = join(usersDir, String(process.pid));
  mkdirSync(usersDir, { recursive: true });
  let told = false;
  for (;;) {
    writeFileSync(mine, "");
    const pid = liveHolder(lockPath);
    if (pid === undefined) break;
    rmSync(mine, { force: true }); // step aside so the holder can finish
    if (Date.now() - start >= timeoutMs) throw new CairnError("E_CACHE_LOCKED", `timed out after ${timeoutMs} ms waiting for \`${lockPath}\` (held by process ${pid})`);
    if (!told) {
      opts.onWait?.(pid);
      told = true;
    }
    await sleep(50);
  }
  process.once("exit", () => rmSync(mine, { force: true }));
}

/** Takes the lock at `path`, runs `fn`, releases it. */
export async function withFileLock<T>(path: string, fn: () => Promise<T> | T, opts: LockOptions & { usersDir?: string } = {}): Promise<T> {
  const timeoutMs = opts.timeoutMs ?? 300_000;
  const start = Date.now();
  mkdirSync(dirname(path), { recursive: true });
  let told = false;
  for (;;) {
    try {
      const fd = openSync(path, "wx", 0o644);
      writeSync(fd, `${process.pid}\n`);
      closeSync(fd);
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw new CairnError("E_IO", `cannot create lock \`${path}\`: ${(e as Error).message}`);
      const pid = holder(path);
      if (pid !== undefined && pid !== process.pid && !alive(pid)) {
        rmSync(path, { force: true }); // stale: its process is gone
        continue;
      }
      if (Date.now() - start >= timeoutMs) {
        throw new CairnError("E_CACHE_LOCKED", `timed out after ${timeoutMs} ms waiting for \`${path}\`${pid ? ` (held by process ${pid})` : ""}`);
      }
      if (!told) {
        opts.onWait?.(pid);
        told = true;
      }
      await sleep(Math.min(100, Math.max(5, timeoutMs / 20)));
    }
  }
  try {
    // Exclusive means no shared users either: wait for them to leave.
    let told2 = false;
    for (let users = opts.usersDir ? liveUsers(opts.usersDir) : []; users.length > 0; users = liveUsers(opts.usersDir!)) {
      if (Date.now() - start >= timeoutMs) {
        throw new CairnError("E_CACHE_LOCKED", `timed out after ${timeoutMs} ms waiting for process${users.length > 1 ? "es" : ""} ${users.join(", ")} to stop using the cache`);
      }
      if (!told2) {
        opts.onWait?.(users[0]);
        told2 = true;
      }
      await sleep(Math.min(100, Math.max(5, timeoutMs / 20)));
    }
    return await fn();
  } finally {
    rmSync(path, { force: true });
  }
}
