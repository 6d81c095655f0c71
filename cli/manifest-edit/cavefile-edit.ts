// Surgical edits of a Zirric Cavefile: add or remove a field of the manifest
// `data` declaration (the one carrying @cave.Package() or @cave.Dependencies()).
// The Cavefile is Zirric source, so cairn only inserts or deletes whole lines
// (the field and its attribute lines) and never reformats anything else.
import { CairnError } from "../../bindings/errors.js";

interface Block {
  /** index of the line holding `{` and of the line holding the matching `}` */
  open: number;
  close: number;
  alias: string;
  inline: boolean;
}

function manifestBlock(lines: string[], file: string): Block {
  let alias = "cave";
  for (const l of lines) {
    const m = /^\s*import\s+(?:(\w+)\s*=\s*)?cave\b/.exec(l);
    if (m) alias = m[1] ?? "cave";
  }
  const marker = new RegExp(`^\\s*@${alias}\\.(Package|Dependencies)\\(`);
  for (let i = 0; i < lines.length; i++) {
    if (!marker.test(lines[i]!)) continue;
    for (let j = i + 1; j < lines.length; j++) {
      if (/^\s*data\b/.test(lines[j]!)) {
        if (/\{\s*\}\s*$/.test(lines[j]!)) return { open: j, close: j, alias, inline: true };
        if (!lines[j]!.includes("{")) break;
        for (let k = j + 1; k < lines.length; k++) if (/^\s*\}/.test(lines[k]!)) return { open: j, close: k, alias, inline: false };
        break;
      }
    }
  }
  throw new CairnError("E_MISSING_FIELD", `no manifest data declaration (a \`data\` carrying @${alias}.Package())`, { location: { file }, hint: "run `cairn init --profile zirric` to create a Cavefile" });
}

export interface CaveDep {
  name: string;
  stdlib?: string;
  local?: string;
  git?: string;
  versions?: string[];
}

export function addCaveField(text: string, dep: CaveDep, file = "Cavefile"): string {
  const eol = text.includes("\r\n") ? "\r\n" : "\n";
  const lines = text.split(/\r?\n/);
  const b = manifestBlock(lines, file);
  const a = b.alias;
  const attrs: string[] = [];
  if (dep.stdlib !== undefined) attrs.push(`@${a}.Stdlib(${JSON.stringify(dep.stdlib)})`);
  if (dep.local !== undefined) attrs.push(`@${a}.Local(${JSON.stringify(dep.local)})`);
  if (dep.git !== undefined) attrs.push(`@${a}.Git(${JSON.stringify(dep.git)})`);
  for (const v of dep.versions ?? []) attrs.push(`@${a}.Version(${JSON.stringify(v)})`);
  const removed = removeCaveField(text, dep.name, file);
  if (removed !== undefined) return addCaveField(removed, dep, file);
  const field = [...attrs, dep.name].map((l) => `  ${l}`);
  if (b.inline) {
    const header = lines[b.open]!.replace(/\{\s*\}\s*$/, "{");
    lines.splice(b.open, 1, header, ...field, "}");
  } else {
    const body = lines.slice(b.open + 1, b.close);
    const needsGap = body.some((l) => l.trim() !== "") && lines[b.close - 1]!.trim() !== "";
    lines.splice(b.close, 0, ...(needsGap ? [""] : []), ...field);
  }
  return lines.join(eol);
}

/** Removes the field and its attribute lines; undefined when there is no such field. */
export function removeCaveField(text: string, name: string, file = "Cavefile"): string | undefined {
  const eol = text.includes("\r\n") ? "\r\n" : "\n";
  const lines = text.split(/\r?\n/);
  const b = manifestBlock(lines, file);
  if (b.inline) return undefined;
  for (let i = b.open + 1; i < b.close; i++) {
    const m = /^\s*([\w.]+)\s*(?::.*)?$/.exec(lines[i]!);
    if (!m || m[1] !== name) continue;
    let start = i;
    while (start - 1 > b.open && /^\s*@/.test(lines[start - 1]!)) start--;
    // drop one blank separator line too
    if (start - 1 > b.open && lines[start - 1]!.trim() === "") start--;
    else if (i + 1 < b.close && lines[i + 1]!.trim() === "") i++;
    lines.splice(start, i - start + 1);
    return lines.join(eol);
  }
  return undefined;
}
