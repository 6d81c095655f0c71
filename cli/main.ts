// The `cairn` command line. Parses global flags, dispatches to cli/commands,
// and turns every CairnError into `error[CODE]: …` + `hint:` with the exit
// code from the catalogue. Anything else is a bug: it is reported as
// E_INTERNAL without a stack trace unless --verbose.
import { parseArgs, GLOBAL_VALUE_FLAGS } from "./args.js";
import { processIo, renderError, style, type Io } from "./output.js";
import { commands, findCommand, loadAll } from "./commands/index.js";
import type { Command } from "./command.js";
import { CairnError, EXIT } from "../bindings/errors.js";
import { VERSION } from "./version.js";

function help(io: Io, all: Command[]): void {
  const width = Math.max(...all.map((c) => c.name.length));
  const lines = all.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  io.out(
    `cairn ${VERSION} — dependency resolution for small languages\n\n` +
      `usage: cairn <command> [options]\n\ncommands:\n${lines.join("\n")}\n\n` +
      `global options:\n` +
      `  --offline  --locked  --frozen  --registry URL  --target T  --features a,b\n` +
      `  --profile P  --json  --quiet  --verbose  --version  --help\n\n` +
      `run \`cairn help <command>\` for a command's options. Set NO_COLOR to disable colour.\n`,
  );
}

export async function main(argv: string[], io?: Io): Promise<number> {
  const valueFlags = new Set([...GLOBAL_VALUE_FLAGS, ...commands.flatMap((c) => c.valueFlags ?? [])]);
  let args;
  const early = processIo();
  try {
    args = parseArgs(argv, valueFlags);
  } catch (e) {
    if (e instanceof CairnError) {
      (io ?? early).err(renderError(io ?? early, e));
      return e.exitCode;
    }
    throw e;
  }
  io ??= processIo({ quiet: args.flags.has("quiet"), verbose: args.flags.has("verbose") });
  if (args.flags.has("version") && args.command === undefined) {
    io.out(`cairn ${VERSION}\n`);
    return EXIT.ok;
  }
  if (args.command === undefined || args.command === "help") {
    const topic = args.command === "help" ? args.positionals[0] : undefined;
    const entry = topic ? findCommand(topic) : undefined;
    if (entry) {
      const cmd = await entry.load();
      io.out(`${cmd.summary}\n\nusage: ${cmd.usage}\n`);
    } else help(io, await loadAll());
    return EXIT.ok;
  }
  const entry = findCommand(args.command);
  if (!entry) {
    io.err(renderError(io, new CairnError("E_USAGE", `unknown command \`${args.command}\``)));
    return EXIT.usage;
  }
  const cmd = await entry.load();
  if (args.flags.has("help")) {
    io.out(`${cmd.summary}\n\nusage: ${cmd.usage}\n`);
    return EXIT.ok;
  }
  try {
    return await cmd.run(args, io);
  } catch (e) {
    if (e instanceof CairnError) {
      // With --json, tools read the failure from stdout too; people still get stderr.
      if (args.flags.has("json")) io.out(`${JSON.stringify({ ok: false, error: e.toJSON() })}\n`);
      io.err(renderError(io, e));
      return e.exitCode;
    }
    const err = e as Error;
    io.err(`${style.red(io, "error[E_INTERNAL]")}: ${err?.message ?? String(e)}\n`);
    io.err(`hint: this is a bug in cairn; please report it${io.verbose ? "" : " (run with --verbose for details)"}\n`);
    if (io.verbose && err?.stack) io.err(`${err.stack}\n`);
    return EXIT.internal;
  }
}

// Run when executed as the CLI (the bundle), not when imported by tests.
const isEntry = typeof process !== "undefined" && process.argv[1] !== undefined && /(?:cli\.mjs|cairn)$/.test(process.argv[1]);
if (isEntry) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e) => {
      process.stderr.write(`error[E_INTERNAL]: ${String(e)}\n`);
      process.exitCode = EXIT.internal;
    },
  );
}
