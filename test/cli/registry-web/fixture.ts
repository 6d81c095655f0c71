// A small registry for the web-page tests, with hostile metadata: a
// description and a readme that try to inject markup and script.
import { gzipSync } from "node:zlib";
import { RegistryStore } from "../../../cli/registry/store.js";
import { writeTar } from "../../../cli/archive/tar-writer.js";

export function archiveOf(files: Record<string, string>): Buffer {
  const list = Object.keys(files).sort().map((p) => ({ path: p, data: Buffer.from(files[p]!), executable: false }));
  return gzipSync(writeTar(list));
}

export const EVIL_DESCRIPTION = `<script>window.__pwned = "description"</script><img src=x onerror="window.__pwned='img'">`;
export const EVIL_README = [
  "# evil-pkg <svg onload=\"window.__pwned='svg'\">",
  "",
  "<script>window.__pwned = 'readme'</script>",
  "",
  "[click me](javascript:window.__pwned='link')",
  "",
  "<iframe src=\"javascript:window.__pwned='iframe'\"></iframe>",
].join("\n");

export async function webRegistry(dir: string): Promise<void> {
  const store = new RegistryStore(dir);
  await store.init();
  await store.publish("fmt", "1.0.0", archiveOf({ "README.md": "# fmt\n\nFormats **things**.\n", "src/lib.cn": "// fmt 1.0\n" }), { description: "String formatting", keywords: ["text", "format"], license: "MIT" }, null);
  await store.publish("fmt", "1.2.0", archiveOf({ "README.md": "# fmt\n\nFormats **things**, faster.\n", "src/lib.cn": "// fmt 1.2\n" }), { description: "String formatting", keywords: ["text", "format"], license: "MIT" }, null);
  await store.publish("fmt", "1.3.0", archiveOf({ "src/lib.cn": "// fmt 1.3\n" }), { description: "String formatting", keywords: ["text", "format"], license: "MIT" }, null);
  await store.setYanked("fmt", "1.3.0", true, null);
  await store.publish("@acme/greet", "0.4.0", archiveOf({ "README.md": "Says hello.\n" }), { description: "Greetings", license: "Apache-2.0", dependencies: { fmt: "^1.0.0" } }, null);
  await store.publish("evil-pkg", "6.6.6", archiveOf({ "README.md": EVIL_README }), { description: EVIL_DESCRIPTION, keywords: ["<b>bold</b>"], license: `"><script>window.__pwned='license'</script>` }, null);
}
