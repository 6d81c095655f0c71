// A large registry for mirror tests, written through RegistryStore (real
// archives, real checksums, the layout `cairn serve` writes), plus a
// byte-for-byte comparison of two registry trees.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { RegistryStore } from "../../../cli/registry/store.js";
import { writeTar } from "../../../cli/archive/tar-writer.js";

export function archiveOf(files: Record<string, string>): Buffer {
  const list = Object.keys(files).sort().map((p) => ({ path: p, data: Buffer.from(files[p]!), executable: false }));
  return gzipSync(writeTar(list));
}

/** `count` packages (`pkg-000`…, every tenth scoped), the first `twoVersions` of them with two versions. */
export async function bigRegistry(dir: string, count: number, twoVersions = 50): Promise<string[]> {
  const store = new RegistryStore(dir);
  await store.init();
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    const name = i % 10 === 9 ? `@team/pkg-${String(i).padStart(3, "0")}` : `pkg-${String(i).padStart(3, "0")}`;
    names.push(name);
    const deps = i > 0 ? { [names[i - 1]!]: "^1.0.0" } : {};
    await store.publish(name, "1.0.0", archiveOf({ "README.md": `# ${name}\n`, "src/lib.cn": `// ${name} 1.0.0 ${"x".repeat(i % 97)}\n` }), { description: `package number ${i}`, dependencies: deps }, null);
    if (i < twoVersions) await store.publish(name, "1.1.0", archiveOf({ "src/lib.cn": `// ${name} 1.1.0\n` }), { dependencies: deps }, null);
  }
  return names;
}

/** Every regular file under `dir` (relative paths), leaving out hidden entries (state, owners, temp files). */
export function listFiles(dir: string, prefix = ""): string[] {
  const out: string[] = [];
  for (const e of readdirSync(join(dir, prefix), { withFileTypes: true })) {
    if (e.name.startsWith(".")) continue;
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...listFiles(dir, rel));
    else out.push(rel);
  }
  return out.sort();
}

/** The paths whose bytes differ (or exist on one side only) between two trees. */
export function treeDiff(a: string, b: string): string[] {
  const fa = listFiles(a);
  const fb = listFiles(b);
  const all = [...new Set([...fa, ...fb])].sort();
  const inA = new Set(fa);
  const inB = new Set(fb);
  return all.filter((rel) => !inA.has(rel) || !inB.has(rel) || !readFileSync(join(a, rel)).equals(readFileSync(join(b, rel))));
}
