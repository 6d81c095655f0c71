// Small helpers shared by the peer drivers.
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

/** The cairn checkout (bench/resolve/peers/ → ../../..). */
export const PROJECT = join(import.meta.dirname, '..', '..', '..');

/** The last line of a text that parses as a JSON object, or null. */
export function lastJsonLine(text) {
  const lines = text.trim().split('\n');
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i].trim();
    if (!line.startsWith('{')) continue;
    try { return JSON.parse(line); } catch { /* not JSON after all */ }
  }
  // pretty-printed output: the whole text
  try { return JSON.parse(text); } catch { return null; }
}

export const onPath = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;

/** The last lines of a failed run's output, for the notes column. */
export const tail = (run, n = 2) => (run.stderr || run.stdout).trim().split('\n').slice(-n).join(' ').slice(0, 200);
