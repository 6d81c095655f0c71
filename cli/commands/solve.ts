// `cairn solve FILE [--json]` (DESIGN.md §4): resolve a scenario file.
// Data (the solution, or the JSON answer) goes to stdout; the explanation of
// a failure is an `error[E_NO_SOLUTION]` on stderr (or in the JSON answer).
import { readFileSync } from "node:fs";
import { resolve as resolvePath } from "node:path";
import type { Command } from "../command.js";
import { flagBool, flagString } from "../args.js";
import { info } from "../output.js";
import { CairnError, CATALOGUE, EXIT, type ErrorInfo } from "../../bindings/errors.js";
import { solve } from "../../bindings/solve.js";

function readScenario(file: string, cwd: string): Uint8Array {
  if (file === "-") return readFileSync(0);
  try {
    return readFileSync(resolvePath(cwd, file));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new CairnError("E_IO", `cannot read the scenario: ${code === "ENOENT" ? "no such file" : String((e as Error).message)}`, {
      location: { file },
      hint: code === "ENOENT" ? "check the path; `-` reads the scenario from standard input" : undefined,
    });
  }
}

export const solveCommand: Command = {
  name: "solve",
  summary: "resolve a scenario file (inline registry + root requirements)",
  usage: "cairn solve FILE [--json] [--max-steps N]\n\n  FILE          a scenario JSON file (docs/SCENARIO.md), or - for standard input\n  --json        print {\"ok\":true,\"solution\":{…}} or {\"ok\":false,\"error\":{…}}\n  --max-steps N stop with E_STEP_LIMIT after N solver steps",
  async run(args, io) {
    const file = args.positionals[0];
    if (file === undefined) throw new CairnError("E_USAGE", "`cairn solve` needs a scenario file", { hint: "cairn solve scenario.json [--json]" });
    if (args.positionals.length > 1) throw new CairnError("E_USAGE", `unexpected argument \`${args.positionals[1]}\``);
    const json = flagBool(args, "json");
    const ms = flagString(args, "max-steps");
    let maxSteps: number | undefined;
    if (ms !== undefined) {
      maxSteps = Number(ms);
      if (!Number.isInteger(maxSteps) || maxSteps <= 0) throw new CairnError("E_USAGE", `--max-steps needs a positive integer, not \`${ms}\``);
    }
    // process.hrtime, not performance.now(): the first touch of `performance` loads perf_hooks (~1.3 ms).
    const started = process.hrtime.bigint();
    const bytes = readScenario(file, io.cwd);
    const res = solve(bytes, { maxSteps });
    const ms2 = (Number(process.hrtime.bigint() - started) / 1e6).toFixed(1);
    if (res.ok) {
      if (json) io.out(`${JSON.stringify({ ok: true, solution: res.solution })}\n`);
      else {
        const names = Object.keys(res.solution).sort();
        for (const n of names) {
          const v = res.solution[n]!;
          io.out(`${n} ${Array.isArray(v) ? v.join(", ") : v}\n`);
        }
      }
      info(io, `resolved ${Object.keys(res.solution).length} packages in ${ms2} ms (${res.stats.decisions} decisions, ${res.stats.conflicts} conflicts)`);
      return EXIT.ok;
    }
    const e = res.error;
    const location = e.location?.path !== undefined || e.location?.line !== undefined ? { ...e.location, file } : e.code === "E_SCENARIO" ? { file } : e.location;
    if (json) {
      const err: Record<string, unknown> = { code: e.code, message: e.message, packages: e.packages };
      if (location?.file !== undefined) err.file = location.file;
      if (location?.line !== undefined) err.line = location.line;
      if (location?.column !== undefined) err.column = location.column;
      if (location?.path !== undefined) err.path = location.path;
      if (e.hint) err.hint = e.hint;
      io.out(`${JSON.stringify({ ok: false, error: err })}\n`);
      const info: ErrorInfo = CATALOGUE[e.code];
      return info.exit ?? EXIT.failure;
    }
    const message = e.code === "E_NO_SOLUTION" ? `no solution found:\n\n${e.message}\n` : e.message;
    throw new CairnError(e.code, message, { location, hint: e.hint });
  },
};
