// Builds the CLI from source into a temp file (esbuild, ~1 s) so tests can run
// `cairn serve` as a real child process — and kill it.
import { build } from "esbuild";
import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { tmp } from "./helpers.js";

export async function bundleCli(): Promise<string> {
  const out = join(tmp("cli"), "cli.mjs");
  await build({
    entryPoints: ["cli/main.ts"],
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    loader: { ".wasm": "binary" },
    outfile: out,
    logLevel: "error",
    define: { __CAIRN_VERSION__: '"0.0.0-test"' },
  });
  return out;
}

/** Starts `cairn serve DIR --port 0` and resolves with its URL (first stdout line). */
export function startServe(cli: string, dir: string, env: Record<string, string> = {}, extraArgs: string[] = []): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [cli, "serve", dir, "--port", "0", "--host", "127.0.0.1", ...extraArgs], { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once("line", (url) => resolve({ url, child }));
    child.once("exit", (code) => reject(new Error(`cairn serve exited ${code}`)));
  });
}
