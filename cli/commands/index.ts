// The command table: one file per command under cli/commands/, each loaded
// only when it runs, so `cairn --version` or `cairn solve` never evaluates the
// registry server, the HTTP stack or node-semver (a bundled dynamic import is
// a lazily initialised module in the CLI bundle). Flags that take a value are
// declared here, as argv is parsed before any command is loaded.
import type { Command } from "../command.js";

export interface CommandEntry {
  name: string;
  /** Flags of this command that take a value (besides the global ones). */
  valueFlags?: string[];
  load(): Promise<Command>;
}

export const commands: CommandEntry[] = [
  { name: "serve", valueFlags: ["tokens", "max-upload"], load: () => import("./serve.js").then((m) => m.serve) },
  { name: "pack", valueFlags: ["out"], load: () => import("./pack.js").then((m) => m.pack) },
  { name: "publish", load: () => import("./publish.js").then((m) => m.publish) },
  { name: "login", load: () => import("./login.js").then((m) => m.login) },
  { name: "yank", load: () => import("./yank.js").then((m) => m.yank) },
  { name: "unyank", load: () => import("./unyank.js").then((m) => m.unyank) },
  { name: "search", load: () => import("./search.js").then((m) => m.search) },
  { name: "info", load: () => import("./info.js").then((m) => m.info) },
  { name: "cache", load: () => import("./cache.js").then((m) => m.cache) },
  { name: "init", valueFlags: ["name"], load: () => import("./init.js").then((m) => m.init) },
  { name: "add", valueFlags: ["tag", "rev", "branch", "name"], load: () => import("./add.js").then((m) => m.add) },
  { name: "remove", load: () => import("./remove.js").then((m) => m.remove) },
  { name: "install", load: () => import("./install.js").then((m) => m.install) },
  { name: "update", valueFlags: ["precise"], load: () => import("./update.js").then((m) => m.update) },
  { name: "lock", load: () => import("./lock.js").then((m) => m.lock) },
  { name: "check", load: () => import("./check.js").then((m) => m.check) },
  { name: "verify", load: () => import("./verify.js").then((m) => m.verify) },
  { name: "tree", valueFlags: ["depth"], load: () => import("./tree.js").then((m) => m.tree) },
  { name: "why", load: () => import("./why.js").then((m) => m.why) },
  { name: "outdated", load: () => import("./outdated.js").then((m) => m.outdated) },
  { name: "paths", load: () => import("./paths.js").then((m) => m.paths) },
  { name: "manifest", valueFlags: ["profile"], load: () => import("./manifest.js").then((m) => m.manifestCommand) },
  { name: "solve", valueFlags: ["max-steps"], load: () => import("./solve.js").then((m) => m.solveCommand) },
  { name: "mirror", load: () => import("./mirror.js").then((m) => m.mirror) },
  { name: "site", load: () => import("./site.js").then((m) => m.site) },
  { name: "vendor", load: () => import("./vendor.js").then((m) => m.vendor) },
];

export function findCommand(name: string): CommandEntry | undefined {
  return commands.find((c) => c.name === name);
}

/** Every command, loaded: for the full help listing. */
export function loadAll(): Promise<Command[]> {
  return Promise.all(commands.map((c) => c.load()));
}
