import { describe, expect, it } from "vitest";
import { parse } from "smol-toml";
import { removeTomlEntry, setTomlEntry, hasTomlEntry, keySegments } from "../../../cli/manifest-edit/toml-edit.js";

const manifest = `# my app
[package]
name = "app"   # the name
version = "0.1.0"

[dependencies]
# formatting
fmt = "^1.0.0"
colors = { version = "^2.0.0",
           features = ["truecolor"] }

[dependencies.greet]
version = "^1.0.0"
features = ["loud"]

[dev-dependencies]
testkit = "^0.3.0"
`;

describe("toml-edit", () => {
  it("splits keys with quotes and dots", () => {
    expect(keySegments(`target."cfg(unix)".dependencies`)).toEqual(["target", "cfg(unix)", "dependencies"]);
    expect(keySegments(`"@orilib/utils"`)).toEqual(["@orilib/utils"]);
  });

  it("adds a dependency after the table's last entry and keeps everything else byte for byte", () => {
    const out = setTomlEntry(manifest, ["dependencies"], "wincon", `"^1.0.0"`);
    expect(out.replace(`wincon = "^1.0.0"\n`, "")).toBe(manifest);
    expect(out.indexOf("wincon")).toBeGreaterThan(out.indexOf("truecolor"));
    expect(out.indexOf("wincon")).toBeLessThan(out.indexOf("[dependencies.greet]"));
    expect((parse(out) as any).dependencies.wincon).toBe("^1.0.0");
  });

  it("replaces a multi-line inline entry in place", () => {
    const out = setTomlEntry(manifest, ["dependencies"], "colors", `"^2.1.0"`);
    expect(out).toContain(`colors = "^2.1.0"\n\n[dependencies.greet]`);
    expect(out).not.toContain("truecolor");
    expect((parse(out) as any).dependencies.colors).toBe("^2.1.0");
  });

  it("replaces a sub-table entry", () => {
    const out = setTomlEntry(manifest, ["dependencies"], "greet", `"^1.1.0"`);
    const doc = parse(out) as any;
    expect(doc.dependencies.greet).toBe("^1.1.0");
    expect(doc.dependencies.fmt).toBe("^1.0.0");
    expect(out).not.toContain("loud");
  });

  it("creates a missing table at the end", () => {
    const out = setTomlEntry(manifest, ["target", "windows", "dependencies"], "wincon", `"^1.0.0"`);
    expect(out.startsWith(manifest.trimEnd())).toBe(true);
    expect((parse(out) as any).target.windows.dependencies.wincon).toBe("^1.0.0");
  });

  it("removes inline, multi-line and sub-table entries, and reports a missing one", () => {
    let out = removeTomlEntry(manifest, ["dependencies"], "colors")!;
    expect((parse(out) as any).dependencies.colors).toBeUndefined();
    out = removeTomlEntry(out, ["dependencies"], "greet")!;
    const doc = parse(out) as any;
    expect(Object.keys(doc.dependencies)).toEqual(["fmt"]);
    expect(doc["dev-dependencies"].testkit).toBe("^0.3.0");
    expect(removeTomlEntry(manifest, ["dependencies"], "nope")).toBeUndefined();
    expect(hasTomlEntry(manifest, ["dev-dependencies"], "testkit")).toBe(true);
  });

  it("finds quoted scoped keys and Ori's bare stdlib lines", () => {
    const ori = `[dependencies]\nstd.json\n"@orilib/utils" = "2.0.1"\n`;
    expect(removeTomlEntry(ori, ["dependencies"], "std.json")).toBe(`[dependencies]\n"@orilib/utils" = "2.0.1"\n`);
    expect(setTomlEntry(ori, ["dependencies"], "@orilib/utils", `"2.0.0"`)).toBe(`[dependencies]\nstd.json\n"@orilib/utils" = "2.0.0"\n`);
  });

  it("keeps CRLF line endings", () => {
    const crlf = `[dependencies]\r\nfmt = "1"\r\n`;
    expect(setTomlEntry(crlf, ["dependencies"], "x", `"2"`)).toBe(`[dependencies]\r\nfmt = "1"\r\nx = "2"\r\n`);
  });
});
