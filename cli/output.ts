// Where the CLI writes: data to stdout, logs and progress to stderr. Errors are
// rendered here (and only here) as `error[CODE]: …` plus `hint: …` lines.
import { CairnError } from "../bindings/errors.js";

export interface Io {
  out(text: string): void;
  err(text: string): void;
  color: boolean;
  quiet: boolean;
  verbose: boolean;
  isTTY: boolean;
  cwd: string;
  env: Record<string, string | undefined>;
}

export function processIo(opts: { quiet?: boolean; verbose?: boolean } = {}): Io {
  const env = process.env;
  const isTTY = Boolean(process.stderr.isTTY);
  return {
    out: (t) => process.stdout.write(t),
    err: (t) => process.stderr.write(t),
    color: isTTY && env.NO_COLOR === undefined && env.TERM !== "dumb",
    quiet: opts.quiet ?? false,
    verbose: opts.verbose ?? false,
    isTTY,
    cwd: process.cwd(),
    env,
  };
}

const paint = (on: boolean, code: string, s: string) => (on ? `\x1b[${code}m${s}\x1b[0m` : s);
export const style = {
  red: (io: Io, s: string) => paint(io.color, "31", s),
  yellow: (io: Io, s: string) => paint(io.color, "33", s),
  green: (io: Io, s: string) => paint(io.color, "32", s),
  cyan: (io: Io, s: string) => paint(io.color, "36", s),
  bold: (io: Io, s: string) => paint(io.color, "1", s),
  dim: (io: Io, s: string) => paint(io.color, "2", s),
};

export function renderError(io: Io, e: CairnError): string {
  const where = e.where();
  let s = `${style.red(io, style.bold(io, `error[${e.code}]`))}: ${where ? `${where}: ` : ""}${e.message}\n`;
  if (e.hint) s += `${style.cyan(io, "hint")}: ${e.hint}\n`;
  return s;
}

export function warn(io: Io, code: string, message: string): void {
  if (!io.quiet) io.err(`${style.yellow(io, `warning[${code}]`)}: ${message}\n`);
}

export function info(io: Io, message: string): void {
  if (!io.quiet) io.err(`${message}\n`);
}

export function debug(io: Io, message: string): void {
  if (io.verbose) io.err(`${style.dim(io, message)}\n`);
}
