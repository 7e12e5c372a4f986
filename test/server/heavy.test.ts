// biome-ignore-all lint/suspicious/noExplicitAny: API response bodies are untyped JSON in tests
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { heavyScenario, manyActors } from "../../bench/heavy.ts";
import { normalizeEvent } from "../../src/model/normalize.ts";
import { createApp } from "../../src/server/app.ts";
import type { JobKind } from "../../src/server/jobs.ts";
import { JobPool } from "../../src/server/pool.ts";
import { MAX_PHASES } from "../../src/server/routes/analysis.ts";
import { forecastRoutes } from "../../src/server/routes/forecast.ts";
import { type RunningServer, startServer } from "../../src/server/serve.ts";
import { openStore } from "../../src/store/open.ts";
import type { Store } from "../../src/store/store.ts";

const post = (scenario: object) => ({
  method: "POST",
  headers: { "content-type": "application/json" },
  body: JSON.stringify({ scenario }),
});

/** A pool whose next job start resolves `started()`. */
function watchedPool(options: ConstructorParameters<typeof JobPool>[0] = {}) {
  let waiters: ((kind: JobKind) => void)[] = [];
  const pool = new JobPool({
    ...options,
    onStart: (kind) => {
      for (const w of waiters) w(kind);
      waiters = [];
    },
  });
  const started = () => new Promise<JobKind>((r) => waiters.push(r));
  return { pool, started };
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "yalu-heavy-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("heavy work runs off the event loop", () => {
  let store: Store;
  let server: RunningServer;
  const watched = watchedPool();

  beforeAll(async () => {
    store = await openStore(join(dir, "flagship.duckdb"), { flagship: true });
    server = await startServer({ store, port: 0, host: "127.0.0.1", pool: watched.pool, log: () => {} });
  });
  afterAll(async () => {
    await server.close();
    await store.close();
  });

  it("answers a cached GET while a heavy POST /api/forecast/run runs", async () => {
    const events = `${server.url}api/events?dyad=CHN-PRK&limit=5`;
    expect((await fetch(events)).status).toBe(200);
    const order: string[] = [];
    const started = watched.started();
    const forecast = fetch(`${server.url}api/forecast/run`, post(heavyScenario(80, 3))).then(async (r) => {
      order.push("forecast");
      return { status: r.status, body: (await r.json()) as any };
    });
    expect(await started).toBe("posted");
    // Several reads, one after another, all while the forecast is still running.
    for (let i = 0; i < 5; i++) {
      const res = await fetch(events);
      expect(res.status).toBe(200);
      expect(((await res.json()) as any).events.length).toBeGreaterThan(0);
      order.push("get");
    }
    const done = await forecast;
    expect(done.status).toBe(200);
    expect(done.body.actors).toHaveLength(80);
    expect(order).toEqual(["get", "get", "get", "get", "get", "forecast"]);
  });

  it("answers a GET while POST /api/code codes a long text", async () => {
    const sentence = "China's foreign minister met North Korea's ambassador in Beijing and urged restraint. ";
    const started = watched.started();
    let coded = false;
    const code = fetch(`${server.url}api/code`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ text: sentence.repeat(600), docDate: "2020-01-01" }),
    }).then(async (r) => {
      coded = true;
      return { status: r.status, body: (await r.json()) as any };
    });
    expect(await started).toBe("code");
    const res = await fetch(`${server.url}api/stats`);
    expect(res.status).toBe(200);
    expect(coded).toBe(false);
    const done = await code;
    expect(done.status).toBe(200);
    expect(done.body.events.length).toBeGreaterThan(100);
    expect(done.body.events[0].source.country).toBe("CHN");
  });

  it("answers a GET while GET /api/network computes the centrality of thousands of actors", async () => {
    // 5,000 dyads among some 3,000 actor codes: 19 s of centrality on the event loop before.
    await store.importEvents(manyActors(20_000, 3000));
    const events = `${server.url}api/events?dyad=CHN-PRK&limit=5`;
    expect((await fetch(events)).status).toBe(200);
    const order: string[] = [];
    const started = watched.started();
    const net = fetch(`${server.url}api/network?level=code&limit=5000`).then(async (r) => {
      order.push("network");
      return { status: r.status, body: (await r.json()) as any };
    });
    const notPooled = new Promise((r) => setTimeout(() => r("no job in the pool after 10 s"), 10_000));
    expect(await Promise.race([started, notPooled])).toBe("network");
    expect((await fetch(events)).status).toBe(200);
    order.push("get");
    const done = await net;
    expect(done.status).toBe(200);
    expect(done.body.nodes.length).toBeGreaterThan(2500);
    expect(done.body.nodes[0].betweenness).toBeGreaterThan(0);
    expect(order).toEqual(["get", "network"]);
    // A small network is computed in place, without a worker.
    const small = await fetch(`${server.url}api/network?dyad=CHN-PRK`);
    expect(small.status).toBe(200);
    expect(((await small.json()) as any).nodes.map((n: any) => n.id)).toEqual(["CHN", "PRK"]);
  });
});

