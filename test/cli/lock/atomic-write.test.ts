// Lock writes (cli/lock/atomic-write.ts): only on change, through a temp file.
import { describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync, readdirSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { writeIfChanged } from "../../../cli/lock/atomic-write.js";

describe("writing", () => {
  it("rewrites only on change and leaves no temp files", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cairn-lock-"));
    const p = join(dir, "cairn.lock");
    expect(writeIfChanged(p, "a\n")).toBe(true);
    const m = statSync(p).mtimeMs;
    await new Promise((r) => setTimeout(r, 20));
    expect(writeIfChanged(p, "a\n")).toBe(false);
    expect(statSync(p).mtimeMs).toBe(m);
    expect(writeIfChanged(p, "b\n")).toBe(true);
    expect(readFileSync(p, "utf8")).toBe("b\n");
    expect(readdirSync(dir)).toEqual(["cairn.lock"]);
  });
});
