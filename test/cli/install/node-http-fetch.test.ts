// cli/install/node-http-fetch.ts: the fetch subset the registry client uses,
// over node:http, driven through the client's own request() (retries, caps).
import { createServer, type IncomingMessage, type Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { nodeHttpFetch } from "../../../cli/install/node-http-fetch.js";
import { request, type HttpOptions } from "../../../cli/registry/http.js";

let server: Server;
let other: Server;
let base = "";
let otherBase = "";
const seen: { path: string; method: string; auth?: string }[] = [];

function listen(s: Server): Promise<string> {
  return new Promise((r) => s.listen(0, "127.0.0.1", () => r(`http://127.0.0.1:${(s.address() as { port: number }).port}`)));
}
const note = (req: IncomingMessage) => seen.push({ path: req.url!, method: req.method!, auth: req.headers.authorization });

beforeAll(async () => {
  other = createServer((req, res) => {
    note(req);
    res.end("elsewhere");
  });
  otherBase = await listen(other);
  server = createServer((req, res) => {
    note(req);
    if (req.url === "/doc") {
      res.writeHead(200, { etag: '"v1"', "content-type": "application/json" });
      return res.end('{"a":1}');
    }
    if (req.url === "/moved") {
      res.writeHead(302, { location: "/doc" });
      return res.end();
    }
    if (req.url === "/see-other") {
      res.writeHead(303, { location: "/doc" });
      return res.end();
    }
    if (req.url === "/away") {
      res.writeHead(307, { location: `${otherBase}/there` });
      return res.end();
    }
    if (req.url === "/loop") {
      res.writeHead(301, { location: "/loop" });
      return res.end();
    }
    if (req.url === "/big") {
      res.writeHead(200);
      return res.end(Buffer.alloc(100_000, 7));
    }
    if (req.url === "/slow") return; // never answers
    res.writeHead(404);
    res.end("{}");
  });
  base = await listen(server);
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
  other.close();
});

const opts: HttpOptions = { retries: 0, retryDelayMs: 1, timeoutMs: 2000, fetchImpl: nodeHttpFetch as unknown as typeof fetch };

describe("nodeHttpFetch under the registry client's request()", () => {
  it("returns status, headers and the whole body", async () => {
    const r = await request("GET", `${base}/doc`, {}, opts);
    expect(r.status).toBe(200);
    expect(r.headers.get("ETag")).toBe('"v1"');
    expect(r.headers.get("x-missing")).toBeNull();
    expect(JSON.parse(r.body.toString())).toEqual({ a: 1 });
    expect((await request("GET", `${base}/nothing`, {}, opts)).status).toBe(404);
  });

  it("follows redirects; 303 turns a POST into a GET", async () => {
    expect((await request("GET", `${base}/moved`, {}, opts)).body.toString()).toBe('{"a":1}');
    seen.length = 0;
    const r = await request("POST", `${base}/see-other`, { body: new Uint8Array([1, 2]) }, opts);
    expect(r.status).toBe(200);
    expect(seen.map((s) => `${s.method} ${s.path}`)).toEqual(["POST /see-other", "GET /doc"]);
  });

  it("drops credentials on a redirect to another origin, and gives up on a redirect loop", async () => {
    seen.length = 0;
    const r = await request("GET", `${base.replace("http://", "http://user:secret@")}/away`, {}, opts);
    expect(r.body.toString()).toBe("elsewhere");
    expect(seen[0]!.auth).toMatch(/^Basic /);
    expect(seen[1]).toEqual({ path: "/there", method: "GET", auth: undefined });
    await expect(request("GET", `${base}/loop`, {}, opts)).rejects.toMatchObject({ code: "E_NETWORK" });
  });

  it("cancels a body over the size cap, and times out a silent server", async () => {
    await expect(request("GET", `${base}/big`, {}, { ...opts, maxBytes: 1000 })).rejects.toMatchObject({ code: "E_PAYLOAD_TOO_LARGE" });
    const err = await request("GET", `${base}/slow`, {}, { ...opts, timeoutMs: 200 }).catch((e) => e);
    expect(err.code).toBe("E_NETWORK");
    expect(err.message).toMatch(/timed out/);
  });
});
