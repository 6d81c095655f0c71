// An ordered list of registry URLs (a primary and its mirrors) and the rule
// for when the client may hand a request over to the next one
// (docs/MIRRORS.md#client-fallback). Only "could not reach it" failures fall
// through: a checksum mismatch or a malformed document is never papered over
// by asking someone else.
import { CairnError } from "../../bindings/errors.js";

/** `a,b , c` → ["a", "b", "c"]: --registry and CAIRN_REGISTRY accept a comma-separated list. */
export function registryList(value: string): string[] {
  const urls = value.split(",").map((s) => s.trim()).filter((s) => s !== "");
  if (urls.length === 0) throw new CairnError("E_USAGE", "the registry list is empty", { hint: "pass --registry URL[,MIRROR…]" });
  return urls;
}

/** True when `e` says the registry was unreachable or failing (network error, timeout, 5xx, other non-404 status). */
export function isUnreachable(e: unknown): boolean {
  if (!(e instanceof CairnError)) return false;
  if (e.code === "E_NETWORK") return true;
  if (e.code === "E_HTTP") {
    const status = Number((e.details as { status?: unknown } | undefined)?.status);
    return !(status >= 400 && status < 500) || status === 408 || status === 429;
  }
  return false;
}
