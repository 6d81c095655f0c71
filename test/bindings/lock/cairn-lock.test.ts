// cairn.lock (bindings/lock/cairn-lock.ts): stable bytes, round trips, coded errors.
import { describe, expect, it } from "vitest";
import { parse } from "smol-toml";
import { readCairnLock, writeCairnLock } from "../../../bindings/lock/cairn-lock.js";
import { formatSource, parseSource } from "../../../bindings/lock/model.js";
import { CairnError } from "../../../bindings/errors.js";
import { lock, sum } from "./sample-lock.js";

describe("cairn.lock", () => {
  it("is valid TOML, sorted by name, and the same bytes whatever the input order", () => {
    const text = writeCairnLock(lock);
    const doc = parse(text) as { package: { name: string }[] };
    expect(doc.package.map((p) => p.name)).toEqual(["@s/local", "colors", "fmt", "greet"]);
    const shuffled = { ...lock, packages: [...lock.packages].reverse(), roots: lock.roots.map((r) => ({ ...r, dependencies: [...r.dependencies].reverse() })) };
    expect(writeCairnLock(shuffled)).toBe(text);
  });

  it("round-trips every source kind and checksum", () => {
    const back = readCairnLock(writeCairnLock(lock));
    expect(writeCairnLock(back)).toBe(writeCairnLock(lock));
    expect(back.packages.find((p) => p.name === "colors")!.source).toEqual(lock.packages[2]!.source);
    for (const p of lock.packages) expect(parseSource(formatSource(p.source))).toEqual(p.source);
  });

  it("reports syntax errors with a position and bad checksums with a field path", () => {
    const e1 = (() => { try { readCairnLock("version = 1\n[[package]\n", "cairn.lock"); } catch (e) { return e as CairnError; } })();
    expect(e1).toBeInstanceOf(CairnError);
    expect(e1!.code).toBe("E_SYNTAX");
    expect(e1!.location.line).toBe(2);
    const bad = writeCairnLock(lock).replace(sum("b"), "sha256:1234");
    const e2 = (() => { try { readCairnLock(bad); } catch (e) { return e as CairnError; } })();
    expect(e2!.code).toBe("E_INVALID_CHECKSUM");
    expect(e2!.location.path).toMatch(/^package\[\d\]\.checksum$/);
  });
});
