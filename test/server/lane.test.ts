import type { MiddlewareHandler } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/server/app.ts";
import { hardening } from "../../src/server/hardening.ts";
import { type RunningServer, startServer } from "../../src/server/serve.ts";
import type { Store } from "../../src/store/store.ts";
import { fixtureStore } from "../analysis/fixture.ts";

let store: Store;
beforeAll(async () => {
  store = await fixtureStore();
});
afterAll(async () => {
  await store.close();
});

/** The headers of a response but its age, as a plain object. */
const headersOf = (res: Response) => {
  const h = Object.fromEntries(res.headers);
  delete h.age;
  return h;
};

describe("the fast lane for cached answers", () => {
  /** An app with hardening, a middleware counting the requests it sees, and the lane. */
  function laneApp() {
    let seen = 0;
    let admit = true;
    const counting: MiddlewareHandler = async (_c, next) => {
      seen++;
      await next();
    };
    const guard = hardening({ corsOrigins: ["https://ok.example"] });
    const app = createApp({
      store,
      log: () => {},
      middleware: [...guard, counting],
      fastLane: { admits: () => admit && guard.admits() },
    });
    return {
      app,
      seen: () => seen,
      admit: (v: boolean) => {
        admit = v;
      },
    };
  }
  const path = "/api/series?dyad=CHN-PRK&bucket=year";

  it("answers a repeated GET without the middleware, with the same headers and body", async () => {
    const t = laneApp();
    const first = await t.app.request(path);
    expect(first.status).toBe(200);
    expect(t.seen()).toBe(1);
    const again = await t.app.request(path);
    expect(t.seen()).toBe(1);
    expect(again.status).toBe(200);
    expect(headersOf(again)).toEqual(headersOf(first));
    expect(again.headers.get("x-content-type-options")).toBe("nosniff");
    expect(again.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    expect(again.headers.get("x-yalu-cache")).toBe("fresh");
    expect(again.headers.get("age")).toMatch(/^\d+$/);
    expect(await again.text()).toBe(await first.text());
    // The same answer under another spelling of the query goes the ordinary way once, then not.
    await t.app.request("/api/series?bucket=year&dyad=CHN-PRK");
    await t.app.request("/api/series?bucket=year&dyad=CHN-PRK");
    expect(t.seen()).toBe(2);
  });

  it("counts Age in whole seconds since the answer was computed", async () => {
    const t = laneApp();
    const first = await t.app.request(path);
    expect(first.headers.get("age")).toBe("0");
    await new Promise((r) => setTimeout(r, 1100));
    const later = await t.app.request(path);
    expect(t.seen()).toBe(1);
    expect(later.headers.get("age")).toBe("1");
    expect(later.headers.get("etag")).toBe(first.headers.get("etag"));
  });

  it("answers If-None-Match with a bodiless 304 carrying the security headers", async () => {
    const t = laneApp();
    const first = await t.app.request(path);
    const etag = first.headers.get("etag")!;
    const ordinary = await t.app.request(path, { headers: { "If-None-Match": '"other"' } });
    expect(ordinary.status).toBe(200);
    const res = await t.app.request(path, { headers: { "If-None-Match": etag } });
    expect(res.status).toBe(304);
    expect(await res.text()).toBe("");
    expect(res.headers.get("etag")).toBe(etag);
    expect(res.headers.get("x-frame-options")).toBe("SAMEORIGIN");
    expect(t.seen()).toBe(1);
  });

  it("leaves CORS, no-cache, other methods and a reached limit to the middleware", async () => {
    const t = laneApp();
    await t.app.request(path);
    const cors = await t.app.request(path, { headers: { Origin: "https://ok.example" } });
    expect(cors.headers.get("access-control-allow-origin")).toBe("https://ok.example");
    const evil = await t.app.request(path, { headers: { Origin: "https://evil.example" } });
    expect(evil.headers.get("access-control-allow-origin")).toBeNull();
    expect(t.seen()).toBe(3);
    const fresh = await t.app.request(path, { headers: { "Cache-Control": "no-cache" } });
    expect(fresh.headers.get("x-yalu-cache")).toBe("fresh");
    expect(t.seen()).toBe(4);
    await t.app.request(path, { method: "HEAD" });
    expect(t.seen()).toBe(5);
    t.admit(false);
    await t.app.request(path);
    expect(t.seen()).toBe(6);
    t.admit(true);
    await t.app.request(path);
    expect(t.seen()).toBe(6);
  });

  it("sends the first request after a write the ordinary way, then the new answer", async () => {
    const t = laneApp();
    const before = await t.app.request(path);
    const version = Number(before.headers.get("x-yalu-data-version"));
    t.app.reader.invalidate();
    // Stale with no refresh running: the ordinary way starts one (and here it is quick).
    const first = await t.app.request(path);
    expect(t.seen()).toBe(2);
    expect(first.headers.get("x-yalu-data-version")).toBe(String(version + 1));
    const again = await t.app.request(path);
    expect(t.seen()).toBe(2);
    expect(again.headers.get("x-yalu-data-version")).toBe(String(version + 1));
    expect(again.headers.get("x-yalu-cache")).toBe("fresh");
  });
});

describe("the fast lane over HTTP", () => {
  let server: RunningServer;
  let base: string;
  beforeAll(async () => {
    server = await startServer({ store, port: 0, host: "127.0.0.1", webRoot: null, log: () => {} });
    base = server.url.replace("localhost", "127.0.0.1").replace(/\/$/, "");
  });
  afterAll(() => server.close());

  it("sends the same status, headers and body as the ordinary way, and 304 on If-None-Match", async () => {
    const path = "/api/network?from=2016&to=2020";
    const first = await fetch(`${base}${path}`);
    const body = await first.text();
    const again = await fetch(`${base}${path}`);
    expect(again.status).toBe(200);
    expect(headersOf(again)).toEqual({ ...headersOf(first), date: again.headers.get("date") });
    expect(await again.text()).toBe(body);
    expect(Number(again.headers.get("content-length"))).toBe(Buffer.byteLength(body));
    const etag = again.headers.get("etag")!;
    const not = await fetch(`${base}${path}`, { headers: { "If-None-Match": etag } });
    expect(not.status).toBe(304);
    expect(not.headers.get("referrer-policy")).toBe("no-referrer");
    expect(await not.text()).toBe("");
  });
});
