// The gallery: the scenarios the test suite runs, grouped by source, each one
// click away. Loaded on demand (gallery.json) so the page itself stays light.
import { $, el } from "./dom.js";

export interface GalleryItem {
  id: string;
  group: string;
  name: string;
  failing: boolean;
  source: string;
  text: string;
}

export async function loadGallery(onOpen: (item: GalleryItem) => void): Promise<GalleryItem[]> {
  const res = await fetch(new URL("gallery.json", document.baseURI));
  if (!res.ok) throw new Error(`gallery.json: HTTP ${res.status}`);
  const items = (await res.json()) as GalleryItem[];
  const list = $("gallery");
  const filter = $("gallery-filter") as HTMLInputElement;
  const draw = (): void => {
    const q = filter.value.trim().toLowerCase();
    list.replaceChildren();
    let group = "";
    for (const it of items) {
      if (q && !`${it.group}/${it.name}`.toLowerCase().includes(q)) continue;
      if (it.group !== group) {
        group = it.group;
        list.append(el("h3", {}, group));
      }
      const b = el("button", { type: "button", "data-id": it.id, title: it.source || it.id },
        it.name, el("span", { class: "tag" }, it.failing ? "(fails)" : "(solves)"));
      b.addEventListener("click", () => onOpen(it));
      list.append(b);
    }
  };
  filter.addEventListener("input", draw);
  draw();
  $("gallery-count").textContent = `(${items.length})`;
  return items;
}
