// Runs the CLI in-process with a captured Io (colour off, no TTY), for tests.
import { main } from "../../cli/main.js";
import type { Io } from "../../cli/output.js";

export async function runMain(args: string[], cwd: string = process.cwd()): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const io: Io = { out: (t) => void (out += t), err: (t) => void (err += t), color: false, quiet: false, verbose: false, isTTY: false, cwd, env: {} };
  const code = await main(args, io);
  return { code, out, err };
}
