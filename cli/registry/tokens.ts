// Who may publish: bearer tokens mapped to user names. Tokens come from a JSON
// file (`{"tokens": {"<token>": "alice"}}`, where a key may also be
// `sha256:<hex of the token>` so the file need not hold secrets) and/or the
// environment (`CAIRN_REGISTRY_TOKENS="alice:tok1,bob:tok2"`). Comparison is
// by SHA-256 digest in constant time; tokens are never logged.
import { readFileSync } from "node:fs";
import { createHash, timingSafeEqual } from "node:crypto";
import { CairnError } from "../../bindings/errors.js";

const digest = (token: string) => createHash("sha256").update(token, "utf8").digest();

export class TokenStore {
  private readonly entries: { digest: Buffer; user: string }[] = [];

  add(tokenOrDigest: string, user: string): void {
    const m = /^sha256:([0-9a-f]{64})$/.exec(tokenOrDigest);
    this.entries.push({ digest: m ? Buffer.from(m[1]!, "hex") : digest(tokenOrDigest), user });
  }

  get size(): number {
    return this.entries.length;
  }

  /** The user a token belongs to, or undefined. */
  userFor(token: string): string | undefined {
    const d = digest(token);
    let found: string | undefined;
    for (const e of this.entries) if (timingSafeEqual(e.digest, d)) found ??= e.user;
    return found;
  }

  static fromFile(path: string): TokenStore {
    const store = new TokenStore();
    let doc: unknown;
    try {
      doc = JSON.parse(readFileSync(path, "utf8"));
    } catch (e) {
      throw new CairnError("E_IO", `cannot read tokens file \`${path}\`: ${(e as Error).message}`, { location: { file: path } });
    }
    const tokens = (doc as { tokens?: unknown })?.tokens;
    if (typeof tokens !== "object" || tokens === null || Array.isArray(tokens)) {
      throw new CairnError("E_INVALID_TYPE", "expected {\"tokens\": {\"<token>\": \"<user>\"}}", { location: { file: path, path: "tokens" } });
    }
    for (const [token, user] of Object.entries(tokens)) {
      if (typeof user !== "string" || user === "") throw new CairnError("E_INVALID_TYPE", "each token maps to a user name", { location: { file: path, path: "tokens.<token>" } });
      store.add(token, user);
    }
    return store;
  }

  /** `alice:tok1,bob:tok2` */
  addFromEnv(value: string | undefined): void {
    if (!value) return;
    for (const pair of value.split(",")) {
      const colon = pair.indexOf(":");
      if (colon <= 0 || colon === pair.length - 1) throw new CairnError("E_USAGE", "CAIRN_REGISTRY_TOKENS is `user:token[,user:token…]`");
      this.add(pair.slice(colon + 1).trim(), pair.slice(0, colon).trim());
    }
  }
}

/** The token of an `Authorization: Bearer <token>` header. */
export function bearerToken(header: string | undefined): string | undefined {
  const m = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  return m ? m[1] : undefined;
}
