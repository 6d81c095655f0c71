// The playground page: wires the editors, options, gallery and output views to
// the solver worker. Nothing here solves anything; the worker does, so the page
// stays responsive however long a solve takes.
import type { GraphData, Layout, SolveOutcome, TimelineEvent } from "./protocol.js";
import { $, el } from "./dom.js";
import { renderGraph, revealNode, type GraphViewState } from "./graph-view.js";
import { renderExplanation, markActivePackage } from "./explain-view.js";
import { Timeline } from "./timeline-view.js";
import { loadGallery, type GalleryItem } from "./gallery-view.js";
import { decodeShare, encodeShare, ShareLinkError } from "./share.js";
import { pathsFromRoot } from "./why.js";
import { manifestCommand, scenarioCommand } from "./cli-command.js";
import { applyShareState, currentInput, pageOptions, registryUrl, setText, shareState, text } from "./form.js";
import { Cancelled, SolverClient } from "./solver-client.js";
import { nodeLabel } from "./labels.js";
import { PROFILES } from "../bindings/profiles/types.js";

// A small copy of examples/registry, so the manifest below resolves inline too.
const DEFAULT_SCENARIO = `{
  "name": "hello",
  "registry": {
    "greet": { "1.0.0": { "fmt": "^1.0.0" }, "1.1.0": { "fmt": "^1.2.0" }, "2.0.0-beta.1": { "fmt": "^1.2.0" } },
    "fmt": { "1.0.0": {}, "1.2.0": {}, "1.3.0": {} },
    "colors": { "2.0.0": {}, "2.1.0": {}, "3.0.0": {} },
    "testkit": { "0.3.0": {}, "0.3.1": {} }
  },
  "root": { "greet": "^1.0.0", "colors": "^2.0.0" }
}
`;

// examples/cairn/cairn.toml without its feature (the inline registry has none).
const DEFAULT_MANIFEST = `[package]
name = "hello-app"
version = "0.1.0"

[dependencies]
greet = "^1.0.0"
colors = "^2.0.0"

[dev-dependencies]
testkit = "^0.3.0"
`;

type Mode = "scenario" | "manifest";

const ui = {
  mode: "scenario" as Mode,
  running: false,
  startedAt: 0,
  outcome: undefined as SolveOutcome | undefined,
  graph: undefined as GraphData | undefined,
  layout: undefined as Layout | undefined,
  view: { highlighted: new Set<string>(), pathEdges: new Set<string>() } as GraphViewState,
  pendingEvents: [] as TimelineEvent[],
  /** The last solution, to say what a new solve changed (as a lock diff would). */
  previous: undefined as Record<string, string | string[]> | undefined,
  /** Which solve is the current one: a superseded solve's late answer is ignored. */
  generation: 0,
};

function setStatus(state: "idle" | "running" | "ok" | "fail" | "error" | "cancelled", text: string): void {
  const s = $("status");
  s.dataset.state = state;
  s.textContent = text;
}

// ---------- input ----------

function setMode(mode: Mode): void {
  ui.mode = mode;
  for (const m of ["scenario", "manifest"] as const) {
    $(`mode-${m}`).setAttribute("aria-selected", String(m === mode));
    ($(`panel-${m}`) as HTMLElement).hidden = m !== mode;
  }
}

// ---------- output ----------

function selectTab(name: "graph" | "lock" | "explain" | "timeline"): void {
  for (const t of ["graph", "lock", "explain", "timeline"]) {
    $(`tab-${t}`).setAttribute("aria-selected", String(t === name));
    ($(`view-${t}`) as HTMLElement).hidden = t !== name;
  }
  // One graph, shown beside the timeline too: stepping through events highlights its packages.
  const wrap = document.querySelector(".graph-wrap")!;
  if (name === "timeline") $("view-timeline").append(wrap);
  else if (wrap.parentElement !== $("view-graph")) $("view-graph").prepend(wrap);
}

