// Share links: the whole page state in the URL hash, `#v=1&s=<base64url of
// deflate-raw(JSON)>`. The version lets a later page read old links (or say
// clearly that it cannot); nothing is stored on any server.

export const SHARE_VERSION = 1;

/** Everything needed to reopen a scenario exactly as it was. */
export interface ShareState {
  mode: "scenario" | "manifest";
  scenario: string;
  manifest?: { fileName: string; profile: string; text: string };
  options: {
    prerelease?: string;
    versions?: string;
    target?: string;
    features?: string;
    lock?: string;
    registry?: string;
    maxSteps?: number;
  };
}

async function pipe(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const out = new Response(new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(stream));
  return new Uint8Array(await out.arrayBuffer());
}

function toBase64Url(bytes: Uint8Array): string {
  let bin = "";
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64Url(s: string): Uint8Array {
  const b64 = s.replace(/-/g, "+").replace(/_/g, "/") + "===".slice((s.length + 3) % 4);
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

export async function encodeShare(state: ShareState): Promise<string> {
  const json = new TextEncoder().encode(JSON.stringify(state));
  const packed = await pipe(json, new CompressionStream("deflate-raw"));
  return `v=${SHARE_VERSION}&s=${toBase64Url(packed)}`;
}

/** A share hash that cannot be read; the page shows `message` and keeps its state. */
export class ShareLinkError extends Error {}

/** Decodes a location hash (with or without `#`); null when it carries no shared state. */
export async function decodeShare(hash: string): Promise<ShareState | null> {
  const params = new URLSearchParams(hash.replace(/^#/, ""));
  const s = params.get("s");
  if (s === null) return null;
  const v = Number(params.get("v"));
  if (v !== SHARE_VERSION) {
    throw new ShareLinkError(`this link has format version ${params.get("v") ?? "(none)"}; this page reads version ${SHARE_VERSION}`);
  }
  let state: unknown;
  try {
    const json = await pipe(fromBase64Url(s), new DecompressionStream("deflate-raw"));
    state = JSON.parse(new TextDecoder().decode(json));
  } catch {
    throw new ShareLinkError("the link's scenario data is damaged (was it cut off when copied?)");
  }
  const st = state as Partial<ShareState>;
  if (!st || typeof st !== "object" || (st.mode !== "scenario" && st.mode !== "manifest") || typeof st.scenario !== "string") {
    throw new ShareLinkError("the link's scenario data is not a playground state");
  }
  return { mode: st.mode, scenario: st.scenario, manifest: st.manifest, options: st.options ?? {} };
}
