// The step-through timeline of solver events (decision, propagation,
// conflict, backjump, fetch). A slider, buttons and the arrow keys move
// through it; the current event's packages are highlighted in the graph.
import type { TimelineEvent } from "./protocol.js";
import { $, el } from "./dom.js";

/** The list shows at most this many rows; the slider still reaches every event. */
const MAX_ROWS = 2000;

export class Timeline {
  private events: TimelineEvent[] = [];
  private pos = 0;
  constructor(private readonly onMove: (ev: TimelineEvent | undefined) => void) {
    $("tl-first").addEventListener("click", () => this.go(0));
    $("tl-prev").addEventListener("click", () => this.go(this.pos - 1));
    $("tl-next").addEventListener("click", () => this.go(this.pos + 1));
    $("tl-last").addEventListener("click", () => this.go(this.events.length - 1));
    $("tl-slider").addEventListener("input", (e) => this.go(Number((e.target as HTMLInputElement).value)));
    $("timeline").addEventListener("click", (e) => {
      const li = (e.target as HTMLElement).closest("li");
      if (li?.dataset.i) this.go(Number(li.dataset.i));
    });
    $("view-timeline").addEventListener("keydown", (e) => {
      if (e.key === "ArrowRight" || e.key === "ArrowDown") { e.preventDefault(); this.go(this.pos + 1); }
      if (e.key === "ArrowLeft" || e.key === "ArrowUp") { e.preventDefault(); this.go(this.pos - 1); }
    });
  }

  get length(): number {
    return this.events.length;
  }

  reset(): void {
    this.events = [];
    this.pos = 0;
    $("timeline").replaceChildren();
    this.render();
  }

  append(events: TimelineEvent[]): void {
    const list = $("timeline");
    const start = this.events.length;
    this.events.push(...events);
    const rows: HTMLElement[] = [];
    for (let i = start; i < Math.min(this.events.length, MAX_ROWS); i++) rows.push(this.row(i));
    list.append(...rows);
    this.render();
  }

  private row(i: number): HTMLElement {
    const ev = this.events[i]!;
    return el("li", { "data-i": i, "data-kind": ev.kind }, el("span", { class: "kind" }, `[${ev.kind}]`), " ", ev.text);
  }

  go(i: number): void {
    if (this.events.length === 0) return;
    this.pos = Math.max(0, Math.min(this.events.length - 1, i));
    this.render();
    this.onMove(this.events[this.pos]);
  }

  private render(): void {
    const n = this.events.length;
    const slider = $("tl-slider") as HTMLInputElement;
    slider.max = String(Math.max(0, n - 1));
    slider.value = String(this.pos);
    $("tl-pos").textContent = n ? `event ${this.pos + 1} of ${n}` : "no events yet";
    const cur = this.events[this.pos];
    $("tl-current").textContent = cur ? `${this.pos + 1}. [${cur.kind}] ${cur.text}` : "";
    const list = $("timeline");
    for (const li of list.querySelectorAll("li.current")) {
      li.classList.remove("current");
      li.removeAttribute("aria-current");
    }
    const li = list.children[this.pos] as HTMLElement | undefined;
    if (li) {
      li.classList.add("current");
      li.setAttribute("aria-current", "step");
      if (!list.closest("[hidden]")) li.scrollIntoView?.({ block: "nearest" });
    }
  }
}
