// Starts registry-server.mjs for one graph and hands npm/pnpm its URL. One
// server per graph serves both peers; it is stopped by its own PID.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

export async function startRegistry(graphFile, dir) {
  const portFile = join(dir, 'registry.port');
  rmSync(portFile, { force: true });
  const child = spawn(process.execPath, [join(import.meta.dirname, 'registry-server.mjs'), graphFile, portFile], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  let exited = false;
  child.on('exit', () => { exited = true; });
  // building 200,000 tarballs takes a while on a loaded machine
  for (let i = 0; i < 3000 && !existsSync(portFile) && !exited; i++) await new Promise((r) => setTimeout(r, 100));
  if (!existsSync(portFile)) {
    child.kill('SIGTERM');
    throw new Error(`registry server did not start: ${stderr.trim().split('\n').pop() ?? ''}`);
  }
  const url = `http://127.0.0.1:${readFileSync(portFile, 'utf8')}/`;
  const get = async (path) => (await fetch(url + path)).json();
  return {
    url,
    reset: () => get('-/bench/reset'),
    stats: () => get('-/bench/stats'),
    stop: () => { if (!exited) child.kill('SIGTERM'); },
  };
}