function drawGraph(): void {
  const box = $("graph");
  if (!ui.graph || !ui.layout) {
    const failed = ui.outcome && !ui.outcome.ok;
    box.replaceChildren(el("p", { class: "graph-note" }, failed ? "No graph: the input has an error (see the Explanation tab)." : "No graph yet: press Resolve."));
    return;
  }
  renderGraph(box, ui.graph, ui.layout, ui.view, (id) => void selectNode(id));
}

async function ensureDrawn(id: string): Promise<void> {
  if (!ui.graph || !ui.layout) return;
  if (ui.layout.focus === undefined || ui.layout.nodes.some((n) => n.id === id)) return;
  ui.layout = await client.focus(ui.graph, id);
}

async function selectNode(id: string): Promise<void> {
  if (!ui.graph) return;
  ui.view.selected = id;
  const node = ui.graph.nodes.find((n) => n.id === id);
  const paths = pathsFromRoot(ui.graph, id);
  ui.view.pathEdges = new Set(paths.flatMap((p) => p.map((e) => `${e.from}\u0000${e.to}`)));
  if (ui.layout?.focus !== undefined && ui.layout.focus !== id) ui.layout = await client.focus(ui.graph, id);
  drawGraph();
  const why = $("why");
  why.replaceChildren(el("h2", {}, node ? nodeLabel(node) : id));
  if (node?.root) why.append(el("p", {}, "This is the root: the project being resolved."));
  else if (paths.length === 0) why.append(el("p", {}, "No path from the root reaches this package."));
  else {
    why.append(el("p", {}, `Required through ${paths.length === 1 ? "this path" : `these ${paths.length} paths`} from the root:`));
    const ol = el("ol");
    // Node ids are internal (the root's starts with NUL); show package names.
    const name = (nid: string): string => ui.graph?.nodes.find((n) => n.id === nid)?.name ?? nid;
    for (const p of paths) {
      const li = el("li");
      p.forEach((e, i) => {
        if (i === 0) li.append(el("code", {}, name(e.from)));
        li.append(" → ", el("code", {}, name(e.to)), el("span", { class: "hint" }, ` (${e.req})`));
      });
      ol.append(li);
    }
    why.append(ol);
  }
  if (ui.outcome && !ui.outcome.ok && ui.outcome.kind === "no-solution") appendExplanationAside();
}

function highlightPackages(names: string[], reveal = true): void {
  if (!ui.graph) return;
  const ids = ui.graph.nodes.filter((n) => names.includes(n.name)).map((n) => n.id);
  ui.view.highlighted = new Set(ids);
  const go = async (): Promise<void> => {
    if (ids[0] !== undefined) await ensureDrawn(ids[0]);
    drawGraph();
    if (reveal && ids[0] !== undefined) revealNode($("graph"), ids[0]);
  };
  void go();
}

function onExplainPackage(name: string): void {
  markActivePackage($("explain"), name);
  markActivePackage($("why"), name);
  selectTab("graph");
  highlightPackages([name]);
}

function appendExplanationAside(): void {
  const o = ui.outcome;
  if (!o || o.ok) return;
  const box = el("div");
  renderExplanation(box, o.error, o.explanation, explanationNames(o), onExplainPackage);
  $("why").append(box);
}

function explanationNames(o: Extract<SolveOutcome, { ok: false }>): string[] {
  return [...new Set([...o.packages, ...(o.graph?.nodes.map((n) => n.name) ?? [])])];
}

