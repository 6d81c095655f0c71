import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runMain } from "./run-main.js";
import { compareCase } from "../bindings/profiles/compare.js";
import { corpusCases } from "../bindings/profiles/corpus-cases.js";

const run = runMain;

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), "cairn-manifest-"));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("cairn manifest --json on the corpus", () => {
  for (const c of corpusCases()) {
    it(`${c.system}/${c.name}`, async () => {
      // Directories for plain manifests (discovery), the file itself where a mode needs naming.
      const file = c.expected.manifest as string;
      const profile = c.system === "catalyst" && c.expected.mode === "cep-0003-draft" ? ["--profile", "catalyst-cep0003"] : [];
      const target = file.includes("/") || c.expected.mode === "lockfile" || c.expected.mode === "module.sexp" ? join(c.dir, file) : c.dir;
      const r = await run(["manifest", target, "--json", ...profile], c.dir);
      const report = JSON.parse(r.out) as Record<string, unknown>;
      expect(compareCase(c.expected, report)).toEqual([]);
      expect(r.code).toBe(c.expected.result === "ok" ? 0 : 3);
    });
  }
});

describe("cairn manifest", () => {
  const ori = `[project]\nname = "@acme/app"\nversion = "1.0.0"\nori = "0.5.0"\ncolour = "red"\n[dependencies]\nstd.json\n@orilib/utils = "2.0.1"\n`;

  it("prints a readable summary and warnings on stderr", async () => {
    const dir = join(tmp, "ori");
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "oripk.toml"), ori);
    const r = await run(["manifest"], dir);
    expect(r.code).toBe(0);
    expect(r.out).toContain("@acme/app 1.0.0");
    expect(r.out).toMatch(/@orilib\/utils\s+2\.0\.1\s+\(registry\)/);
    expect(r.out).toMatch(/std\.json\s+\*\s+\(stdlib\)/);
    expect(r.err).toBe("warning[W_UNKNOWN_FIELD]: oripk.toml:5:1: project.colour: unknown project field `colour` ignored\n");
  });

  it("reads oripk.lock beside the manifest into `lock`", async () => {
    const dir = join(tmp, "ori-lock");
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "oripk.toml"), ori);
    writeFileSync(join(dir, "oripk.lock"), `[checksums]\n"@orilib/utils:2.0.1" = "sha256:${"f".repeat(64)}"\n`);
    const r = await run(["manifest", "--json"], dir);
    const report = JSON.parse(r.out);
    expect(report.lock).toEqual([{ package: "@orilib/utils", version: "2.0.1", checksum: { algorithm: "sha256", digest: "f".repeat(64) }, source: null, git_hash: null }]);
    writeFileSync(join(dir, "oripk.lock"), `[checksums]\n"@orilib/utils:2.0.1" = "sha256:abc"\n`);
    const bad = await run(["manifest", "--json"], dir);
    expect(bad.code).toBe(3);
    expect(JSON.parse(bad.out).error).toMatchObject({ code: "E_INVALID_CHECKSUM", path: "checksums.@orilib/utils:2.0.1", line: 2, file: "oripk.lock" });
  });

  it("renders errors as error[CODE] with file:line:col and a hint, exit 3", async () => {
    const dir = join(tmp, "minz-bad");
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "mzp.toml"), `[package]\nname = "x"\nversion = "1.0.0"\n[dependencies]\nzx = "^^1"\n`);
    const r = await run(["manifest", dir], tmp);
    expect(r.code).toBe(3);
    expect(r.err).toMatch(/^error\[E_INVALID_VERSION_REQ\]: minz-bad\/mzp\.toml:5:1: dependencies\.zx: /);
    expect(r.err).toMatch(/\nhint: /);
    expect(r.err).not.toMatch(/at .*\.ts:\d+/);
  });

  it("needs --profile for files it cannot name, and reads MinZ registry documents with it", async () => {
    const file = join(tmp, "zx-graphics.json");
    writeFileSync(file, `{"name": "zx-graphics", "versions": {"1.0.0": {"checksum": "sha256:${"a".repeat(64)}"}}}`);
    const none = await run(["manifest", file], tmp);
    expect(none.code).toBe(2);
    expect(none.err).toMatch(/error\[E_USAGE\].*--profile/s);
    const r = await run(["manifest", file, "--profile", "minz-registry", "--json"], tmp);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ result: "ok", profile: "minz-registry", package: { name: "zx-graphics" } });
  });

  it("reports usage and I/O problems", async () => {
    expect((await run(["manifest", "--profile", "cobol"], tmp)).code).toBe(2);
    const missing = await run(["manifest", join(tmp, "nope"), "--json"], tmp);
    expect(missing.code).toBe(3);
    expect(JSON.parse(missing.out).error.code).toBe("E_IO");
    const empty = join(tmp, "empty");
    mkdirSync(empty, { recursive: true });
    const r = await run(["manifest", empty], tmp);
    expect(r.code).toBe(3);
    expect(r.err).toMatch(/error\[E_IO\].*no manifest found/);
  });
});
