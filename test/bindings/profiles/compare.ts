// The corpus's comparison rules (test/fixtures/profiles/CORPUS-README.md,
// "Comparison rules for a harness"), as a function returning the mismatches.
export function compareCase(expected: Record<string, unknown>, actual: Record<string, unknown>, opts: { strictWarnings?: boolean } = {}): string[] {
  const problems: string[] = [];
  if (actual.result !== expected.result) {
    problems.push(`result: expected ${String(expected.result)}, got ${String(actual.result)} ${JSON.stringify(actual.error ?? "")}`);
    return problems;
  }
  if (expected.result === "error") {
    const ee = expected.error as { code: string; path?: string };
    const ae = (actual.error ?? {}) as { code?: string; path?: string | null };
    if (ae.code !== ee.code) problems.push(`error.code: expected ${ee.code}, got ${ae.code}`);
    // A path that is a prefix or a child of the expected one is accepted (rule 1).
    if (ee.path !== undefined && ae.path !== ee.path) {
      const a = ae.path ?? "";
      if (!(a.startsWith(`${ee.path}.`) || ee.path.startsWith(`${a}.`)) || a === "") problems.push(`error.path: expected ${ee.path}, got ${ae.path}`);
    }
    return problems;
  }
  const meta = new Set(["schema", "system", "case", "description", "manifest", "format", "mode", "provenance", "confidence", "notes", "lockfile", "workspace_root", "warnings_allowed", "result"]);
  for (const [k, v] of Object.entries(expected)) {
    if (meta.has(k)) continue;
    if (k === "dependencies") compareDeps(v as Record<string, unknown>[], (actual.dependencies ?? []) as Record<string, unknown>[], problems);
    else if (k === "lock") compareLock(v as Record<string, unknown>[], (actual.lock ?? []) as Record<string, unknown>[], problems);
    else if (k === "warnings") {
      const got = (actual.warnings ?? []) as { code: string; path?: string }[];
      for (const w of v as { code: string; path?: string }[])
        if (!got.some((g) => g.code === w.code && (w.path === undefined || g.path === w.path))) problems.push(`warning ${w.code} at ${w.path} not reported`);
      if (opts.strictWarnings && got.length > (v as unknown[]).length) problems.push(`extra warnings: ${JSON.stringify(got)}`);
    } else subset(v, actual[k], k, problems);
  }
  return problems;
}

function subset(exp: unknown, act: unknown, path: string, problems: string[]): void {
  if (exp === null) {
    if (act !== null && act !== undefined) problems.push(`${path}: expected null/absent, got ${JSON.stringify(act)}`);
    return;
  }
  if (Array.isArray(exp)) {
    if (!Array.isArray(act) || act.length !== exp.length) {
      problems.push(`${path}: expected ${JSON.stringify(exp)}, got ${JSON.stringify(act)}`);
      return;
    }
    exp.forEach((e, i) => subset(e, act[i], `${path}[${i}]`, problems));
    return;
  }
  if (typeof exp === "object") {
    if (typeof act !== "object" || act === null || Array.isArray(act)) {
      problems.push(`${path}: expected an object, got ${JSON.stringify(act)}`);
      return;
    }
    for (const [k, v] of Object.entries(exp)) subset(v, (act as Record<string, unknown>)[k], `${path}.${k}`, problems);
    return;
  }
  if (exp !== act) problems.push(`${path}: expected ${JSON.stringify(exp)}, got ${JSON.stringify(act)}`);
}

const depKey = (d: Record<string, unknown>) => JSON.stringify([d.kind ?? "normal", d.target ?? null, d.name]);

function compareDeps(exp: Record<string, unknown>[], act: Record<string, unknown>[], problems: string[]): void {
  const pool = new Map<string, Record<string, unknown>[]>();
  for (const a of act) pool.set(depKey(a), [...(pool.get(depKey(a)) ?? []), a]);
  for (const e of exp) {
    const list = pool.get(depKey(e)) ?? [];
    const match = list.findIndex((a) => {
      const p: string[] = [];
      subset(e, a, "", p);
      return p.length === 0;
    });
    if (match < 0) {
      const p: string[] = [];
      if (list[0]) subset(e, list[0], `dependencies${depKey(e)}`, p);
      problems.push(...(p.length ? p : [`dependency ${depKey(e)} missing`]));
    } else list.splice(match, 1);
  }
  for (const [k, rest] of pool) if (rest.length) problems.push(`unexpected dependency ${k}`);
}

function compareLock(exp: Record<string, unknown>[], act: Record<string, unknown>[], problems: string[]): void {
  const key = (e: Record<string, unknown>) => `${e.package}@${e.version}`;
  if (exp.length !== act.length) problems.push(`lock: expected ${exp.length} entries, got ${act.length}`);
  for (const e of exp) {
    const a = act.find((x) => key(x) === key(e));
    if (!a) problems.push(`lock entry ${key(e)} missing`);
    else subset(e, a, `lock[${key(e)}]`, problems);
  }
}
