import { mkdtempSync, rmSync } from "node:fs";
import { type IncomingMessage, request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningServer, startServer } from "../../src/server/serve.ts";
import { openStore } from "../../src/store/open.ts";
import type { Store } from "../../src/store/store.ts";

// Request bodies against a real server: a refused request never waits for its body, a stalled body
// is dropped, a chunked body counts against the same limit, and bytes that are not UTF-8 are named.
const TOKEN = "body-token";
let dir: string;
let store: Store;
let server: RunningServer;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "yalu-bodies-"));
  store = await openStore(join(dir, "db.duckdb"), { flagship: false });
  server = await startServer({
    store,
    port: 0,
    host: "127.0.0.1",
    token: TOKEN,
    log: () => {},
    limits: { maxImportBytes: 256 * 1024, bodyIdleMs: 300 },
  });
});
afterAll(async () => {
  await server.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

/**
 * A chunked POST that sends `chunks` and then keeps the body open (never ends it): resolves with the
 * answer the server gives meanwhile; the socket is closed once it has answered.
 */
function openPost(path: string, headers: Record<string, string>, chunks: string[]) {
  return new Promise<{ status: number; body: { error?: { message: string } } }>((resolve, reject) => {
    const url = new URL(path, server.url);
    const req = request(url, { method: "POST", headers: { ...headers, "transfer-encoding": "chunked" } });
    req.on("response", (res: IncomingMessage) => {
      let text = "";
      res.on("data", (d) => {
        text += d;
      });
      res.on("end", () => {
        req.destroy();
        resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) });
      });
    });
    req.on("error", reject);
    req.flushHeaders();
    for (const c of chunks) req.write(c);
  });
}

const event = (i: number) =>
  JSON.stringify({
    date: "2020-01-01",
    source: { code: "CHN", country: "CHN", name: null },
    target: { code: "PRK", country: "PRK", name: null },
    cameo: "042",
    description: `visit ${i}`,
  });

describe("request bodies", () => {
  it("answers 401 to an import without the token while its body is still open", async () => {
    const r = await openPost("/api/import", { "content-type": "application/x-ndjson" }, [
      `${event(1)}\n`.repeat(1000),
    ]);
    expect(r.status).toBe(401);
    expect(r.body.error?.message).toBe("missing or wrong bearer token");
    expect(await store.countEvents({})).toBe(0);
  });

  it("answers 415 to a wrong content type while its body is still open", async () => {
    const r = await openPost("/api/forecast/run", { "content-type": "text/plain" }, ['{"scenario":']);
    expect(r.status).toBe(415);
  });

  it("drops a body that stalls (408) and stores nothing", async () => {
    const auth = { authorization: `Bearer ${TOKEN}`, "content-type": "application/x-ndjson" };
    const r = await openPost("/api/import", auth, [`${event(1)}\n`]);
    expect(r.status).toBe(408);
    expect(r.body.error?.message).toMatch(/^request body stalled: nothing received for 0\.3 s$/);
    expect(await store.countEvents({})).toBe(0);
  });

  it("counts a chunked body against the import limit (413)", async () => {
    const auth = { authorization: `Bearer ${TOKEN}`, "content-type": "application/x-ndjson" };
    const big = `${event(1)}\n`.repeat(Math.ceil((300 * 1024) / event(1).length));
    const r = await openPost("/api/import", auth, [big]);
    expect(r.status).toBe(413);
    expect(r.body.error?.message).toBe(`request body larger than ${256 * 1024} bytes`);
    expect(await store.countEvents({})).toBe(0);
  });

  it("names the line and byte of invalid UTF-8 in a body, and stores nothing", async () => {
    const good = Buffer.from(`${event(1)}\n${event(2)}\n`);
    const bad = Buffer.concat([
      good,
      Buffer.from(event(3).replace("visit", "visit \u0000")),
      Buffer.from([0xff]),
    ]);
    const res = await fetch(new URL("/api/import", server.url), {
      method: "POST",
      headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/x-ndjson" },
      body: bad,
    });
    expect(res.status).toBe(400);
    const { error } = (await res.json()) as { error: { message: string; parameter: string } };
    expect(error.message).toBe(`body: invalid UTF-8 at line 3, byte ${bad.length - 1}`);
    expect(error.parameter).toBe("body");
    const code = await fetch(new URL("/api/code", server.url), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: Buffer.concat([
        Buffer.from('{"text": "China '),
        Buffer.from([0xc3, 0x28]),
        Buffer.from(' visits"}'),
      ]),
    });
    expect(code.status).toBe(400);
    expect(((await code.json()) as { error: { message: string } }).error.message).toBe(
      "body: invalid UTF-8 at line 1, byte 16",
    );
    expect(await store.countEvents({})).toBe(0);
  });
});
