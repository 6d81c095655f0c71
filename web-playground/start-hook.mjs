// `npm start` (scripts/start.mjs) calls this after its install demo, while the
// example registry is still being served: it serves the playground (dist/web)
// on 127.0.0.1 and prints the URL, pre-filled to resolve the example manifest
// against that registry, then keeps serving until Ctrl-C. The registry is
// reached through the playground's own origin (/registry/), so one address
// serves both (a direct cross-origin URL works too: `cairn serve` sends CORS).
import { existsSync } from "node:fs";
import { join } from "node:path";
import { serveStatic } from "./serve.mjs";

export default async function startPlayground({ registryUrl, root }) {
  const dir = join(root, "dist/web");
  if (!existsSync(join(dir, "index.html"))) {
    console.error("dist/web is missing: run `npm run build` (npm start does it for you)");
    return;
  }
  const want = Number(process.env.CAIRN_PLAYGROUND_PORT ?? 8787);
  let site;
  try {
    site = await serveStatic({ dir, port: want, proxy: { prefix: "/registry/", target: registryUrl } });
  } catch {
    site = await serveStatic({ dir, port: 0, proxy: { prefix: "/registry/", target: registryUrl } });
  }
  const reg = `${site.url}registry/`;
  console.log(`\nplayground: ${site.url}?registry=${encodeURIComponent(reg)}&mode=manifest`);
  console.log(`            (the example registry is at ${reg}; Ctrl-C stops both)`);
  await new Promise(() => {});
}
