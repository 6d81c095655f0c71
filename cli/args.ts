// A small argv parser: global flags anywhere on the line, `--flag value` or
// `--flag=value`, `--` ends flags. Commands declare which flags take values.
import { CairnError } from "../bindings/errors.js";

export interface ParsedArgs {
  command: string | undefined;
  positionals: string[];
  flags: Map<string, string | true>;
}

/** Global flags that take a value (DESIGN.md §7). Commands add their own. */
export const GLOBAL_VALUE_FLAGS = new Set(["registry", "target", "features", "profile", "cwd", "max-steps", "port", "host"]);

export function parseArgs(argv: string[], valueFlags: ReadonlySet<string> = GLOBAL_VALUE_FLAGS): ParsedArgs {
  const positionals: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--") {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith("--") && a.length > 2) {
      const eq = a.indexOf("=");
      const name = eq >= 0 ? a.slice(2, eq) : a.slice(2);
      if (eq >= 0) flags.set(name, a.slice(eq + 1));
      else if (valueFlags.has(name)) {
        const v = argv[i + 1];
        if (v === undefined || v.startsWith("--")) {
          throw new CairnError("E_USAGE", `--${name} needs a value`);
        }
        flags.set(name, v);
        i++;
      } else flags.set(name, true);
    } else if (a === "-h") flags.set("help", true);
    else if (a === "-V") flags.set("version", true);
    else if (a === "-q") flags.set("quiet", true);
    else if (a === "-v") flags.set("verbose", true);
    else positionals.push(a);
  }
  return { command: positionals.shift(), positionals, flags };
}

export function flagString(args: ParsedArgs, name: string): string | undefined {
  const v = args.flags.get(name);
  if (v === undefined) return undefined;
  if (v === true) throw new CairnError("E_USAGE", `--${name} needs a value`);
  return v;
}

export function flagBool(args: ParsedArgs, name: string): boolean {
  const v = args.flags.get(name);
  return v === true || v === "true" || v === "1";
}
