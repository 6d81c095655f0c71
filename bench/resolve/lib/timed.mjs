// Runs one command as its own process group and measures it from the outside:
// wall time (spawn to exit, hrtime), peak RSS of the largest process in the
// tree and CPU time (user + system) of the whole tree (GNU time's %M %U %S;
// absent when /usr/bin/time is missing). CPU time is the figure that survives a
// loaded machine: wall time there includes waiting for a core. A timeout kills
// the whole group, so a runaway peer never outlives its cell.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const GNU_TIME = '/usr/bin/time';

export function timed(cmd, args, { cwd, env, timeoutS, scratch }) {
  const rssFile = join(scratch, 'rss.txt');
  rmSync(rssFile, { force: true });
  const useTime = existsSync(GNU_TIME);
  const [file, argv] = useTime ? [GNU_TIME, ['-f', '%M %U %S', '-o', rssFile, cmd, ...args]] : [cmd, args];
  return new Promise((resolve) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(file, argv, { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.on('data', (d) => { if (stdout.length < 4e7) stdout += d; });
    child.stderr.on('data', (d) => { if (stderr.length < 1e6) stderr += d; });
    const timer = setTimeout(() => {
      timedOut = true;
      try { process.kill(-child.pid, 'SIGKILL'); } catch { /* already gone */ }
    }, timeoutS * 1000);
    const finish = (code, spawnError) => {
      clearTimeout(timer);
      const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
      let rssKb = null;
      let cpuMs = null;
      try {
        const m = /^(\d+) ([\d.]+) ([\d.]+)$/.exec(readFileSync(rssFile, 'utf8').trim().split('\n').pop());
        if (m) { rssKb = Number(m[1]); cpuMs = (Number(m[2]) + Number(m[3])) * 1000; }
      } catch { /* killed before time wrote it */ }
      // GNU time reports a child's non-zero exit on stderr first; keep the peer's own text
      stderr = stderr.replace(/^Command exited with non-zero status \d+\n/m, '');
      resolve({ code, wallMs, cpuMs, rssKb, stdout, stderr: spawnError ? String(spawnError) : stderr, timedOut });
    };
    child.on('error', (e) => finish(-1, e));
    child.on('close', (code) => finish(code, null));
  });
}

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  return n === 0 ? NaN : n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
}

export function formatMs(ms) {
  if (ms == null || Number.isNaN(ms)) return '–';
  if (ms >= 10_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  return `${ms.toFixed(ms < 10 ? 1 : 0)} ms`;
}
