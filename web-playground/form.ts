// The input form: reads the editors and option fields into a solve request or
// a share-link state, and fills them back from one. Problems with the option
// fields are reported as text, never thrown.
import type { PageOptions, SolveInput } from "./protocol.js";
import type { ShareState } from "./share.js";
import { $ } from "./dom.js";
import { parseFeatures, parseLockField } from "./scenario-options.js";

export const text = (id: string): string => ($(id) as HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement).value;
export const setText = (id: string, v: string): void => {
  ($(id) as HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement).value = v;
};

export function pageOptions(): { options: PageOptions; problems: string[] } {
  const problems: string[] = [];
  const { locked, bad } = parseLockField(text("opt-lock"));
  for (const b of bad) problems.push(`lock: cannot read \`${b}\` (write name = version)`);
  const maxSteps = Number(text("opt-max-steps") || "1000000");
  if (!Number.isInteger(maxSteps) || maxSteps < 1) problems.push("step budget: must be a whole number above 0");
  const options: PageOptions = { maxSteps: Number.isInteger(maxSteps) && maxSteps > 0 ? maxSteps : 1_000_000 };
  const pre = text("opt-prerelease");
  if (pre) options.prerelease = pre as PageOptions["prerelease"];
  const ver = text("opt-versions");
  if (ver) options.versions = ver as PageOptions["versions"];
  const target = text("opt-target").trim();
  if (target) options.target = target;
  const features = parseFeatures(text("opt-features"));
  if (features.length) options.features = features;
  if (Object.keys(locked).length) options.locked = locked;
  return { options, problems };
}

export function registryUrl(): string | undefined {
  const u = text("opt-registry").trim();
  return u || undefined;
}

export function currentInput(mode: "scenario" | "manifest"): { input?: SolveInput; problems: string[] } {
  const { options, problems } = pageOptions();
  const reg = registryUrl();
  if (reg) {
    try {
      const u = new URL(reg, location.href);
      if (u.protocol !== "http:" && u.protocol !== "https:") problems.push(`registry URL: ${u.protocol} is not supported (use http or https)`);
    } catch {
      problems.push(`registry URL: \`${reg}\` is not a URL`);
    }
  }
  if (problems.length) return { problems };
  if (mode === "scenario") return { input: { mode: "scenario", scenarioText: text("scenario-text"), options, ...(reg ? { registryUrl: reg } : {}) }, problems };
  return {
    input: {
      mode: "manifest",
      fileName: text("manifest-file").trim() || "cairn.toml",
      profile: text("manifest-profile"),
      manifestText: text("manifest-text"),
      scenarioText: text("scenario-text"),
      options,
      ...(reg ? { registryUrl: reg } : {}),
    },
    problems,
  };
}

export function shareState(mode: "scenario" | "manifest"): ShareState {
  return {
    mode,
    scenario: text("scenario-text"),
    ...(mode === "manifest" ? { manifest: { fileName: text("manifest-file"), profile: text("manifest-profile"), text: text("manifest-text") } } : {}),
    options: {
      prerelease: text("opt-prerelease") || undefined,
      versions: text("opt-versions") || undefined,
      target: text("opt-target") || undefined,
      features: text("opt-features") || undefined,
      lock: text("opt-lock") || undefined,
      registry: text("opt-registry") || undefined,
      maxSteps: Number(text("opt-max-steps")) || undefined,
    },
  };
}

/** Fills the form from a share link; returns the mode to show. */
export function applyShareState(s: ShareState): "scenario" | "manifest" {
  setText("scenario-text", s.scenario);
  if (s.manifest) {
    setText("manifest-file", s.manifest.fileName);
    setText("manifest-profile", s.manifest.profile);
    setText("manifest-text", s.manifest.text);
  }
  const o = s.options;
  setText("opt-prerelease", o.prerelease ?? "");
  setText("opt-versions", o.versions ?? "");
  setText("opt-target", o.target ?? "");
  setText("opt-features", o.features ?? "");
  setText("opt-lock", o.lock ?? "");
  setText("opt-registry", o.registry ?? "");
  setText("opt-max-steps", String(o.maxSteps ?? 1_000_000));
  return s.mode;
}
