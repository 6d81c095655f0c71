// End-to-end harness: the built CLI (dist/cli.mjs) as a child process, a real
// `cairn serve` on 127.0.0.1 (port 0) over a copy of examples/registry, and
// a temp directory per test with its own CAIRN_HOME.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

export const ROOT = resolve(__dirname, "../..");
export const CLI = join(ROOT, "dist/cli.mjs");

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

export class Sandbox {
  readonly dir = mkdtempSync(join(tmpdir(), "cairn-e2e-"));
  readonly home = join(this.dir, "home");
  readonly env: Record<string, string>;
  server?: ChildProcess;
  url = "";

  constructor(extraEnv: Record<string, string> = {}) {
    if (!existsSync(CLI)) throw new Error("dist/cli.mjs is missing: run `node scripts/build.mjs` first");
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !k.startsWith("CAIRN_") && k !== "NO_COLOR" && k !== "FORCE_COLOR") env[k] = v;
    this.env = { ...env, CAIRN_HOME: this.home, NO_COLOR: "1", ZIRRIC_PACKAGES: join(this.dir, "zirric-packages"), ...extraEnv };
  }

  /** Starts `cairn serve` over a copy of examples/registry; resolves with its URL. */
  async serve(): Promise<string> {
    const reg = join(this.dir, "registry");
    if (!existsSync(reg)) cpSync(join(ROOT, "examples/registry"), reg, { recursive: true });
    const p = spawn(process.execPath, [CLI, "serve", reg, "--port", "0", "--host", "127.0.0.1"], { env: this.env, stdio: ["ignore", "pipe", "pipe"] });
    this.server = p;
    this.url = await new Promise<string>((res, rej) => {
      let buf = "";
      p.stdout!.on("data", (d) => {
        buf += d;
        const m = /https?:\/\/[^\s]+/.exec(buf);
        if (m) res(m[0]);
      });
      p.on("exit", (c) => rej(new Error(`serve exited ${c}`)));
    });
    return this.url;
  }

  stop(): void {
    if (this.server && this.server.exitCode === null) this.server.kill("SIGKILL");
    this.server = undefined;
  }

  run(cwd: string, ...args: string[]): Run {
    const r = spawnSync(process.execPath, [CLI, ...args], { cwd: resolve(this.dir, cwd), env: this.env, encoding: "utf8", timeout: 60_000 });
    return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
  }

  /** Runs and fails the test with the output when the exit code differs. */
  ok(cwd: string, ...args: string[]): Run {
    const r = this.run(cwd, ...args);
    if (r.code !== 0) throw new Error(`cairn ${args.join(" ")} exited ${r.code}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`);
    return r;
  }

  path(...p: string[]): string {
    return join(this.dir, ...p);
  }

  cleanup(): void {
    this.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export function git(cwd: string, ...args: string[]): string {
  const r = spawnSync("git", ["-c", "user.email=e2e@example.com", "-c", "user.name=e2e", "-c", "init.defaultBranch=main", ...args], { cwd, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`git ${args.join(" ")}: ${r.stderr}`);
  return r.stdout.trim();
}
