// biome-ignore-all lint/suspicious/noExplicitAny: API response bodies are untyped JSON in tests
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Answer, AnswerCache } from "../../src/server/cache.ts";
import { parseJsonl } from "../../src/server/routes/write.ts";
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

const value = (a: Answer) => JSON.parse(new TextDecoder().decode(a.body));

describe("stale-while-revalidate answers", () => {
  it("serve the last answer after a write while one refresh computes the new one", async () => {
    const c = new AnswerCache({ revalidateWait: 0 });
    const g = gated();
    const first = c.answer("k", g.load);
    g.release("old");
    const old = await first;
    expect(value(old)).toBe("old");
    expect(c.current(old)).toBe(true);
    expect(c.written()).toBe(1);
    expect(c.current(old)).toBe(false);
    // Every request meanwhile gets the old answer at once; one refresh runs.
    const others = await Promise.all([1, 2, 3].map(() => c.answer("k", g.load)));
    expect(others.map(value)).toEqual(["old", "old", "old"]);
    expect(others.map((a) => c.versionOf(a))).toEqual([0, 0, 0]);
    expect(g.calls()).toBe(2);
    g.release("new");
    await new Promise((r) => setImmediate(r));
    const now = await c.answer("k", g.load);
    expect(value(now)).toBe("new");
    expect(c.versionOf(now)).toBe(1);
    expect(c.current(now)).toBe(true);
    expect(g.calls()).toBe(2);
  });

  it("let the request that starts a refresh wait briefly for it, so a quick one is seen at once", async () => {
    const c = new AnswerCache({ revalidateWait: 1000 });
    let n = 0;
    await c.answer("k", async () => ++n);
    c.written();
    const quick = await c.answer("k", async () => ++n);
    expect(value(quick)).toBe(2);
    expect(c.current(quick)).toBe(true);
    // A slow refresh: the request gets the stale answer when the wait runs out.
    const slow = new AnswerCache({ revalidateWait: 5 });
    await slow.answer("k", async () => "old");
    slow.written();
    const g = gated();
    const a = await slow.answer("k", g.load);
    expect(value(a)).toBe("old");
    expect(slow.current(a)).toBe(false);
    g.release("new");
  });

  it("answer a request that asks for fresh at the current version", async () => {
    const c = new AnswerCache({ revalidateWait: 0 });
    let n = 0;
    const load = async () => ++n;
    expect(value(await c.answer("k", load))).toBe(1);
    c.written();
    const fresh = await c.answer("k", load, { fresh: true });
    expect(value(fresh)).toBe(2);
    expect(c.current(fresh)).toBe(true);
    // A refresh that started before a write is not fresh enough.
    c.written();
    const g = gated();
    const stale = c.answer("k", g.load);
    c.written();
    const waiting = c.answer("k", g.load, { fresh: true });
    g.release("before");
    expect(value(await stale)).toBe(2);
    await new Promise((r) => setImmediate(r));
    g.release("after");
    const after = await waiting;
    expect(value(after)).toBe("after");
    expect(c.versionOf(after)).toBe(3);
  });

  it("keep the old answer when a refresh fails, and retry on the next request", async () => {
    const c = new AnswerCache({ revalidateWait: 0 });
    await c.answer("k", async () => "old");
    c.written();
    expect(value(await c.answer("k", async () => Promise.reject(new Error("down"))))).toBe("old");
    await new Promise((r) => setImmediate(r));
    expect(value(await c.answer("k", async () => "old again"))).toBe("old");
    await new Promise((r) => setImmediate(r));
    const now = await c.answer("k", async () => "new");
    expect(value(now)).toBe("old again");
    expect(c.current(now)).toBe(true);
  });

  it("keep answers marked keepOnImport current across an import, not across other writes", async () => {
    const c = new AnswerCache();
    let loads = 0;
    const load = async () => `v${++loads}`;
    const event = await c.answer("event", load, { keepOnImport: true });
    const list = await c.answer("list", load);
    expect(c.written("import")).toBe(1);
    expect(c.current(event)).toBe(true);
    expect(c.versionOf(event)).toBe(1);
    expect(c.current(list)).toBe(false);
    expect(value(await c.answer("event", load, { keepOnImport: true }))).toBe("v1");
    expect(loads).toBe(2);
    c.written();
    expect(c.current(event)).toBe(false);
  });
});

describe("reads during and after an import through the API", () => {
  let t: TestApp;
  const auth = { Authorization: "Bearer tok", "Content-Type": "application/x-ndjson" };
  /** The cache's clock, moved by hand. */
  let clock = Date.UTC(2026, 0, 1);
  beforeAll(async () => {
    t = await flagshipApp({ token: "tok", cache: { now: () => clock } });
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
    clock += 1100;
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
    expect(after.headers.get("age")).toBe("1");
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
