import type { ParsedArgs } from "./args.js";
import type { Io } from "./output.js";

/** One CLI command. `run` returns the process exit code. */
export interface Command {
  name: string;
  summary: string;
  usage: string;
  /** Flags of this command that take a value (besides the global ones). */
  valueFlags?: string[];
  run(args: ParsedArgs, io: Io): Promise<number>;
}
