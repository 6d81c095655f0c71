// The registry pages written as static files next to the index
// (`index.html`, `packages/<name>.html`), so a registry directory on any
// static host, object store or CDN shows the same pages as `cairn serve`
// (docs/DEPLOY.md). Download counts are those recorded so far in
// DIR/.cairn/downloads.json. Every file is written temp-then-rename.
import { join } from "node:path";
import { writeFileAtomic } from "../../cache/atomic-write.js";
import { DownloadCounter } from "../downloads.js";
import { renderIndex, renderPackage } from "./pages.js";
import { archiveRelOf, readConfig, readmeOf, readPackage, readSearch } from "./site-data.js";

export async function exportSite(dir: string): Promise<string[]> {
  const config = await readConfig(dir);
  const entries = await readSearch(dir, config);
  const counts = new DownloadCounter(dir);
  const written: string[] = [];
  for (const entry of entries) {
    const pkg = await readPackage(dir, entry.name);
    if (!pkg) continue;
    const rel = `packages/${pkg.name}.html`;
    const html = renderPackage({
      pkg,
      downloads: (v) => {
        const a = archiveRelOf(pkg, v, config);
        return a ? counts.count(a) : 0;
      },
      readme: await readmeOf(dir, pkg, config),
    });
    await writeFileAtomic(join(dir, rel), html);
    written.push(rel);
  }
  // The index last: it links to every page written above.
  await writeFileAtomic(join(dir, "index.html"), renderIndex(entries, { staticSearch: true }));
  written.push("index.html");
  return written;
}
