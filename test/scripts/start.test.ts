// `npm start` (scripts/start.mjs): installs the sample project against the
// bundled registry, prints the tree and the lock, then serves the playground
// and prints its URL — without writing to the tracked examples/.
import { spawn } from "node:child_process";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = resolve(__dirname, "../..");

function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const n of readdirSync(d)) {
      const p = join(d, n);
      if (statSync(p).isDirectory()) walk(p);
      else out[p.slice(dir.length)] = readFileSync(p).toString("base64");
    }
  };
  walk(dir);
  return out;
}

describe("npm start", () => {
  it("installs, prints the lock and the playground URL, and leaves examples/ untouched", async () => {
    const before = snapshot(join(ROOT, "examples"));
    const child = spawn(process.execPath, [join(ROOT, "scripts/start.mjs")], {
      cwd: ROOT,
      env: { ...process.env, CAIRN_PLAYGROUND_PORT: "0", NO_COLOR: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout!.on("data", (d) => (out += d));
    child.stderr!.on("data", (d) => (out += d));
    try {
      const url = await new Promise<string>((done, fail) => {
        const timer = setTimeout(() => fail(new Error(`no playground URL in 60 s:\n${out}`)), 60_000);
        child.stdout!.on("data", () => {
          const m = /playground: (http:\/\/127\.0\.0\.1:\d+\/\S*)/.exec(out);
          if (m) {
            clearTimeout(timer);
            done(m[1]!);
          }
        });
        child.on("exit", (code) => fail(new Error(`start.mjs exited with ${code}:\n${out}`)));
      });
      expect(out).toMatch(/\[\[package\]\]\nname = "greet"/);
      const page = await fetch(url);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain("<html");
      // the registry is reached through the playground's origin
      const doc = await fetch(new URL("/registry/packages/greet.json", url));
      expect(doc.status).toBe(200);
    } finally {
      child.kill("SIGINT");
      await new Promise((r) => child.once("exit", r));
    }
    expect(snapshot(join(ROOT, "examples"))).toEqual(before);
  }, 90_000);
});
