// Server-side tokens: files (plain or sha256-keyed), the environment, and
// bearer header parsing.
import { describe, it, expect } from "vitest";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { createHash } from "node:crypto";
import { TokenStore, bearerToken } from "../../../cli/registry/tokens.js";
import { tmp } from "./helpers.js";

describe("TokenStore", () => {
  it("maps tokens to users from a file, where a key may be the token's sha256", () => {
    const file = join(tmp("tokens"), "tokens.json");
    const hashed = createHash("sha256").update("bob-secret").digest("hex");
    writeFileSync(file, JSON.stringify({ tokens: { "alice-secret": "alice", [`sha256:${hashed}`]: "bob" } }));
    const store = TokenStore.fromFile(file);
    expect(store.userFor("alice-secret")).toBe("alice");
    expect(store.userFor("bob-secret")).toBe("bob");
    expect(store.userFor(`sha256:${hashed}`)).toBeUndefined();
    expect(store.userFor("nobody")).toBeUndefined();
  });

  it("reads CAIRN_REGISTRY_TOKENS and rejects a malformed value", () => {
    const store = new TokenStore();
    store.addFromEnv("alice:t1, bob:t2");
    expect(store.userFor("t1")).toBe("alice");
    expect(store.userFor("t2")).toBe("bob");
    expect(() => store.addFromEnv("just-a-token")).toThrow(expect.objectContaining({ code: "E_USAGE" }));
  });

  it("reports a malformed tokens file with its location", () => {
    const file = join(tmp("tokens"), "tokens.json");
    writeFileSync(file, JSON.stringify({ tokens: ["x"] }));
    expect(() => TokenStore.fromFile(file)).toThrow(expect.objectContaining({ code: "E_INVALID_TYPE" }));
    writeFileSync(file, "{not json");
    expect(() => TokenStore.fromFile(file)).toThrow(expect.objectContaining({ code: "E_IO" }));
  });

  it("parses only well-formed bearer headers", () => {
    expect(bearerToken("Bearer abc")).toBe("abc");
    expect(bearerToken("bearer abc ")).toBe("abc");
    expect(bearerToken("Basic abc")).toBeUndefined();
    expect(bearerToken("Bearer a b")).toBeUndefined();
    expect(bearerToken(undefined)).toBeUndefined();
  });
});
