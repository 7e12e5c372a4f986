import { mkdtempSync, rmSync } from "node:fs";
import { type IncomingMessage, request } from "node:http";
import { connect } from "node:net";
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
    limits: {
      maxImportBytes: 256 * 1024,
      bodyIdleMs: 300,
      bodyDeadlineMs: 1000,
      importDeadlineMs: 1500,
      headersDeadlineMs: 800,
    },
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

/**
 * A slowloris on a raw socket: `head` at once, then one byte of `drip` every `everyMs` (always
 * sooner than the server's idle limit), until the server answers and closes. Resolves with the
 * answer's status, its JSON body and how long the connection was held; gives up after `giveUpMs`.
 */
function slowloris(head: string, drip: string, everyMs: number, giveUpMs = 6000) {
  return new Promise<{ status: number; message: string; heldMs: number }>((resolve, reject) => {
    const t0 = performance.now();
    const socket = connect(Number(new URL(server.url).port), "127.0.0.1");
    let answer = "";
    let i = 0;
    const dripping = setInterval(() => socket.write(drip[i++ % drip.length]), everyMs);
    const giveUp = setTimeout(() => {
      socket.destroy();
      reject(new Error(`the server still held the connection after ${giveUpMs} ms`));
    }, giveUpMs);
    socket.write(head);
    socket.on("data", (d) => {
      answer += d;
    });
    socket.on("error", () => {});
    socket.on("close", () => {
      clearInterval(dripping);
      clearTimeout(giveUp);
      const [top, body] = answer.split("\r\n\r\n");
      resolve({
        status: Number(top.split(" ")[1]),
        message: body ? (JSON.parse(body) as { error: { message: string } }).error.message : "",
        heldMs: performance.now() - t0,
      });
    });
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

  it("answers 408 to a body dripped a byte at a time once its deadline passes, never stalling", async () => {
    const head = (path: string, type: string, auth = "") =>
      `POST ${path} HTTP/1.1\r\nHost: localhost\r\n${auth}Content-Type: ${type}\r\nContent-Length: 100000\r\n\r\n`;
    const [run, imported] = await Promise.all([
      slowloris(head("/api/forecast/run", "application/json"), '{"scenario": {}}    ', 100),
      slowloris(
        head("/api/import", "application/x-ndjson", `Authorization: Bearer ${TOKEN}\r\n`),
        `${event(1)}\n`,
        100,
      ),
    ]);
    expect(run.status).toBe(408);
    expect(run.message).toBe("request body too slow: not received whole within 1 s");
    expect(run.heldMs).toBeGreaterThan(950);
    expect(run.heldMs).toBeLessThan(2500);
    // An import has a deadline of its own, for bodies of up to 64 MB.
    expect(imported.status).toBe(408);
    expect(imported.message).toBe("request body too slow: not received whole within 1.5 s");
    expect(imported.heldMs).toBeGreaterThan(1450);
    expect(imported.heldMs).toBeLessThan(3000);
    expect(await store.countEvents({})).toBe(0);
  });

  it("answers 408 and closes a connection whose headers never finish", async () => {
    const r = await slowloris("GET /api/stats HTTP/1.1\r\nHost: localhost\r\nX-Slow: ", "abcdef", 100);
    expect(r.status).toBe(408);
    expect(r.message).toMatch(/^request not received whole in time: headers within 0\.8 s, /);
    expect(r.heldMs).toBeGreaterThan(750);
    expect(r.heldMs).toBeLessThan(2000);
  });
});