function showOutcome(o: SolveOutcome): void {
  ui.outcome = o;
  ui.view = { highlighted: new Set(), pathEdges: new Set() };
  const secs = (o.elapsedMs / 1000).toFixed(o.elapsedMs < 1000 ? 3 : 1);
  const why = $("why");
  why.replaceChildren(el("p", { class: "hint" }, "Click a package to see why it is there."));
  if (o.ok) {
    ui.graph = o.graph;
    ui.layout = o.layout;
    const n = Object.keys(o.solution).length;
    const left = o.notes?.length ? ` Not resolved here: ${o.notes.join("; ")}.` : "";
    setStatus("ok", `Solved: ${n} package${n === 1 ? "" : "s"} in ${secs} s${o.steps !== undefined ? ` (${o.steps} steps)` : ""}.${left}`);
    $("lock").textContent = o.lock.text;
    $("lock-diff").textContent = ui.previous ? describeChanges(ui.previous, o.solution) : "";
    ui.previous = o.solution;
    ($("download-lock") as HTMLButtonElement).disabled = false;
    ($("lock-from-result") as HTMLButtonElement).disabled = false;
    $("explain").replaceChildren(el("p", {}, "✔ The resolution succeeded: there is nothing to explain. Click a package in the graph to see why it is there."));
    drawGraph();
    selectTab("graph");
    return;
  }
  ui.graph = o.graph;
  ui.layout = o.layout;
  ($("download-lock") as HTMLButtonElement).disabled = true;
  $("lock").textContent = "(no lock file: the resolution failed)";
  const names = explanationNames(o);
  renderExplanation($("explain"), o.error, o.explanation, names, onExplainPackage);
  if (o.kind === "no-solution") {
    setStatus("fail", `No solution (${o.error.code}) after ${secs} s: see the explanation; package names in it highlight in the graph.`);
    appendExplanationAside();
    drawGraph();
    selectTab("explain");
  } else {
    setStatus("error", `error[${o.error.code}]${o.error.where ? ` ${o.error.where}` : ""}: ${o.error.message}`);
    drawGraph();
    selectTab("explain");
    if (o.error.where) placeCaret(o.error.where);
  }
}

/** Puts the editor's caret where an error points (`file:line:col`), so it can be fixed at once. */
function placeCaret(where: string): void {
  const m = /^(.*?):(\d+):(\d+)/.exec(where);
  if (!m) return;
  const id = m[1] === "scenario.json" ? "scenario-text" : m[1] === text("manifest-file").trim() ? "manifest-text" : undefined;
  if (!id) return;
  const area = $(id) as HTMLTextAreaElement;
  const lines = area.value.split("\n");
  const line = Math.min(Number(m[2]), lines.length);
  let offset = 0;
  for (let i = 0; i < line - 1; i++) offset += lines[i]!.length + 1;
  offset += Math.max(0, Math.min(Number(m[3]) - 1, lines[line - 1]!.length));
  if (id === "manifest-text") setMode("manifest");
  else setMode("scenario");
  area.focus();
  area.setSelectionRange(offset, offset + 1);
}

/** "Since the previous solve: a 1.0.0 → 1.1.0, + b 2.0.0, − c 1.0.0" (what the lock file's diff would show). */
function describeChanges(before: Record<string, string | string[]>, after: Record<string, string | string[]>): string {
  const show = (v: string | string[]) => (Array.isArray(v) ? v.join(", ") : v);
  const parts: string[] = [];
  for (const [n, v] of Object.entries(after)) {
    const old = before[n];
    if (old === undefined) parts.push(`+ ${n} ${show(v)}`);
    else if (show(old) !== show(v)) parts.push(`${n} ${show(old)} → ${show(v)}`);
  }
  for (const [n, v] of Object.entries(before)) if (after[n] === undefined) parts.push(`− ${n} ${show(v)}`);
  if (parts.length === 0) return "Same versions as the previous solve.";
  const shown = parts.slice(0, 30).join(", ");
  return `Since the previous solve: ${shown}${parts.length > 30 ? `, and ${parts.length - 30} more` : ""}.`;
}

// ---------- actions ----------

const timeline = new Timeline((ev) => {
  if (ev && ev.packages.length) highlightPackages(ev.packages, false);
});

