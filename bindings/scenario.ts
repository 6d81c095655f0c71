// Scenario files (DESIGN.md §4, docs/SCENARIO.md): a self-contained resolution
// problem — an inline registry, the root requirements and options. This file
// defines the type and a validating parser that reports the exact place of a
// bad value (file:line:col for syntax, a field path for wrong types).
import { own } from "./own.js";
import { CairnError } from "./errors.js";
import { parseWellFormed } from "./well-formed.js";

export type Deps = Record<string, string>;

export interface ScenarioOptions {
  prerelease?: "npm" | "include" | "fallback";
  versions?: "highest" | "lowest";
  policy?: "single" | "cargo";
  cycles?: "allow" | "forbid";
  missing_feature?: "ignore" | "error";
  /** ori: every requirement must be an exact version. */
  exact_only?: boolean;
  /** Step budget (decisions + conflicts); 0 or absent = the default budget. */
  max_steps?: number;
}

export interface Scenario {
  /** `registry[pkg][version] = {dep: range}` */
  registry: Record<string, Record<string, Deps>>;
  root: Deps;
  options?: ScenarioOptions;
  locked?: Record<string, string>;
  overrides?: Deps;
  yanked?: Record<string, string[]>;
  /** `features[pkg][version][feature] = {dep: range}` */
  features?: Record<string, Record<string, Record<string, Deps>>>;
  root_features?: Record<string, string[]>;
  /** `dep_features[pkg][version][dep] = [feature]` */
  dep_features?: Record<string, Record<string, Record<string, string[]>>>;
  target?: string;
  /** `target_deps[pkg][version][when] = {dep: range}`; `when` is a target name or `!name` */
  target_deps?: Record<string, Record<string, Record<string, Deps>>>;
  root_target_deps?: Record<string, Deps>;
  root_dev?: Deps;
  root_name?: string;
  root_version?: string;
  name?: string;
  source?: string;
  expect?: unknown;
  judge?: string;
  notes?: string;
  tags?: string[];
  alt_expect?: unknown;
  source_message?: string;
}

const ENUMS: Record<string, readonly string[]> = {
  prerelease: ["npm", "include", "fallback"],
  versions: ["highest", "lowest"],
  policy: ["single", "cargo"],
  cycles: ["allow", "forbid"],
  missing_feature: ["ignore", "error"],
};

function lineCol(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let last = -1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) { line++; last = i; }
  return { line, column: offset - last };
}

/**
 * Where JSON text first goes wrong, and what is there. Node 20's JSON.parse
 * messages often carry no position, so the text is re-scanned (only after
 * JSON.parse has already failed).
 */
export function jsonSyntaxError(text: string): { offset: number; message: string } | null {
  let i = 0;
  const n = text.length;
  const ws = () => {
    while (i < n && (text[i] === " " || text[i] === "\n" || text[i] === "\r" || text[i] === "\t")) i++;
  };
  const fail = (what: string): never => {
    throw { offset: i, message: i >= n ? `${what}, but the text ends` : `${what}, found ${JSON.stringify(text[i])}` };
  };
  const str = () => {
    i++;
    while (i < n && text[i] !== '"') {
      if (text[i] === "\\") {
        i++;
        if (i >= n) fail("expected an escape after a backslash");
        if (text[i] === "u") {
          for (let k = 1; k <= 4; k++) {
            if (!/[0-9a-fA-F]/.test(text[i + k] ?? "")) {
              i += k;
              fail("expected four hex digits after \\u");
            }
          }
          i += 4;
        } else if (!'"\\/bfnrt'.includes(text[i]!)) fail("an unknown escape in a string");
      } else if (text.charCodeAt(i) < 0x20) fail("a control character inside a string");
      i++;
    }
    if (i >= n) fail("expected the closing quote of a string");
    i++;
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === "{") {
      i++;
      ws();
      if (text[i] === "}") { i++; return; }
      for (;;) {
        ws();
        if (text[i] !== '"') fail("expected a quoted key");
        str();
        ws();
        if (text[i] !== ":") fail("expected ':' after a key");
        i++;
        value();
        ws();
        if (text[i] === ",") { i++; continue; }
        if (text[i] === "}") { i++; return; }
        fail("expected ',' or '}'");
      }
    } else if (c === "[") {
      i++;
      ws();
      if (text[i] === "]") { i++; return; }
      for (;;) {
        value();
        ws();
        if (text[i] === ",") { i++; continue; }
        if (text[i] === "]") { i++; return; }
        fail("expected ',' or ']'");
      }
    } else if (c === '"') str();
    else {
      const m = /^(-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?|true|false|null)/.exec(text.slice(i, i + 64));
      if (!m) fail("expected a value");
      i += m![0].length;
    }
  };
  try {
    value();
    ws();
    if (i < n) fail("expected the end of the text");
    return null;
  } catch (e) {
    return e as { offset: number; message: string };
  }
}

const isObj = (x: unknown): x is Record<string, unknown> => typeof x === "object" && x !== null && !Array.isArray(x);

class Checker {
  constructor(readonly file: string | undefined) {}
  fail(path: string, message: string, hint?: string): never {
    throw new CairnError("E_SCENARIO", message, { location: { file: this.file, path }, hint });
  }
  obj(x: unknown, path: string): Record<string, unknown> {
    if (!isObj(x)) this.fail(path, `\`${path}\` must be an object, found ${describe(x)}`);
    return x;
  }
  str(x: unknown, path: string): string {
    if (typeof x !== "string") this.fail(path, `\`${path}\` must be a string, found ${describe(x)}`);
    return x;
  }
  deps(x: unknown, path: string): void {
    const o = this.obj(x, path);
    // for-in, and the path of an item built only when it is wrong: this
    // loop runs once per dependency of every version in the registry.
    for (const k in o) if (typeof o[k] !== "string") this.str(o[k], `${path}.${k}`);
  }
  strList(x: unknown, path: string): void {
    if (!Array.isArray(x)) this.fail(path, `\`${path}\` must be a list of strings, found ${describe(x)}`);
    x.forEach((v, i) => this.str(v, `${path}[${i}]`));
  }
}

