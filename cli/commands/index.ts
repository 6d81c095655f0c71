// The command table: one file per command under cli/commands/.
import type { Command } from "../command.js";

export const commands: Command[] = [];

export function findCommand(name: string): Command | undefined {
  return commands.find((c) => c.name === name);
}