let flushScheduled = false;
const client = new SolverClient(
  (events) => {
    // Events arrive in batches; the timeline is redrawn at most once per frame.
    ui.pendingEvents.push(...events);
    if (!flushScheduled) {
      flushScheduled = true;
      requestAnimationFrame(() => {
        flushScheduled = false;
        timeline.append(ui.pendingEvents.splice(0));
      });
    }
  },
  (t) => setStatus("running", t),
);

function setRunning(on: boolean): void {
  ui.running = on;
  ($("cancel") as HTMLButtonElement).disabled = !on;
  ($("resolve") as HTMLButtonElement).setAttribute("aria-busy", String(on));
  document.body.dataset.running = String(on);
}

async function resolve(): Promise<void> {
  const { input, problems } = currentInput(ui.mode);
  if (!input) {
    setStatus("error", problems.join("; "));
    return;
  }
  const gen = ++ui.generation;
  timeline.reset();
  ui.pendingEvents = [];
  setRunning(true);
  setStatus("running", "Resolving… (Esc or Cancel stops it)");
  ui.startedAt = performance.now();
  try {
    const outcome = await client.solve(input);
    if (gen !== ui.generation) return;
    timeline.append(ui.pendingEvents.splice(0));
    showOutcome(outcome);
  } catch (e) {
    if (gen !== ui.generation) return; // replaced by a newer solve, which reports for itself
    if (e instanceof Cancelled) setStatus("cancelled", `Cancelled after ${((performance.now() - ui.startedAt) / 1000).toFixed(1)} s.`);
    else setStatus("error", `error[E_INTERNAL]: ${(e as Error).message}`);
  } finally {
    if (gen === ui.generation) {
      setRunning(false);
      document.body.dataset.solves = String(Number(document.body.dataset.solves ?? "0") + 1);
    }
  }
}

function cancel(): void {
  if (!ui.running) return;
  client.cancel();
}

async function copyText(text: string, what: string): Promise<void> {
  $("copy-out").textContent = text;
  try {
    await navigator.clipboard.writeText(text);
    setStatus("idle", `${what} copied to the clipboard.`);
  } catch {
    setStatus("idle", `${what} is below the page; the clipboard is not available here.`);
  }
}

async function share(): Promise<void> {
  const hash = await encodeShare(shareState(ui.mode));
  history.replaceState(null, "", `#${hash}`);
  await copyText(location.href, "Share link");
  // Some chat tools and mail clients cut very long links.
  if (location.href.length > 32_000) setStatus("idle", `Share link copied (${Math.round(location.href.length / 1024)} KB long: some tools cut links that long; the scenario file may travel better).`);
}

function copyCli(): void {
  const { options } = pageOptions();
  const cmd =
    ui.mode === "scenario"
      ? scenarioCommand(text("scenario-text"), options)
      : manifestCommand(text("manifest-file") || "cairn.toml", text("manifest-profile"), text("manifest-text"), options, registryUrl());
  void copyText(cmd, "CLI command");
}

