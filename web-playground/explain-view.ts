// The failure explanation as numbered proof steps. Every package name in the
// prose becomes a button that highlights that package in the graph (the
// highlight is a marker and border, not only a colour).
import type { ErrorInfo } from "./protocol.js";
import { el } from "./dom.js";

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Splits `text` into plain strings and package-name matches (longest name first). */
export function splitByNames(text: string, names: readonly string[]): (string | { name: string })[] {
  const sorted = [...new Set(names)].filter(Boolean).sort((a, b) => b.length - a.length);
  if (sorted.length === 0) return [text];
  const re = new RegExp(`(?<![\\w@./-])(${sorted.map(escapeRe).join("|")})(?![\\w/-]|\\.[\\w])`, "g");
  const out: (string | { name: string })[] = [];
  let last = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    if (m.index > last) out.push(text.slice(last, m.index));
    out.push({ name: m[1]! });
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

/**
 * The list numbers every step, while the prose numbers only the facts it
 * refers back to ("(1) Because …" … "because … (1)"). So that one number means
 * one step, a fact's own label is dropped and each reference becomes "(step N)".
 */
export function numberSteps(lines: readonly string[]): string[] {
  const steps = lines.map((l) => l.trim()).filter(Boolean);
  const label = new Map<string, number>();
  const LEAD = /^\((\d+)\)\s+/;
  steps.forEach((l, i) => {
    const m = LEAD.exec(l);
    if (m) label.set(m[1]!, i + 1);
  });
  if (label.size === 0) return steps;
  return steps.map((l) => l.replace(LEAD, "").replace(/\((\d+)\)/g, (all, k: string) => (label.has(k) ? `(step ${label.get(k)})` : all)));
}

export function renderExplanation(
  container: HTMLElement,
  error: ErrorInfo,
  lines: string[],
  names: readonly string[],
  onPackage: (name: string) => void,
): void {
  container.replaceChildren();
  const box = el("div", { class: "explain" });
  const linkify = (text: string): (Node | string)[] =>
    splitByNames(text, names).map((part) => {
      if (typeof part === "string") return part;
      const b = el("button", { class: "pkg", type: "button", "data-pkg": part.name, title: `highlight ${part.name} in the graph` }, part.name);
      b.addEventListener("click", () => onPackage(part.name));
      return b;
    });
  box.append(el("p", { class: "summary" }, `error[${error.code}]`, error.where ? `: ${error.where}` : "", ": ", ...linkify(error.message)));
  const steps = numberSteps(lines);
  if (steps.length > 0) {
    const ol = el("ol", { class: "steps" });
    steps.forEach((line, i) => {
      const li = el("li", { class: i === steps.length - 1 ? "conclusion" : "" }, ...linkify(line));
      ol.append(li);
    });
    box.append(ol);
  }
  if (error.hint) box.append(el("p", { class: "hint" }, "hint: ", ...linkify(error.hint)));
  container.append(box);
}

export function markActivePackage(container: HTMLElement, name: string | undefined): void {
  for (const b of container.querySelectorAll<HTMLElement>("button.pkg")) {
    const on = b.dataset.pkg === name;
    b.classList.toggle("active", on);
    b.setAttribute("aria-pressed", String(on));
  }
}
