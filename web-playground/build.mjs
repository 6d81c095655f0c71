// Builds the playground into dist/web: two esbuild bundles (the page and the
// Web Worker that runs the Wasm core), the static shell, the gallery of
// scenarios (the test fixtures, bundled as one JSON file fetched on demand so
// the page's own weight stays small) and a service worker that caches all of it
// for offline use. The whole directory is written under a temp name and swapped
// in by rename, so a server reading dist/web never sees half a build.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join, relative, sep } from "node:path";

/** Scenario files larger than this stay out of the gallery (they are benchmarks, not examples). */
const GALLERY_MAX_BYTES = 64 * 1024;

function walkJson(dir, out = []) {
  if (!existsSync(dir)) return out;
  for (const e of readdirSync(dir).sort()) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) walkJson(p, out);
    else if (e.endsWith(".json") && !e.endsWith(".expected.json")) out.push(p);
  }
  return out;
}

/**
 * The gallery: every scenario under test/fixtures/scenarios (grouped by the
 * folder it sits in), keeping only what the page shows and the editor needs.
 */
export function collectGallery(root) {
  const base = join(root, "test/fixtures/scenarios");
  const items = [];
  for (const file of walkJson(base)) {
    const text = readFileSync(file, "utf8");
    if (text.length > GALLERY_MAX_BYTES) continue;
    let doc;
    try {
      doc = JSON.parse(text);
    } catch {
      continue; // malformed fixtures exist on purpose (error tests); they are no examples
    }
    if (!doc || typeof doc !== "object" || !doc.registry || !doc.root) continue;
    const rel = relative(base, file).split(sep).join("/");
    const group = rel.includes("/") ? rel.slice(0, rel.lastIndexOf("/")) : "misc";
    const id = rel.replace(/\.json$/, "");
    const failing = !!(doc.expect && doc.expect.error);
    items.push({ id, group, name: doc.name ?? id, failing, source: doc.source ?? "", text });
  }
  return items;
}

/** @param {{root: string, minify?: boolean, outDir?: string}} opts */
export async function buildPlayground({ root, minify = true, outDir = join(root, "dist/web") }) {
  const esbuild = await import("esbuild");
  const tmp = `${outDir}.${process.pid}.tmp`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  const src = join(root, "web-playground");
  try {
    await bundle(esbuild, src, tmp, minify);
    writeStatic(root, src, tmp);
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    throw e;
  }
  // Another build may swap its own output in at the same moment: retry the swap.
  const old = `${outDir}.${process.pid}.old`;
  for (let attempt = 0; ; attempt++) {
    try {
      if (existsSync(outDir)) renameSync(outDir, old);
      renameSync(tmp, outDir);
      break;
    } catch (e) {
      if (attempt >= 3) {
        rmSync(tmp, { recursive: true, force: true });
        throw e;
      }
    }
  }
  rmSync(old, { recursive: true, force: true });
  return { outDir };
}

function bundle(esbuild, src, tmp, minify) {
  return esbuild.build({
    entryPoints: { main: join(src, "main.ts"), worker: join(src, "worker.ts") },
    outdir: tmp,
    bundle: true,
    format: "esm",
    platform: "browser",
    // es2022 keeps esbuild from emitting Uint8Array.fromBase64 for the inlined Wasm.
    target: "es2022",
    loader: { ".wasm": "binary" },
    minify,
    sourcemap: minify ? false : "inline",
    legalComments: "none",
    logLevel: "warning",
  });
}

function writeStatic(root, src, tmp) {
  for (const f of ["index.html", "styles.css"]) writeFileSync(join(tmp, f), readFileSync(join(src, f)));
  writeFileSync(join(tmp, "gallery.json"), JSON.stringify(collectGallery(root)));
  writeFileSync(join(tmp, "favicon.svg"), readFileSync(join(src, "favicon.svg")));

  // The service worker's cache name is a hash of everything it caches, so a
  // new build replaces the old cache instead of serving stale files forever.
  const assets = ["index.html", "styles.css", "main.js", "worker.js", "gallery.json", "favicon.svg"];
  const h = createHash("sha256");
  for (const a of assets) h.update(readFileSync(join(tmp, a)));
  const sw = readFileSync(join(src, "sw.js"), "utf8")
    .replace("__CACHE_NAME__", `cairn-playground-${h.digest("hex").slice(0, 16)}`)
    .replace("__ASSETS__", JSON.stringify(["./", ...assets.map((a) => `./${a}`)]));
  writeFileSync(join(tmp, "sw.js"), sw);
}
