#!/usr/bin/env node
// Builds examples/registry: a static cairn registry (DESIGN.md §5) with real
// .tar.gz archives and their sha256 checksums, for the example projects, the
// docs, `npm start` and the end-to-end tests. Deterministic: the same script
// gives byte-identical files (sorted entries, mtime 0, uid/gid 0, fixed modes,
// gzip header without a timestamp), so re-running it leaves git clean.
//   node scripts/make-example-registry.mjs [outDir]
import { createHash } from "node:crypto";
import { gzipSync } from "node:zlib";
import { mkdirSync, writeFileSync, renameSync, rmSync, existsSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const outDir = process.argv[2] ?? join(root, "examples/registry");

// ---- the packages -------------------------------------------------------
// name → version → { deps, features, targets, yanked, files }. Files are the
// package's own sources; each profile's entry-file convention is honoured so
// `cairn paths --json` has something real to point at.
const lib = (lang, name, v, body = "") => ({ [`src/lib.${lang}`]: `// ${name} ${v}\n${body}` });
const PACKAGES = {
  // cairn profile (language-neutral sources, .cn)
  fmt: {
    "1.0.0": { files: lib("cn", "fmt", "1.0.0", "export pad\n") },
    "1.2.0": { files: lib("cn", "fmt", "1.2.0", "export pad\nexport wrap\n") },
    "1.3.0": { yanked: true, files: lib("cn", "fmt", "1.3.0", "export pad\nexport wrap\n# broken release\n") },
  },
  greet: {
    "1.0.0": { deps: { fmt: "^1.0.0" }, files: { ...lib("cn", "greet", "1.0.0", "hello\n"), "README.md": "# greet\n" } },
    "1.1.0": { deps: { fmt: "^1.2.0" }, files: { ...lib("cn", "greet", "1.1.0", "hello, world\n"), "README.md": "# greet\n", "bin/greet": "#!/bin/sh\necho hello\n" } },
    "2.0.0-beta.1": { deps: { fmt: "^1.2.0" }, files: lib("cn", "greet", "2.0.0-beta.1", "hi\n") },
  },
  colors: {
    "2.0.0": { files: lib("cn", "colors", "2.0.0", "red green blue\n") },
    "2.1.0": {
      features: { truecolor: { fmt: "^1.2.0" } },
      targets: { windows: { wincon: "^1.0.0" } },
      files: lib("cn", "colors", "2.1.0", "red green blue\n24bit\n"),
    },
  },
  wincon: { "1.0.0": { files: lib("cn", "wincon", "1.0.0", "console\n") } },
  testkit: { "0.3.0": { deps: { fmt: "^1.0.0" }, files: lib("cn", "testkit", "0.3.0", "assert\n") } },

  // minz profile
  "zx-core": {
    "1.0.0": { files: { "src/lib.minz": "// zx-core 1.0.0\nfun border(c: u8) -> void { }\n" } },
    "1.1.0": { files: { "src/lib.minz": "// zx-core 1.1.0\nfun border(c: u8) -> void { }\nfun cls() -> void { }\n" } },
  },
  "math-fixed": {
    "0.5.0": { files: { "src/lib.minz": "// math-fixed 0.5.0\nfun mul88(a: u16, b: u16) -> u16 { return a; }\n" } },
    "0.6.0": { files: { "src/lib.minz": "// math-fixed 0.6.0\nfun mul88(a: u16, b: u16) -> u16 { return b; }\n" } },
  },
  "zx-hardware": {
    "2.0.0": { deps: { "zx-core": "^1.0.0" }, files: { "src/lib.minz": "// zx-hardware 2.0.0\nconst ULA: u16 = 0xFE;\n" } },
  },

  // ori profile (exact versions only, scoped names)
  "@orilib/utils": {
    "2.0.0": { files: { "src/lib.ori": "// @orilib/utils 2.0.0\n@identity (x: int) -> int = x\n" } },
    "2.0.1": { files: { "src/lib.ori": "// @orilib/utils 2.0.1\n@identity (x: int) -> int = x\n@twice (x: int) -> int = x * 2\n" } },
  },
  "@orilib/parser": {
    "3.0.2": { deps: { "@orilib/utils": "2.0.1" }, files: { "src/lib.ori": "// @orilib/parser 3.0.2\n@parse (s: str) -> int = 0\n" } },
  },

  // epsilon profile
  "epsilon.core": {
    "2.1.0": { files: { "src/core.lisp": "(defpackage :epsilon.core (:use :cl))\n" } },
    "2.2.0": { files: { "src/core.lisp": "(defpackage :epsilon.core (:use :cl))\n;; 2.2.0\n" } },
  },
  "epsilon.json": {
    "1.0.0": { deps: { "epsilon.core": "^2.1.0" }, files: { "src/json.lisp": "(defpackage :epsilon.json (:use :cl))\n" } },
  },
  "epsilon.testing": {
    "1.0.0": { deps: { "epsilon.core": "^2.0.0" }, files: { "src/testing.lisp": "(defpackage :epsilon.testing (:use :cl))\n" } },
  },
};

const DESCRIPTIONS = {
  fmt: "string padding and wrapping",
  greet: "friendly greetings",
  colors: "terminal colours",
  wincon: "Windows console support",
  testkit: "tiny assertions for tests",
  "zx-core": "ZX Spectrum basics",
  "math-fixed": "8.8 fixed-point maths",
  "zx-hardware": "ZX Spectrum ports",
  "@orilib/utils": "small utilities",
  "@orilib/parser": "a parser",
  "epsilon.core": "Epsilon core library",
  "epsilon.json": "JSON for Epsilon",
  "epsilon.testing": "test framework",
};

// ---- deterministic ustar + gzip ----------------------------------------
function tarHeader(path, size, mode) {
  const h = Buffer.alloc(512, 0);
  if (Buffer.byteLength(path) > 100) throw new Error(`path too long for this minimal tar writer: ${path}`);
  h.write(path, 0, 100, "utf8");
  h.write(mode.toString(8).padStart(7, "0") + "\0", 100, 8, "ascii");
  h.write("0000000\0", 108, 8, "ascii"); // uid
  h.write("0000000\0", 116, 8, "ascii"); // gid
  h.write(size.toString(8).padStart(11, "0") + "\0", 124, 12, "ascii");
  h.write("00000000000\0", 136, 12, "ascii"); // mtime 0
  h.write("        ", 148, 8, "ascii"); // checksum placeholder
  h.write("0", 156, 1, "ascii"); // regular file
  h.write("ustar\0", 257, 6, "ascii");
  h.write("00", 263, 2, "ascii");
  let sum = 0;
  for (const b of h) sum += b;
  h.write(sum.toString(8).padStart(6, "0") + "\0 ", 148, 8, "ascii");
  return h;
}

/** files: {path: content}; executable if it starts with "#!". */
export function packTarGz(files) {
  const parts = [];
  const paths = Object.keys(files).sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  for (const p of paths) {
    const data = Buffer.from(files[p], "utf8");
    parts.push(tarHeader(p, data.length, data.subarray(0, 2).toString() === "#!" ? 0o755 : 0o644));
    parts.push(data);
    const pad = (512 - (data.length % 512)) % 512;
    if (pad) parts.push(Buffer.alloc(pad));
  }
  parts.push(Buffer.alloc(1024));
  return gzipSync(Buffer.concat(parts), { level: 9 });
}

// ---- writing -------------------------------------------------------------
const sha256 = (b) => createHash("sha256").update(b).digest("hex");
/** Scoped names keep their `@scope/` directory: `@orilib/utils` → `@orilib/utils`. */
const safe = (name) => name;
const base = (name) => name.split("/").pop();

function writeAtomic(path, data) {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, data);
  renameSync(tmp, path);
}
const json = (v) => `${JSON.stringify(v, null, 2)}\n`;