function describe(x: unknown): string {
  if (x === null) return "null";
  if (Array.isArray(x)) return "a list";
  if (typeof x === "object") return "an object";
  return `${typeof x} ${JSON.stringify(x)}`;
}

/** Check the shape of an already parsed value; throws CairnError E_SCENARIO with a field path. */
export function validateScenario(value: unknown, file?: string): Scenario {
  const c = new Checker(file);
  const s = c.obj(value, "(top level)");
  if (s.registry === undefined) c.fail("registry", "the scenario has no `registry`", 'add `"registry": {}` (packages → versions → dependencies)');
  if (s.root === undefined) c.fail("root", "the scenario has no `root`", 'add `"root": {"pkg": "^1.0.0"}`');
  const reg = c.obj(s.registry, "registry");
  for (const p in reg) {
    const vs = reg[p];
    const versions = isObj(vs) ? vs : c.obj(vs, `registry.${p}`);
    for (const v in versions) {
      const raw = versions[v];
      const deps = isObj(raw) ? raw : c.obj(raw, `registry.${p}.${v}`);
      for (const d in deps) if (typeof deps[d] !== "string") c.str(deps[d], `registry.${p}.${v}.${d}`);
    }
  }
  c.deps(s.root, "root");
  if (s.root_dev !== undefined) c.deps(s.root_dev, "root_dev");
  if (s.overrides !== undefined) c.deps(s.overrides, "overrides");
  if (s.locked !== undefined) c.deps(s.locked, "locked");
  if (s.root_name !== undefined) c.str(s.root_name, "root_name");
  if (s.root_version !== undefined) c.str(s.root_version, "root_version");
  if (s.target !== undefined) c.str(s.target, "target");
  if (s.yanked !== undefined) for (const [p, l] of Object.entries(c.obj(s.yanked, "yanked"))) c.strList(l, `yanked.${p}`);
  if (s.root_features !== undefined) for (const [p, l] of Object.entries(c.obj(s.root_features, "root_features"))) c.strList(l, `root_features.${p}`);
  if (s.features !== undefined)
    for (const [p, vs] of Object.entries(c.obj(s.features, "features")))
      for (const [v, fs] of Object.entries(c.obj(vs, `features.${p}`)))
        for (const [f, d] of Object.entries(c.obj(fs, `features.${p}.${v}`))) c.deps(d, `features.${p}.${v}.${f}`);
  if (s.dep_features !== undefined)
    for (const [p, vs] of Object.entries(c.obj(s.dep_features, "dep_features")))
      for (const [v, ds] of Object.entries(c.obj(vs, `dep_features.${p}`)))
        for (const [d, l] of Object.entries(c.obj(ds, `dep_features.${p}.${v}`))) c.strList(l, `dep_features.${p}.${v}.${d}`);
  if (s.target_deps !== undefined)
    for (const [p, vs] of Object.entries(c.obj(s.target_deps, "target_deps")))
      for (const [v, ws] of Object.entries(c.obj(vs, `target_deps.${p}`)))
        for (const [w, d] of Object.entries(c.obj(ws, `target_deps.${p}.${v}`))) c.deps(d, `target_deps.${p}.${v}.${w}`);
  if (s.root_target_deps !== undefined)
    for (const [w, d] of Object.entries(c.obj(s.root_target_deps, "root_target_deps"))) c.deps(d, `root_target_deps.${w}`);
  if (s.options !== undefined) {
    const o = c.obj(s.options, "options");
    for (const [k, v] of Object.entries(o)) {
      const allowed = own(ENUMS, k);
      if (allowed) {
        if (typeof v !== "string" || !allowed.includes(v)) {
          c.fail(`options.${k}`, `\`options.${k}\` must be one of ${allowed.map((a) => `"${a}"`).join(", ")}, found ${describe(v)}`);
        }
      } else if (k === "exact_only") {
        if (typeof v !== "boolean") c.fail(`options.${k}`, `\`options.exact_only\` must be true or false, found ${describe(v)}`);
      } else if (k === "max_steps") {
        if (typeof v !== "number" || !Number.isInteger(v) || v < 0) c.fail(`options.${k}`, `\`options.max_steps\` must be a non-negative integer, found ${describe(v)}`);
      } else {
        c.fail(`options.${k}`, `unknown option \`${k}\``, `known options: ${[...Object.keys(ENUMS), "exact_only", "max_steps"].join(", ")}`);
      }
    }
  }
  return s as unknown as Scenario;
}

/** Parse and validate scenario JSON. Errors are CairnError E_SCENARIO with file:line:col or a field path. */
export function parseScenario(text: string | Uint8Array, file?: string): Scenario {
  const src = typeof text === "string" ? text : new TextDecoder().decode(text);
  let value: unknown;
  try {
    value = parseWellFormed(src);
  } catch (e) {
    const found = jsonSyntaxError(src);
    const at = found ? lineCol(src, found.offset) : {};
    const msg = found ? found.message : String((e as Error).message);
    throw new CairnError("E_SCENARIO", `not valid JSON: ${msg}`, {
      location: { file, ...at },
      hint: "a scenario is a JSON object with `registry` and `root` (docs/SCENARIO.md)",
    });
  }
  return validateScenario(value, file);
}
