// Where each profile installs packages (docs/CLI.md "Install layouts"):
//   cairn    .cairn/packages/<name>/
//   minz     packages/<import name>/        (zx-core → zx_core: the name `import` uses)
//   ori      .ori/deps/<name>/               (@scope/name keeps its @scope/ directory)
//   epsilon  .epsilon/packages/<name>/
//   zirric   $ZIRRIC_PACKAGES/git/<pkg>/<version>/ (shared between projects; default
//            <project>/.zirric/packages when the variable is unset)
// A per-project layout root is replaced as a whole (see transaction.ts); the
// shared zirric root only ever gains immutable <pkg>/<version> directories.
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import type { ProfileName } from "../lock/profile-locks.js";

export interface Layout {
  profile: ProfileName;
  /** Absolute directory holding the installed packages. */
  root: string;
  /** Shared between projects (zirric): never swapped or pruned as a whole. */
  shared: boolean;
  /** Directory of a package under root. */
  dirFor(name: string, version: string): string;
  /** The name source code uses to import the package. */
  importName(name: string): string;
  /** Where cairn keeps the install state when the root is shared. */
  stateFile: string;
  /** The entry file a compiler opens first, relative to the package dir, if there is one. */
  entryFile(pkgDir: string, name: string): string | undefined;
}

const firstExisting = (dir: string, candidates: string[]) => candidates.find((c) => existsSync(join(dir, c)));

function firstWithExt(dir: string, sub: string, ext: string): string | undefined {
  try {
    const f = readdirSync(join(dir, sub)).filter((n) => n.endsWith(ext)).sort()[0];
    return f ? `${sub}/${f}` : undefined;
  } catch {
    return undefined;
  }
}

export const STATE_FILE = ".cairn-install.json";

export function layoutFor(profile: ProfileName, projectDir: string, env: Record<string, string | undefined>): Layout {
  const ident = (n: string) => n;
  switch (profile) {
    case "minz": {
      const importName = (n: string) => n.replace(/-/g, "_");
      const root = join(projectDir, "packages");
      return { profile, root, shared: false, dirFor: (n) => importName(n), importName, stateFile: join(root, STATE_FILE), entryFile: (d) => firstExisting(d, ["src/lib.minz", "lib.minz", "src/main.minz"]) };
    }
    case "ori": {
      const root = join(projectDir, ".ori", "deps");
      return { profile, root, shared: false, dirFor: ident, importName: ident, stateFile: join(root, STATE_FILE), entryFile: (d) => firstExisting(d, ["src/lib.ori", "lib.ori", "src/main.ori"]) };
    }
    case "epsilon": {
      const root = join(projectDir, ".epsilon", "packages");
      return {
        profile,
        root,
        shared: false,
        dirFor: ident,
        importName: ident,
        stateFile: join(root, STATE_FILE),
        entryFile: (d, n) => firstExisting(d, [`src/${n.split(".").pop()}.lisp`, "src/package.lisp", "module.lisp"]) ?? firstWithExt(d, "src", ".lisp"),
      };
    }
    case "zirric": {
      const base = env.ZIRRIC_PACKAGES ? env.ZIRRIC_PACKAGES : join(projectDir, ".zirric", "packages");
      const root = join(base, "git");
      // upstream mangles the source URL into a path: scheme dropped, odd characters replaced
      const mangle = (n: string) => n.replace(/^[a-z][a-z0-9+.-]*:\/\//i, "").replace(/[^A-Za-z0-9._/-]/g, "_").replace(/^\/+|\/+$/g, "").replace(/\/\.{1,2}(?=\/|$)/g, "/_");
      return { profile, root, shared: true, dirFor: (n, v) => join(mangle(n), v), importName: ident, stateFile: join(projectDir, ".zirric", STATE_FILE), entryFile: () => undefined };
    }
    default: {
      const root = join(projectDir, ".cairn", "packages");
      return {
        profile,
        root,
        shared: false,
        dirFor: ident,
        importName: ident,
        stateFile: join(root, STATE_FILE),
        entryFile: (d) => firstExisting(d, ["src/lib.cn", "lib.cn", "src/main.cn"]) ?? firstWithExt(d, "src", ""),
      };
    }
  }
}
