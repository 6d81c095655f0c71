// cli/commands/index.ts: the lazily loaded command table.
import { describe, expect, it } from "vitest";
import { commands, findCommand, loadAll } from "../../../cli/commands/index.js";

describe("the command table", () => {
  it("loads, for every entry, the command of that name", async () => {
    const loaded = await loadAll();
    expect(loaded.map((c) => c.name)).toEqual(commands.map((c) => c.name));
    for (const c of loaded) {
      expect(c.summary.length).toBeGreaterThan(0);
      expect(c.usage).toMatch(new RegExp(`^cairn ${c.name}\\b`));
    }
    expect(new Set(commands.map((c) => c.name)).size).toBe(commands.length);
  });

  it("declares every value flag a command's usage shows with an argument", async () => {
    for (const entry of commands) {
      const cmd = await entry.load();
      // `--flag VALUE` / `--flag N` in the usage text: a flag that takes a value
      const shown = [...cmd.usage.matchAll(/--([a-z-]+)[ =]([A-Z][A-Z_,.a-z]*)\b/g)].map((m) => m[1]!);
      const global = new Set(["registry", "target", "features", "profile", "cwd", "max-steps", "port", "host"]);
      for (const f of shown) if (!global.has(f)) expect(entry.valueFlags ?? [], `${entry.name} --${f}`).toContain(f);
    }
  });

  it("finds commands by name only", () => {
    expect(findCommand("install")?.name).toBe("install");
    expect(findCommand("instal")).toBeUndefined();
  });
});