/** The package set, for other scripts (bench/install.mjs builds an npm registry of the same packages). */
export { PACKAGES };

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isMain) main();

function main() {
if (existsSync(join(outDir, "packages"))) rmSync(join(outDir, "packages"), { recursive: true });
if (existsSync(join(outDir, "files"))) rmSync(join(outDir, "files"), { recursive: true });
writeAtomic(join(outDir, "config.json"), json({ api: 1, files: "files/{name}/{basename}-{version}.tar.gz", search: "search.json" }));
const search = [];
for (const name of Object.keys(PACKAGES).sort()) {
  const versions = {};
  let latest;
  for (const [v, spec] of Object.entries(PACKAGES[name])) {
    const rel = `files/${safe(name)}/${base(name)}-${v}.tar.gz`;
    const tgz = packTarGz(spec.files);
    writeAtomic(join(outDir, rel), tgz);
    versions[v] = {
      checksum: `sha256:${sha256(tgz)}`,
      url: rel,
      dependencies: spec.deps ?? {},
      ...(spec.features ? { features: spec.features } : {}),
      ...(spec.targets ? { targets: spec.targets } : {}),
      ...(spec.yanked ? { yanked: true } : {}),
    };
    if (!spec.yanked && !v.includes("-")) latest = v;
  }
  writeAtomic(join(outDir, "packages", `${safe(name)}.json`), json({ name, description: DESCRIPTIONS[name] ?? "", keywords: [], license: "MIT", latest, versions }));
  search.push({ name, description: DESCRIPTIONS[name] ?? "", keywords: [] });
}
writeAtomic(join(outDir, "search.json"), json({ packages: search }));
process.stderr.write(`wrote ${search.length} packages to ${outDir}\n`);
}
