import { describe, expect, test } from "vitest";
import { decodeShare, encodeShare, ShareLinkError, type ShareState } from "../../web-playground/share.js";

const state: ShareState = {
  mode: "manifest",
  scenario: '{"registry":{"a":{"1.0.0":{}}},"root":{"a":"*"}}',
  manifest: { fileName: "oripk.toml", profile: "auto", text: "[package]\nname = \"ü-app\"\n" },
  options: { prerelease: "fallback", target: "linux", lock: "a = 1.0.0", registry: "http://127.0.0.1:1/", maxSteps: 5000 },
};

describe("share links", () => {
  test("round-trip the whole state through a versioned, URL-safe hash", async () => {
    const hash = await encodeShare(state);
    expect(hash).toMatch(/^v=1&s=[A-Za-z0-9_-]+$/);
    expect(await decodeShare(`#${hash}`)).toEqual(state);
  });

  test("compress: a repetitive scenario becomes much shorter than its JSON", async () => {
    const registry = Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`pkg-${i}`, { "1.0.0": { "pkg-0": "^1.0.0" } }]));
    const big = { ...state, scenario: JSON.stringify({ registry, root: {} }) };
    const hash = await encodeShare(big);
    expect(hash.length).toBeLessThan(big.scenario.length / 3);
  });

  test("a hash without shared state is not an error", async () => {
    expect(await decodeShare("")).toBeNull();
    expect(await decodeShare("#section")).toBeNull();
  });

  test("other versions and damaged data are reported as ShareLinkError", async () => {
    const hash = await encodeShare(state);
    await expect(decodeShare(hash.replace("v=1", "v=2"))).rejects.toThrow(/format version 2; this page reads version 1/);
    await expect(decodeShare(hash.slice(0, hash.length - 10))).rejects.toBeInstanceOf(ShareLinkError);
    await expect(decodeShare("v=1&s=%%%")).rejects.toBeInstanceOf(ShareLinkError);
  });
});
