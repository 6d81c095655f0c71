import type { ParsedArgs } from "./args.js";
import type { Io } from "./output.js";

/** One CLI command. `run` returns the process exit code. Its value flags are in the table (commands/index.ts). */
export interface Command {
  name: string;
  summary: string;
  usage: string;
  run(args: ParsedArgs, io: Io): Promise<number>;
}
