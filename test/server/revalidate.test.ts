// biome-ignore-all lint/suspicious/noExplicitAny: API response bodies are untyped JSON in tests
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CachedReader } from "../../src/server/cache.ts";
import { parseJsonl } from "../../src/server/routes/write.ts";
import type { Store } from "../../src/store/store.ts";
import { flagshipApp, type TestApp } from "./helpers.ts";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A load that resolves only when released, counting its calls. */
function gated() {
  let calls = 0;
  const gates: ((v: string) => void)[] = [];
  const load = () => {
    calls++;
    return new Promise<string>((r) => gates.push(r));
  };
  return { load, release: (v: string) => gates.shift()!(v), calls: () => calls };
}

describe("stale-while-revalidate answers", () => {
  const reader = () => new CachedReader({} as Store, { revalidateWait: 20 });

  it("serve the last answer after a write while one refresh computes the new one", async () => {
    const r = reader();
    const g = gated();
    const first = r.answer("k", g.load);
    g.release("old");
    expect(await first).toMatchObject({ value: "old", version: 0, stale: false });
    expect(r.invalidate()).toBe(1);
    // The first request starts the refresh and waits briefly for it; it is slow, so: the old answer.
    const t0 = performance.now();
    expect(await r.answer("k", g.load)).toMatchObject({ value: "old", version: 0, stale: true });
    expect(performance.now() - t0).toBeLessThan(1000);
    // Everyone else meanwhile gets the old answer at once, without another computation.
    const others = await Promise.all([1, 2, 3].map(() => r.answer("k", g.load)));
    expect(others.map((a) => a.value)).toEqual(["old", "old", "old"]);
    expect(g.calls()).toBe(2);
    g.release("new");
    await sleep(0);
    expect(await r.answer("k", g.load)).toMatchObject({ value: "new", version: 1, stale: false });
    expect(g.calls()).toBe(2);
  });

  it("answer the first request fresh when the refresh is quick, and on demand", async () => {
    const r = reader();
    let n = 0;
    const load = async () => ++n;
    expect((await r.answer("k", load)).value).toBe(1);
    r.invalidate();
    expect(await r.answer("k", load)).toMatchObject({ value: 2, version: 1, stale: false });
    r.invalidate();
    const g = gated();
    const fresh = r.answer("k", g.load, true);
    g.release("now");
    expect(await fresh).toMatchObject({ value: "now", version: 2, stale: false });
  });

  it("keep the old answer when a refresh fails, and retry on the next request", async () => {
    const r = reader();
    await r.answer("k", async () => "old");
    r.invalidate();
    expect((await r.answer("k", async () => Promise.reject(new Error("down")))).value).toBe("old");
    await sleep(0);
    expect(await r.answer("k", async () => "new")).toMatchObject({ value: "new", stale: false });
  });

  it("keep answers marked keepOnImport current across an import, not across other writes", async () => {
    const r = reader();
    let loads = 0;
    const load = async () => `v${++loads}`;
    await r.answer("event", load, false, true);
    await r.answer("list", load);
    expect(r.invalidate("import")).toBe(1);
    expect(await r.answer("event", load, false, true)).toMatchObject({
      value: "v1",
      version: 1,
      stale: false,
    });
    expect(r.peek("event")).toMatchObject({ value: "v1", version: 1, stale: false });
    expect(r.peek("list")).toBeNull();
    expect(loads).toBe(2);
    r.invalidate();
    expect(r.peek("event")).toBeNull();
  });

  it("run at most `refreshes` refreshes at once", async () => {
    const r = new CachedReader({} as Store, { revalidateWait: 0, refreshes: 1 });
    for (const k of ["a", "b"]) await r.answer(k, async () => `${k}0`);
    r.invalidate();
    const g = gated();
    await r.answer("a", g.load);
    await r.answer("b", g.load);
    await sleep(5);
    expect(g.calls()).toBe(1);
    g.release("a1");
    await sleep(5);
    expect(g.calls()).toBe(2);
    g.release("b1");
    await sleep(0);
    expect((await r.answer("b", g.load)).value).toBe("b1");
  });
});

