import { describe, expect, it } from "vitest";
import { progress, type Context } from "../../../cli/project/context.js";
import type { Io } from "../../../cli/output.js";

function ctx(isTTY: boolean, quiet = false): { ctx: Context; err: string[] } {
  const err: string[] = [];
  const io: Io = { out: () => {}, err: (t) => void err.push(t), color: false, quiet, verbose: false, isTTY, cwd: "/", env: {} };
  return { ctx: { io, cwd: "/", json: false, offline: false, frozen: false, locked: false, features: [] }, err };
}

const events = [
  { type: "fetch" as const, name: "fmt", version: "1.2.0", index: 1, total: 2 },
  { type: "fetch" as const, name: "greet", version: "1.1.0", index: 2, total: 2 },
  { type: "installed" as const, packages: 2 },
];

describe("install progress", () => {
  it("draws a bar on a terminal and erases it when done", () => {
    const { ctx: c, err } = ctx(true);
    const p = progress(c);
    events.forEach(p);
    expect(err[0]).toMatch(/^\r\x1b\[2K\[#{10} {10}\] 1\/2 fmt 1\.2\.0$/);
    expect(err[1]).toContain("2/2 greet 1.1.0");
    expect(err.at(-1)).toBe("\r\x1b[2K");
  });
  it("writes nothing per package when stderr is not a terminal, or with --quiet", () => {
    for (const [tty, quiet] of [[false, false], [true, true]] as const) {
      const { ctx: c, err } = ctx(tty, quiet);
      events.forEach(progress(c));
      expect(err).toEqual([]);
    }
  });
});
