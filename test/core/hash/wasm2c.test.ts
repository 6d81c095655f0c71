// The hashing ABI from a non-JavaScript host: test/core/hash/c/sha256sum.c on
// the C that wasm2c (Debian's wabt) generates from build/cairn.wasm, which is
// also the proof that the baseline module carries no SIMD (wasm2c rejects it).
import { describe, it, expect, beforeAll } from "vitest";
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { createHash } from "node:crypto";

const root = resolve(__dirname, "../../..");
const have = (cmd: string) => spawnSync("sh", ["-c", `command -v ${cmd}`]).status === 0;

describe.skipIf(!(have("wasm2c") && have("gcc")))("a C host hashing through wasm2c", () => {
  let dir = "";
  let host = "";
  const files: { path: string; data: Buffer }[] = [];
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "cairn-c-hash-"));
    execFileSync("wasm2c", [join(root, "build/cairn.wasm"), "-n", "cairn", "-o", join(dir, "cairn.c")]);
    host = join(dir, "sha256sum");
    execFileSync("gcc", ["-O1", "-o", host, join(root, "test/core/hash/c/sha256sum.c"), join(dir, "cairn.c"), "/usr/share/wabt/wasm2c/wasm-rt-impl.c", "-I/usr/share/wabt/wasm2c", `-I${dir}`, "-lm"], { stdio: "pipe" });
    for (const len of [0, 3, 55, 56, 63, 64, 65, 1000, 70_000, (1 << 20) + 12345]) {
      const data = Buffer.alloc(len);
      for (let i = 0; i < len; i++) data[i] = (i * 131 + len) & 255;
      const path = join(dir, `f${len}`);
      writeFileSync(path, data);
      files.push({ path, data });
    }
    return () => rmSync(dir, { recursive: true, force: true });
  }, 300_000);

  const expected = () => files.map((f) => `${createHash("sha256").update(f.data).digest("hex")}  ${f.path}`);

  it("one-shot through the window, streaming for files larger than it", () => {
    const run = spawnSync(host, files.map((f) => f.path), { encoding: "utf8" });
    expect(run.status).toBe(0);
    expect(run.stdout.trim().split("\n")).toEqual(expected());
  });

  it("one sha256_many call for all files", () => {
    const run = spawnSync(host, ["--many", ...files.map((f) => f.path)], { encoding: "utf8" });
    expect(run.status).toBe(0);
    expect(run.stdout.trim().split("\n")).toEqual(expected());
  });

  it("tree1_hash gives the manifest and root the bindings define", () => {
    const a = join(dir, "a.txt"), e = join(dir, "empty");
    writeFileSync(a, "hello\n");
    writeFileSync(e, "");
    const run = spawnSync(host, ["--tree", `empty=${e}`, `a.txt=${a}`], { encoding: "utf8" });
    expect(run.status).toBe(0);
    const [rootHex, ...lines] = run.stdout.split("\n");
    const manifest = lines.join("\n");
    expect(manifest).toBe(
      "f 5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03 a.txt\n" +
        "f e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855 empty\n",
    );
    expect(rootHex).toBe(createHash("sha256").update(manifest).digest("hex"));
  });

  it("wasm2c refuses the SIMD module (so the baseline's acceptance above means no SIMD)", () => {
    const r = spawnSync("wasm2c", [join(root, "build/cairn.simd.wasm"), "-o", join(dir, "simd.c")], { encoding: "utf8" });
    expect(r.status).not.toBe(0);
  });
});
