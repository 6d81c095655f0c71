// The profile lock files (cli/lock/profile-locks.ts): what each format keeps, and reading back.
import { describe, expect, it } from "vitest";
import { parse } from "smol-toml";
import { lockFormat } from "../../../cli/lock/profile-locks.js";
import { lock, sum } from "../../bindings/lock/sample-lock.js";

describe("profile lock files", () => {
  it("oripk.lock has only [checksums] of registry packages, keyed package:version, sorted", () => {
    const f = lockFormat("ori");
    const text = f.write(lock);
    const doc = parse(text) as { checksums: Record<string, string> };
    expect(Object.keys(doc)).toEqual(["checksums"]);
    expect(Object.keys(doc.checksums)).toEqual(["fmt:1.2.0", "greet:1.1.0"]);
    const back = f.read(text, "http://r/");
    expect(back.packages.map((p) => [p.name, p.version, p.checksum])).toEqual([["fmt", "1.2.0", sum("b")], ["greet", "1.1.0", sum("a")]]);
  });

  it("epsilon-lock.edn records version, checksum, source and git-hash, and reads back", () => {
    const f = lockFormat("epsilon");
    const text = f.write(lock);
    expect(text).toContain(`"git-hash" "${"c".repeat(40)}"`);
    const back = f.read(text, "");
    expect(back.packages.map((p) => p.name).sort()).toEqual(["@s/local", "colors", "fmt", "greet"]);
    expect(back.packages.find((p) => p.name === "colors")!.source).toEqual(lock.packages[2]!.source);
    expect(f.write(back)).toBe(text);
  });

  it("mzp.lock keeps the whole graph", () => {
    const f = lockFormat("minz");
    expect(f.recordsGraph).toBe(true);
    expect(f.read(f.write(lock), "").packages.find((p) => p.name === "greet")!.dependencies).toEqual([{ name: "fmt", req: "^1.2.0" }]);
  });
});