function downloadLock(): void {
  const o = ui.outcome;
  if (!o?.ok) return;
  const url = URL.createObjectURL(new Blob([o.lock.text], { type: "text/plain" }));
  const a = el("a", { href: url, download: o.lock.fileName });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function lockFromResult(): void {
  const o = ui.outcome;
  if (!o?.ok) return;
  const lines = Object.entries(o.solution).flatMap(([k, v]) => (Array.isArray(v) ? [] : [`${k} = ${v}`]));
  setText("opt-lock", lines.join("\n"));
}

function openGalleryItem(it: GalleryItem): void {
  setText("scenario-text", it.text);
  setMode("scenario");
  // A short link to a gallery scenario: `#g=<id>` (reloading reopens it).
  history.replaceState(null, "", `#g=${encodeURIComponent(it.id)}`);
  setStatus("idle", `Opened ${it.group}/${it.name}. Press Resolve (Ctrl/Cmd+Enter).`);
  void resolve();
}

/** "opened" a shared state, found "none" in the hash, or reported an unreadable link. */
async function loadFromHash(): Promise<"opened" | "none" | "bad"> {
  try {
    const s = await decodeShare(location.hash);
    if (!s) return "none";
    setMode(applyShareState(s));
    setStatus("idle", "Opened the shared scenario.");
    return "opened";
  } catch (e) {
    if (e instanceof ShareLinkError) {
      setStatus("error", `Cannot open this share link: ${e.message}`);
      return "bad";
    }
    throw e;
  }
}

function init(): void {
  const prof = $("manifest-profile") as HTMLSelectElement;
  for (const p of PROFILES) prof.append(el("option", { value: p }, p));
  const copyOut = el("pre", { id: "copy-out", class: "code", "aria-label": "copied text (click to close)", title: "click to close" });
  copyOut.addEventListener("click", () => (copyOut.textContent = ""));
  document.body.append(copyOut);
  setText("scenario-text", DEFAULT_SCENARIO);
  setText("manifest-text", DEFAULT_MANIFEST);
  $("mode-scenario").addEventListener("click", () => setMode("scenario"));
  $("mode-manifest").addEventListener("click", () => setMode("manifest"));
  for (const t of ["graph", "lock", "explain", "timeline"] as const) $(`tab-${t}`).addEventListener("click", () => selectTab(t));
  $("resolve").addEventListener("click", () => void resolve());
  $("cancel").addEventListener("click", cancel);
  $("share").addEventListener("click", () => void share());
  $("copy-cli").addEventListener("click", copyCli);
  $("download-lock").addEventListener("click", downloadLock);
  $("lock-from-result").addEventListener("click", lockFromResult);
  // Tabs follow the WAI-ARIA pattern: arrow keys move between the tabs of a list.
  for (const list of document.querySelectorAll<HTMLElement>('[role="tablist"]')) {
    list.addEventListener("keydown", (e) => {
      if (e.key !== "ArrowLeft" && e.key !== "ArrowRight") return;
      const tabs = [...list.querySelectorAll<HTMLElement>('[role="tab"]')];
      const at = tabs.indexOf(document.activeElement as HTMLElement);
      if (at < 0) return;
      const next = tabs[(at + (e.key === "ArrowRight" ? 1 : tabs.length - 1)) % tabs.length]!;
      next.focus();
      next.click();
      e.preventDefault();
    });
  }
  document.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      void resolve();
    } else if (e.key === "Escape" && ui.running) {
      e.preventDefault();
      cancel();
    }
  });
  window.addEventListener("hashchange", () => void loadFromHash().then((r) => (r === "opened" ? resolve() : undefined)));
  drawGraph();
  timeline.reset();

  void (async () => {
    const link = await loadFromHash();
    if (link !== "opened") {
      // `?registry=URL&mode=manifest` (what `npm start` prints) pre-fills the form.
      const q = new URLSearchParams(location.search);
      const reg = q.get("registry");
      if (reg) setText("opt-registry", reg);
      if (q.get("mode") === "manifest") setMode("manifest");
    }
    if (link === "none") setStatus("idle", "Ready. Edit the scenario or pick one from the gallery, then press Resolve (Ctrl/Cmd+Enter).");
    let gallery: GalleryItem[] = [];
    try {
      gallery = await loadGallery(openGalleryItem);
    } catch (e) {
      $("gallery").replaceChildren(el("p", { class: "hint" }, `The gallery could not be loaded: ${(e as Error).message}`));
    }
    document.body.dataset.ready = "true";
    const g = new URLSearchParams(location.hash.slice(1)).get("g");
    const item = g === null ? undefined : gallery.find((it) => it.id === g);
    if (link === "opened") void resolve();
    else if (item) openGalleryItem(item);
    else if (g !== null) setStatus("error", `The gallery has no scenario \`${g}\`.`);
  })();

  // Offline after the first load: the service worker caches the page's files.
  if ("serviceWorker" in navigator && location.protocol !== "file:") {
    navigator.serviceWorker.register("sw.js").catch(() => {
      /* offline use is a bonus; the page works without it */
    });
  }
}

init();