/** Polls `ok` every 20 ms; resolves with the ms it took, or rejects after `ms`. */
async function within(ms: number, ok: () => boolean, what: string): Promise<number> {
  const t0 = performance.now();
  while (!ok()) {
    if (performance.now() - t0 > ms) throw new Error(`${what}: not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
  return performance.now() - t0;
}

describe("a job whose client leaves is cancelled", () => {
  let store: Store;
  let server: RunningServer;
  // One worker, and a budget far past the test's patience: only the cancellation can free it.
  const watched = watchedPool({ size: 1, timeMs: 120_000 });

  beforeAll(async () => {
    store = await openStore(join(dir, "cancel.duckdb"), { flagship: false });
    server = await startServer({ store, port: 0, host: "127.0.0.1", pool: watched.pool, log: () => {} });
  });
  afterAll(async () => {
    await server.close();
    await store.close();
  });

  it("drops a waiting forecast and stops a running one, and the worker serves the next at once", async () => {
    const run = (actors: number, signal?: AbortSignal) =>
      fetch(`${server.url}api/forecast/run`, { ...post(heavyScenario(actors, 3)), signal });
    const [first, second] = [new AbortController(), new AbortController()];
    const started = watched.started();
    // 200 actors × 3 dimensions: tens of seconds of SMP.
    const running = run(200, first.signal).catch((err: Error) => err.name);
    await started;
    const waiting = run(200, second.signal).catch((err: Error) => err.name);
    await within(2000, () => watched.pool.load.waiting === 1, "the second forecast waits");
    second.abort();
    expect(await waiting).toBe("AbortError");
    await within(1000, () => watched.pool.load.waiting === 0, "the waiting forecast is dropped");
    expect(watched.pool.load.running).toBe(1);
    first.abort();
    expect(await running).toBe("AbortError");
    await within(1000, () => watched.pool.load.running === 0, "the running forecast's worker is stopped");
    // A new worker starts for the next job, which is answered in seconds, not after the 200 actors.
    const t0 = performance.now();
    const next = await run(3);
    expect(next.status).toBe(200);
    expect(((await next.json()) as any).actors).toHaveLength(3);
    expect(performance.now() - t0).toBeLessThan(5000);
  });
});

describe("budgets of the worker pool", () => {
  it("stops a forecast past its time budget with a 422 naming it, and the next run works", async () => {
    const pool = new JobPool({ size: 1, timeMs: 100 });
    const app = forecastRoutes({ pool });
    const res = await app.request("/run", post(heavyScenario(80, 3)));
    expect(res.status).toBe(422);
    const { error } = (await res.json()) as any;
    expect(error.message).toMatch(/the forecast ran past its budget of 0\.1 s: try fewer actors/);
    const small = await app.request("/run", post(heavyScenario(3, 1)));
    expect(small.status).toBe(200);
    await pool.close();
  });

  it("answers 503 with Retry-After when every worker is busy and the queue is full", async () => {
    const { pool, started } = watchedPool({ size: 1, queue: 0 });
    const app = forecastRoutes({ pool });
    const first = app.request("/run", post(heavyScenario(80, 3)));
    await started();
    const second = await app.request("/run", post(heavyScenario(3, 1)));
    expect(second.status).toBe(503);
    expect(second.headers.get("retry-after")).toBe("2");
    expect(((await second.json()) as any).error.message).toMatch(/the server is busy/);
    expect((await first).status).toBe(200);
    await pool.close();
  });

  it("refuses /api/phases over its phase limit with a 422 naming penalty", async () => {
    const store = await openStore(join(dir, "phases.duckdb"), { flagship: false });
    // Cooperation and conflict on alternate days, two events a day (a day of one event is too thin
    // to call a phase): with penalty 0 every day is a phase.
    const day = (i: number) => new Date(Date.UTC(2001, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
    const actor = (code: string) => ({ code, country: code, name: null });
    await store.importEvents(
      Array.from({ length: 4 * MAX_PHASES }, (_, i) =>
        normalizeEvent({
          date: day(i >> 1),
          source: actor("CHN"),
          target: actor("PRK"),
          cameo: (i >> 1) % 2 ? "190" : "057",
          evidence: {
            docId: `day ${i >> 1}`,
            sentence: `Sentence ${i % 2}.`,
            start: null,
            end: null,
            citation: null,
          },
        }),
      ),
    );
    const pool = new JobPool({ size: 1 });
    const app = createApp({ store, pool, log: () => {} });
    const over = await app.request("/api/phases?dyad=CHN-PRK&bucket=day&penalty=0");
    expect(over.status).toBe(422);
    const { error } = (await over.json()) as any;
    expect(error.parameter).toBe("penalty");
    expect(error.message).toMatch(
      new RegExp(`^\\d+ phases in the window, more than ${MAX_PHASES}: raise penalty`),
    );
    const fine = await app.request("/api/phases?dyad=CHN-PRK&bucket=year");
    expect(fine.status).toBe(200);
    expect(((await fine.json()) as any).phases.length).toBeGreaterThan(0);
    await pool.close();
    await store.close();
  });
});
