// "Copy as CLI command": a self-contained shell snippet that recreates the
// input with a here-document and runs the cairn CLI on it, so what the page
// shows can be reproduced (and scripted) outside the browser.
import type { PageOptions } from "./protocol.js";
import { applyPageOptions, type ScenarioDoc } from "./scenario-options.js";

function heredoc(file: string, text: string): string {
  let tag = "CAIRN_EOF";
  while (text.includes(tag)) tag += "_";
  return `cat > ${shellQuote(file)} <<'${tag}'\n${text.replace(/\n?$/, "\n")}${tag}`;
}

export function shellQuote(s: string): string {
  return /^[A-Za-z0-9_./:@,+=-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

export function scenarioCommand(scenarioText: string, options: PageOptions): string {
  let text = scenarioText;
  try {
    const doc = JSON.parse(scenarioText) as ScenarioDoc;
    text = JSON.stringify(applyPageOptions(doc, options), null, 2);
  } catch {
    // Not JSON: copy it as written; `cairn solve` will report where it is malformed.
  }
  const steps = options.maxSteps ? ` --max-steps ${options.maxSteps}` : "";
  return `${heredoc("scenario.json", text)}\ncairn solve scenario.json${steps}`;
}

export function manifestCommand(fileName: string, profile: string, manifestText: string, options: PageOptions, registryUrl?: string): string {
  const flags: string[] = [];
  if (profile && profile !== "auto") flags.push(`--profile ${shellQuote(profile)}`);
  if (registryUrl) flags.push(`--registry ${shellQuote(registryUrl)}`);
  if (options.target) flags.push(`--target ${shellQuote(options.target)}`);
  if (options.features?.length) flags.push(`--features ${shellQuote(options.features.join(","))}`);
  const lines = [heredoc(fileName, manifestText)];
  // `cairn lock` takes these from the manifest, not from flags.
  if (options.prerelease) lines.push(`# the page used prerelease = "${options.prerelease}": set it in the manifest's options`);
  if (options.versions) lines.push(`# the page used versions = "${options.versions}": set it in the manifest's options`);
  if (options.locked) lines.push("# the page preferred locked versions: `cairn lock` prefers those of an existing cairn.lock");
  if (!registryUrl) lines.push("# the page resolved against the scenario's inline registry: serve it with `cairn serve DIR` and pass --registry");
  lines.push(`cairn lock${flags.length ? " " + flags.join(" ") : ""}`);
  return lines.join("\n");
}
