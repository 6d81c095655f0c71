// Tokens saved by `cairn login`, one per registry URL, in a file only the user
// can read: $CAIRN_HOME/credentials.json, else $XDG_CONFIG_HOME/cairn/ or
// ~/.config/cairn/. CAIRN_TOKEN in the environment wins over the file.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { homedir } from "node:os";
import { writeFileAtomicSync } from "../cache/atomic-write.js";

type Env = Record<string, string | undefined>;

export function credentialsFile(env: Env = process.env): string {
  if (env.CAIRN_HOME) return join(env.CAIRN_HOME, "credentials.json");
  return join(env.XDG_CONFIG_HOME || join(homedir(), ".config"), "cairn", "credentials.json");
}

function load(file: string): { registries: Record<string, { token: string }> } {
  try {
    const doc = JSON.parse(readFileSync(file, "utf8"));
    if (doc && typeof doc.registries === "object") return doc;
  } catch {
    /* absent or unreadable: no saved tokens */
  }
  return { registries: {} };
}

export function savedToken(registryUrl: string, env: Env = process.env): string | undefined {
  if (env.CAIRN_TOKEN) return env.CAIRN_TOKEN;
  return load(credentialsFile(env)).registries[registryUrl]?.token;
}

export function saveToken(registryUrl: string, token: string, env: Env = process.env): string {
  const file = credentialsFile(env);
  const doc = load(file);
  doc.registries[registryUrl] = { token };
  writeFileAtomicSync(file, `${JSON.stringify(doc, null, 2)}\n`, 0o600);
  return file;
}

export function removeToken(registryUrl: string, env: Env = process.env): boolean {
  const file = credentialsFile(env);
  const doc = load(file);
  if (!(registryUrl in doc.registries)) return false;
  delete doc.registries[registryUrl];
  writeFileAtomicSync(file, `${JSON.stringify(doc, null, 2)}\n`, 0o600);
  return true;
}
