import { describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "smol-toml";
import { readCairnLock, writeCairnLock } from "../../../cli/lock/cairn-lock.js";
import { formatSource, parseSource, type Lock } from "../../../cli/lock/model.js";
import { lockFormat } from "../../../cli/lock/profile-locks.js";
import { writeIfChanged } from "../../../cli/lock/atomic-write.js";
import { CairnError } from "../../../bindings/errors.js";

const sum = (c: string) => `sha256:${c.repeat(64)}`;
const lock: Lock = {
  version: 1,
  roots: [{ path: ".", name: "app", dependencies: [{ name: "greet", req: "^1.0.0" }, { name: "colors", req: "^2.0.0" }], devDependencies: [] }],
  packages: [
    { name: "greet", version: "1.1.0", source: { kind: "registry", url: "http://127.0.0.1:9/" }, checksum: sum("a"), dependencies: [{ name: "fmt", req: "^1.2.0" }] },
    { name: "fmt", version: "1.2.0", source: { kind: "registry", url: "http://127.0.0.1:9/" }, checksum: sum("b"), dependencies: [] },
    { name: "colors", version: "2.1.0", source: { kind: "git", url: "https://example.com/colors.git", commit: "c".repeat(40), ref: "v2.1.0", refKind: "tag" }, checksum: "tree1-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=", dependencies: [] },
    { name: "@s/local", version: "0.0.0", source: { kind: "path", path: "../local" }, checksum: "tree1-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=", dependencies: [] },
  ],
};

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