describe("reads during and after an import through the API", () => {
  let t: TestApp;
  const auth = { Authorization: "Bearer tok" };
  beforeAll(async () => {
    t = await flagshipApp({ token: "tok" });
  });
  afterAll(() => t.close());

  it("see the old or the new state, then the new one, with the data version in a header", async () => {
    const path = "/api/events?dyad=CHN-PRK&from=2027&limit=5";
    const read = async () => {
      const res = await t.app.request(path);
      expect(res.status).toBe(200);
      return {
        version: Number(res.headers.get("x-yalu-data-version")),
        total: ((await res.json()) as any).total,
      };
    };
    const before = await read();
    expect(before.total).toBe(0);
    const body = Array.from({ length: 2000 }, (_, i) =>
      JSON.stringify({
        date: `2027-01-${String((i % 28) + 1).padStart(2, "0")}`,
        source: { code: "CHNGOV" },
        target: { code: "PRKGOV" },
        cameo: "042",
        evidence: { docId: `doc-${i}` },
      }),
    ).join("\n");
    let done = false;
    const importing = Promise.resolve(
      t.app.request("/api/import", { method: "POST", body, headers: auth }),
    ).finally(() => {
      done = true;
    });
    const seen: { version: number; total: number }[] = [];
    // (A cached read completes in microtasks: give the import's I/O a turn between reads.)
    while (!done) {
      seen.push(await read());
      await sleep(1);
    }
    const res = await importing;
    expect(await res.json()).toEqual({ inserted: 2000, duplicates: 0 });
    const version = Number(res.headers.get("x-yalu-data-version"));
    expect(version).toBeGreaterThan(before.version);
    // Eventually (here: at once, the refresh is quick) the new state, under the new version.
    for (let i = 0; i < 50 && seen.at(-1)?.total !== 2000; i++) {
      seen.push(await read());
      await sleep(20);
    }
    expect(seen.at(-1)).toEqual({ version, total: 2000 });
    expect(seen.filter((s) => s.total !== 0 && s.total !== 2000)).toEqual([]);
    expect(seen.filter((s) => s.total === 2000 && s.version < version)).toEqual([]);
    const fresh = await t.app.request(path, { headers: { "Cache-Control": "no-cache" } });
    expect(fresh.headers.get("x-yalu-cache")).toBe("fresh");
    expect(fresh.headers.get("age")).toMatch(/^\d+$/);
  });

  it("keep an event's answer current across an import, which never changes a stored event", async () => {
    const list = (await (await t.app.request("/api/events?dyad=CHN-PRK&limit=1")).json()) as any;
    const stored = list.events[0];
    const path = `/api/events/${encodeURIComponent(stored.id)}`;
    const before = await t.app.request(path);
    const body = await before.text();
    await sleep(1100);
    // The same id again, changed (skipped as a duplicate), and a new event.
    const lines = [
      { ...stored, description: "changed" },
      {
        date: "2027-02-01",
        source: { code: "CHNGOV" },
        target: { code: "PRKGOV" },
        cameo: "042",
        id: "new-event-1",
      },
    ];
    const res = await t.app.request("/api/import", {
      method: "POST",
      body: lines.map((l) => JSON.stringify(l)).join("\n"),
      headers: auth,
    });
    expect(await res.json()).toEqual({ inserted: 1, duplicates: 1 });
    const version = res.headers.get("x-yalu-data-version");
    const after = await t.app.request(path);
    expect(after.headers.get("x-yalu-data-version")).toBe(version);
    expect(after.headers.get("x-yalu-cache")).toBe("fresh");
    expect(await after.text()).toBe(body);
    expect(after.headers.get("etag")).toBe(before.headers.get("etag"));
    // Not recomputed: still the answer of before the import (a new one would be 0 s old).
    expect(Number(after.headers.get("age"))).toBeGreaterThanOrEqual(1);
  });

  it("parse a large body in slices, leaving the event loop free in between", async () => {
    const body = Array.from({ length: 5000 }, (_, i) =>
      JSON.stringify({
        date: "2020-01-01",
        source: { code: "CHN" },
        target: { code: "PRK" },
        cameo: "042",
        id: `e${i}`,
      }),
    ).join("\n");
    let ticks = 0;
    const timer = setInterval(() => ticks++, 0);
    const t0 = performance.now();
    const events = await parseJsonl(body);
    const ms = performance.now() - t0;
    clearInterval(timer);
    expect(events).toHaveLength(5000);
    // Timers ran while parsing (the parse takes tens of ms; each slice at most ~8 ms).
    if (ms > 40) expect(ticks).toBeGreaterThan(1);
    await expect(parseJsonl('{"date":"2020"}\nnot json')).rejects.toThrow("line 1");
  });
});
