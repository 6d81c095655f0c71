import { describe, expect, it } from "vitest";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { treeDigest } from "../../../cli/sources/tree-digest.js";
import { layoutFor } from "../../../cli/install/layout.js";
import { commit, recover, stagingDir, JOURNAL } from "../../../cli/install/transaction.js";
import { stageLayout } from "../../../cli/install/materialize.js";
import { verifyInstall } from "../../../cli/install/verify.js";
import { SETTLE_MS } from "../../../cli/install/tree-stamp.js";
import type { Lock } from "../../../bindings/lock/model.js";
import { TREE1_EMPTY_DIGEST, TREE1_VECTOR_DIGEST, writeTree1Vector } from "../../fixtures/tree1-vector.js";

const tmp = () => mkdtempSync(join(tmpdir(), "cairn-install-"));

describe("tree1 digests of directories", () => {
  it("match the DESIGN.md test vectors", () => {
    expect(treeDigest(writeTree1Vector(tmp()))).toBe(TREE1_VECTOR_DIGEST);
    expect(treeDigest(tmp())).toBe(TREE1_EMPTY_DIGEST);
  });
});

describe("layouts", () => {
  it("put each profile's packages where its toolchain looks", () => {
    const env = { ZIRRIC_PACKAGES: "/zp" };
    expect(layoutFor("minz", "/p", env).root).toBe("/p/packages");
    expect(layoutFor("minz", "/p", env).dirFor("zx-core", "1.0.0")).toBe("zx_core");
    expect(layoutFor("ori", "/p", env).root).toBe("/p/.ori/deps");
    expect(layoutFor("cairn", "/p", env).root).toBe("/p/.cairn/packages");
    expect(layoutFor("epsilon", "/p", env).root).toBe("/p/.epsilon/packages");
    const z = layoutFor("zirric", "/p", env);
    expect(z.root).toBe("/zp/git");
    expect(z.shared).toBe(true);
    expect(z.dirFor("https://code.knabel.dev/zirric-lang/zirric", "1.2.0")).toBe("code.knabel.dev/zirric-lang/zirric/1.2.0");
    expect(layoutFor("zirric", "/p", {}).root).toBe("/p/.zirric/packages/git");
  });
});

describe("install transaction", () => {
  const setup = () => {
    const proj = tmp();
    const src = join(proj, "src-pkg");
    mkdirSync(join(src, "src"), { recursive: true });
    writeFileSync(join(src, "src/lib.cn"), "v1\n");
    const layout = layoutFor("cairn", proj, {});
    const lock: Lock = { version: 1, roots: [], packages: [{ name: "fmt", version: "1.0.0", source: { kind: "registry", url: "r" }, checksum: `sha256:${"a".repeat(64)}`, dependencies: [] }] };
    const items = [{ name: "fmt", version: "1.0.0", source: lock.packages[0]!.source, checksum: lock.packages[0]!.checksum, srcDir: src }];
    return { proj, src, layout, lock, items };
  };

  it("copies (never hard-links) and verifies what it installed", () => {
    const { proj, src, layout, lock, items } = setup();
    const { staged } = stageLayout(layout, items, "sha256:x");
    commit(proj, { root: layout.root, staged, files: [{ path: join(proj, "cairn.lock"), content: "new" }] });
    const installed = join(layout.root, "fmt/src/lib.cn");
    expect(readFileSync(installed, "utf8")).toBe("v1\n");
    expect(statSync(installed).ino).not.toBe(statSync(join(src, "src/lib.cn")).ino);
    expect(verifyInstall(layout, lock).problems).toEqual([]);
    writeFileSync(installed, "evil\n");
    expect(readFileSync(join(src, "src/lib.cn"), "utf8")).toBe("v1\n");
    const p = verifyInstall(layout, lock).problems;
    expect(p).toMatchObject([{ name: "fmt", kind: "modified", changed: ["src/lib.cn"] }]);
    expect(existsSync(join(proj, JOURNAL))).toBe(false);
  });

  it("the up-to-date check trusts stat stamps: a change that keeps size, inode and mtime passes it, never `verify`", () => {
    const { proj, layout, lock, items } = setup();
    const { staged } = stageLayout(layout, items, "sha256:x");
    commit(proj, { root: layout.root, staged, files: [] });
    const installed = join(layout.root, "fmt/src/lib.cn");
    // the copy is backdated, so its stamp can be trusted at once
    expect(statSync(installed).mtimeMs).toBeLessThan(Date.now() - SETTLE_MS);
    expect(verifyInstall(layout, lock, { trustStamps: true }).problems).toEqual([]);
    // an ordinary edit moves the mtime: caught either way
    writeFileSync(installed, "v2\n");
    expect(verifyInstall(layout, lock, { trustStamps: true }).problems).toMatchObject([{ name: "fmt", kind: "modified" }]);
    // the blind spot stat cannot see (same size and inode, mtime put back): only the re-hash finds it
    const state = JSON.parse(readFileSync(layout.stateFile, "utf8"));
    const before = state.packages[0].stamp.newest / 1000;
    utimesSync(installed, before, before);
    expect(verifyInstall(layout, lock, { trustStamps: true }).problems).toEqual([]);
    expect(verifyInstall(layout, lock).problems).toMatchObject([{ name: "fmt", kind: "modified", changed: ["src/lib.cn"] }]);
  });

  it("recover() completes a committed journal and discards an uncommitted stage", () => {
    const { proj, layout, items } = setup();
    // crash before the commit point: only a staging directory
    stageLayout(layout, items, "sha256:x");
    expect(existsSync(stagingDir(layout.root))).toBe(true);
    recover(proj, [layout.root]);
    expect(existsSync(stagingDir(layout.root))).toBe(false);
    expect(existsSync(layout.root)).toBe(false);
    // crash after the commit point: journal written, nothing applied
    const { staged } = stageLayout(layout, items, "sha256:x");
    writeFileSync(join(proj, JOURNAL), JSON.stringify({ version: 1, root: layout.root, staged, files: [{ path: join(proj, "cairn.lock"), content: "new lock" }] }));
    recover(proj, [layout.root]);
    expect(readFileSync(join(proj, "cairn.lock"), "utf8")).toBe("new lock");
    expect(existsSync(join(layout.root, "fmt/src/lib.cn"))).toBe(true);
    expect(existsSync(join(proj, JOURNAL))).toBe(false);
  });
});
