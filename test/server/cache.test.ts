import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/server/app.ts";
import { CachedReader, queryKey } from "../../src/server/cache.ts";
import { canonicalQuery } from "../../src/server/routes/analysis.ts";
import type { Store } from "../../src/store/store.ts";
import { fixtureStore } from "../analysis/fixture.ts";

let store: Store;
beforeAll(async () => {
  store = await fixtureStore();
});
afterAll(() => store.close());

describe("query cache", () => {
  it("keys equal queries alike whatever their key order or undefined fields", () => {
    expect(queryKey("a", { from: "2016", dyad: { b: "PRK", a: "CHN" }, to: undefined })).toBe(
      queryKey("a", { dyad: { a: "CHN", b: "PRK" }, from: "2016" }),
    );
    expect(queryKey("a", { from: "2016" })).not.toBe(queryKey("a", { from: "2017" }));
  });

  it("answers repeated queries from memory and forgets on clear", async () => {
    let calls = 0;
    const counting = new Proxy(store, {
      get(target, prop, receiver) {
        if (prop === "aggregate") calls++;
        const v = Reflect.get(target, prop, receiver);
        return typeof v === "function" ? v.bind(target) : v;
      },
    });
    const reader = new CachedReader(counting);
    const q = { dyad: { a: "CHN", b: "PRK" } };
    const [first, second] = await Promise.all([reader.aggregate(q, "year"), reader.aggregate(q, "year")]);
    expect(second).toBe(first);
    expect(calls).toBe(1);
    reader.clear();
    await reader.aggregate(q, "year");
    expect(calls).toBe(2);
  });

  it("bounds entries and body bytes, and does not keep failures", async () => {
    const reader = new CachedReader(store, { entries: 3, maxBytes: 100, maxBody: 60 });
    for (let i = 0; i < 5; i++) await reader.memo(`k${i}`, async () => new Uint8Array(10));
    expect(reader.size).toBe(3);
    // Too big to keep: it is served once, then dropped (after evicting the oldest to make room).
    await reader.memo("big", async () => new Uint8Array(61));
    expect(reader.size).toBe(2);
    await expect(reader.memo("bad", async () => Promise.reject(new Error("no")))).rejects.toThrow("no");
    await new Promise((r) => setTimeout(r, 0));
    let loads = 0;
    await reader.memo("bad", async () => {
      loads++;
      return new Uint8Array(1);
    });
    expect(loads).toBe(1);
    const small = new CachedReader(store, { entries: 10, maxBytes: 25, maxBody: 20 });
    for (let i = 0; i < 4; i++) await small.memo(`k${i}`, async () => new Uint8Array(10));
    expect(small.size).toBe(2);
  });
});

describe("cached analysis answers over HTTP", () => {
  it("serve one body and ETag per query whatever the parameter order, and 304 on If-None-Match", async () => {
    const app = createApp({ store, log: () => {} });
    const a = await app.request("/api/series?dyad=CHN-PRK&bucket=year");
    const b = await app.request("/api/series?bucket=year&dyad=CHN-PRK");
    expect(a.status).toBe(200);
    const etag = a.headers.get("etag");
    expect(etag).toMatch(/^"[\w-]{27}"$/);
    expect(b.headers.get("etag")).toBe(etag);
    expect(await b.text()).toBe(await a.text());
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
  });

  it("sorts query parameters by name, then value", () => {
    expect(canonicalQuery("to=2019&from=2016&root=04")).toBe("from=2016&root=04&to=2019");
    expect(canonicalQuery("b=2&a=1&b=1")).toBe("a=1&b=1&b=2");
    expect(canonicalQuery("")).toBe("");
  });
});
