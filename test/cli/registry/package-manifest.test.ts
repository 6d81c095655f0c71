// What publish reads from a package directory: cairn.toml directly, other
// profiles through their normalized manifests; what cannot be published is refused.
import { describe, it, expect } from "vitest";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { readPackageManifest } from "../../../cli/registry/package-manifest.js";
import { tmp } from "./helpers.js";

function dirWith(file: string, text: string): string {
  const d = tmp("manifest");
  writeFileSync(join(d, file), text);
  return d;
}

describe("readPackageManifest", () => {
  it("reads cairn.toml: dependencies, optional ones, features and targets; dev deps stay out", () => {
    const m = readPackageManifest(dirWith("cairn.toml", `[package]\nname = "app"\nversion = "1.2.3"\ndescription = "d"\nlicense = "MIT"\nkeywords = ["k"]\n\n[dependencies]\nfmt = "^1"\nextra = { version = "^2", optional = true }\n\n[dev-dependencies]\ntestkit = "^0.3"\n\n[features]\nfancy = ["extra"]\n\n[target.windows.dependencies]\nwincon = "^1"\n`));
    expect(m).toMatchObject({ name: "app", version: "1.2.3" });
    expect(m.metadata).toEqual({
      dependencies: { fmt: "^1" },
      optional: { extra: "^2" },
      description: "d",
      license: "MIT",
      keywords: ["k"],
      features: { fancy: { extra: "^2" } },
      targets: { windows: { wincon: "^1" } },
    });
  });

  it("reads another profile's manifest (MinZ) through its normalized form", () => {
    const m = readPackageManifest(dirWith("mzp.toml", `[package]\nname = "demo"\nversion = "0.1.0"\n\n[dependencies]\nzx-core = "^1.0.0"\n\n[platform-dependencies.spectrum]\nzx-hardware = "^2.0.0"\n`));
    expect(m).toMatchObject({ name: "demo", version: "0.1.0" });
    expect(m.metadata.dependencies).toEqual({ "zx-core": "^1.0.0" });
    expect(m.metadata.targets).toEqual({ spectrum: { "zx-hardware": "^2.0.0" } });
  });

  it("refuses path dependencies, bad names and versions, and a directory without a manifest", () => {
    expect(() => readPackageManifest(dirWith("cairn.toml", `[package]\nname = "app"\nversion = "1.0.0"\n[dependencies]\nlocal = { path = "../local" }\n`))).toThrow(expect.objectContaining({ code: "E_INVALID_PATH" }));
    expect(() => readPackageManifest(dirWith("cairn.toml", `[package]\nname = "App!"\nversion = "1.0.0"\n`))).toThrow(expect.objectContaining({ code: "E_INVALID_NAME" }));
    expect(() => readPackageManifest(dirWith("cairn.toml", `[package]\nname = "app"\nversion = "1.0"\n`))).toThrow(expect.objectContaining({ code: "E_INVALID_VERSION" }));
    expect(() => readPackageManifest(dirWith("cairn.toml", `[package\nname = "app"\n`))).toThrow(expect.objectContaining({ code: "E_SYNTAX" }));
    expect(() => readPackageManifest(tmp("empty"))).toThrow(expect.objectContaining({ code: "E_IO" }));
  });
});
