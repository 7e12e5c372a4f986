import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/server/app.ts";
import { AnswerCache } from "../../src/server/cache.ts";
import { canonicalQuery } from "../../src/server/cached.ts";
import type { Store } from "../../src/store/store.ts";
import { fixtureStore } from "../analysis/fixture.ts";

let store: Store;
beforeAll(async () => {
  store = await fixtureStore();
});
afterAll(() => store.close());

const text = (b: Uint8Array) => new TextDecoder().decode(b);

describe("the answer cache", () => {
  it("computes an answer once for concurrent and repeated requests", async () => {
    const cache = new AnswerCache();
    let calls = 0;
    const load = async () => ({ n: ++calls });
    const [a, b] = await Promise.all([cache.answer("k", load), cache.answer("k", load)]);
    expect(b).toBe(a);
    expect(text(a.body)).toBe('{"n":1}');
    expect(a.etag).toMatch(/^"[\w-]{27}"$/);
    expect((await cache.answer("k", load)).body).toBe(a.body);
    expect(calls).toBe(1);
  });

  it("bounds entries and body bytes, and does not keep failures", async () => {
    const cache = new AnswerCache({ entries: 3, maxBytes: 100, maxBody: 60 });
    // Each body is 12 bytes: a JSON string of 10 characters.
    for (let i = 0; i < 5; i++) await cache.answer(`k${i}`, async () => "x".repeat(10));
    expect(cache.size).toBe(3);
    // Too big to keep: served once, then dropped (after evicting the oldest to make room).
    const big = await cache.answer("big", async () => "x".repeat(70));
    expect(big.body.byteLength).toBe(72);
    expect(cache.size).toBe(2);
    await expect(cache.answer("bad", async () => Promise.reject(new Error("no")))).rejects.toThrow("no");
    let loads = 0;
    await cache.answer("bad", async () => ++loads);
    expect(loads).toBe(1);
    const small = new AnswerCache({ entries: 10, maxBytes: 25, maxBody: 20 });
    for (let i = 0; i < 4; i++) await small.answer(`k${i}`, async () => "x".repeat(10));
    expect(small.size).toBe(2);
  });

  it("computes every time when turned off", async () => {
    const cache = new AnswerCache({ entries: 0 });
    let calls = 0;
    await cache.answer("k", async () => ++calls);
    await cache.answer("k", async () => ++calls);
    expect(calls).toBe(2);
    expect(cache.size).toBe(0);
  });
});

describe("cached answers over HTTP", () => {
  it("serve one body and ETag per query whatever the parameter order, and 304 on If-None-Match", async () => {
    const app = createApp({ store, log: () => {} });
    const a = await app.request("/api/series?dyad=CHN-PRK&bucket=year");
    const b = await app.request("/api/series?bucket=year&dyad=CHN-PRK");
    expect(a.status).toBe(200);
    const etag = a.headers.get("etag");
    expect(etag).toMatch(/^"[\w-]{27}"$/);
    expect(b.headers.get("etag")).toBe(etag);
    expect(await b.text()).toBe(await a.text());
    expect(app.cache.size).toBe(1);
    const other = await app.request("/api/series?dyad=CHN-PRK&bucket=month");
    expect(other.headers.get("etag")).not.toBe(etag);
    const again = await app.request("/api/series?bucket=year&dyad=CHN-PRK", {
      headers: { "If-None-Match": etag! },
    });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
    const stale = await app.request("/api/series?dyad=CHN-PRK&bucket=year", {
      headers: { "If-None-Match": '"stale"' },
    });
    expect(stale.status).toBe(200);
    // A bad query is a 400, never cached under a key.
    expect((await app.request("/api/series?dyad=CHN-PRK&bucket=week")).status).toBe(400);
    expect(app.cache.size).toBe(2);
  });

  it("sorts query parameters by name, then value", () => {
    expect(canonicalQuery("to=2019&from=2016&root=04")).toBe("from=2016&root=04&to=2019");
    expect(canonicalQuery("b=2&a=1&b=1")).toBe("a=1&b=1&b=2");
    expect(canonicalQuery("")).toBe("");
  });
});
