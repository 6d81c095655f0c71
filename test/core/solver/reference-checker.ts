// The corpus's reference checker (../shared/corpus/resolver/check-solution.mjs,
// the executable spec of every scenario option), loaded with this project's
// node-semver, for the property tests.
import { join, resolve } from "node:path";
import { createRequire } from "node:module";

export type Checker = {
  init(s: unknown): void;
  checkSolution(c: unknown, sol: unknown): { valid: boolean; violations: string[] };
  enumerate(c: unknown): { solutions: Record<string, string>[]; truncated: boolean };
  paretoOptimal(sols: Record<string, string>[], dir: number): Record<string, string>[];
};

const root = resolve(__dirname, "../../..");
export const CHECKER_PATH = resolve(root, "../shared/corpus/resolver/check-solution.mjs");

export async function loadChecker(): Promise<Checker> {
  const checker = (await import(CHECKER_PATH)) as Checker;
  checker.init(createRequire(join(root, "package.json"))("semver"));
  return checker;
}
