import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { dateEnd, dateStart, type Event } from "../../src/model/event.ts";
import type { EventQuery, IndicatorPoint } from "../../src/model/index.ts";
import type { Store } from "../../src/store/store.ts";
import { fixtureEvents } from "./fixtures.ts";

const ids = (events: Event[]) => events.map((e) => e.id);
/** Ids in the stores' order (`ORDER BY date_start, date_end, id`): first day, then last day, then id. */
const byDate = (events: Event[]) =>
  ids(
    [...events].sort(
      (x, y) =>
        dateStart(x.date).localeCompare(dateStart(y.date)) ||
        dateEnd(x.date).localeCompare(dateEnd(y.date)) ||
        (x.id < y.id ? -1 : x.id > y.id ? 1 : 0),
    ),
  );
/** Engines may sum floats in any order: compare Goldstein sums to 6 decimals. */
const rounded = <T extends { goldsteinSum: number }>(rows: T[]) =>
  rows.map((r) => ({ ...r, goldsteinSum: Math.round(r.goldsteinSum * 1e6) / 1e6 }));

/**
 * The engine-neutral `Store` test suite. Each backend runs it with a function that opens a new,
 * empty store (a fresh DuckDB file, a fresh ClickHouse database).
 */
export function describeStoreSuite(name: string, open: () => Promise<Store>): void {
  const all = fixtureEvents();
  // The query tests import the events in reverse, so every expected list is sorted here, not given.
  const imported = [...all].reverse();
  const pick = (pred: (e: Event) => boolean) => byDate(imported.filter(pred));

  describe(`${name}: import`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await open();
    });
    afterEach(async () => {
      await store.close();
    });

    it("stores a batch and skips it entirely on re-import", async () => {
      expect(await store.importEvents(all)).toEqual({ inserted: all.length, duplicates: 0 });
      expect(await store.importEvents(all)).toEqual({ inserted: 0, duplicates: all.length });
      expect(await store.countEvents({})).toBe(all.length);
    });

    it("stores the same event twice in one batch once", async () => {
      const [a, b] = all;
      expect(await store.importEvents([a, b, a, { ...a }])).toEqual({ inserted: 2, duplicates: 2 });
      expect(await store.countEvents({})).toBe(2);
    });

    it("accepts async iterables", async () => {
      async function* gen() {
        for (const e of all) yield e;
      }
      expect((await store.importEvents(gen())).inserted).toBe(all.length);
    });

    it("leaves the store unchanged when the source fails mid-batch", async () => {
      await store.importEvents(all.slice(0, 2));
      async function* failing() {
        yield all[2];
        yield all[3];
        throw new Error("bad row 3");
      }
      await expect(store.importEvents(failing())).rejects.toThrow("bad row 3");
      expect(ids(await store.queryEvents({}))).toEqual(byDate(all.slice(0, 2)));
    });

    it("leaves the store unchanged when the engine rejects the third event", async () => {
      await store.importEvents(all.slice(0, 2));
      const broken = { ...all[4], source: { ...all[4].source, code: null } } as unknown as Event;
      await expect(store.importEvents([all[2], all[3], broken, all[5]])).rejects.toThrow();
      expect(await store.countEvents({})).toBe(2);
      // The store still works after the rollback.
      expect((await store.importEvents(all)).inserted).toBe(all.length - 2);
    });

    it("imports an empty batch", async () => {
      expect(await store.importEvents([])).toEqual({ inserted: 0, duplicates: 0 });
    });
  });

  describe(`${name}: queries`, () => {
    let store: Store;
    const q = async (query: EventQuery) => ids(await store.queryEvents(query));
    beforeAll(async () => {
      store = await open();
      await store.importEvents(imported);
    });
    afterAll(async () => {
      await store.close();
    });

    it("returns events as imported, in date order", async () => {
      const events = await store.queryEvents({});
      expect(ids(events)).toEqual(byDate(imported));
      expect(ids(events)).not.toEqual(ids(imported));
      const starts = events.map((e) => dateStart(e.date));
      expect(starts).toEqual([...starts].sort());
      // Every field round-trips (the fixture lists its events in date order).
      expect(events).toEqual(all);
      expect(await q({ order: "desc" })).toEqual(byDate(imported).reverse());
    });

    it("gets one event by id", async () => {
      expect(await store.getEvent(all[4].id)).toEqual(all[4]);
      expect(await store.getEvent("no-such-id")).toBeNull();
    });

    it("filters an unordered and an ordered dyad", async () => {
      const chnPrk = pick((e) => /^(CHN.*PRK|PRK.*CHN)/.test(`${e.source.code} ${e.target.code}`));
      expect(await q({ dyad: { a: "CHN", b: "PRK" } })).toEqual(chnPrk);
      expect(await q({ dyad: { a: "PRK", b: "CHN" } })).toEqual(chnPrk);
      expect(await q({ dyad: { a: "CHN", b: "PRK", directed: true } })).toEqual(
        pick((e) => e.source.code.startsWith("CHN") && e.target.code.startsWith("PRK")),
      );
      expect(await q({ dyad: { a: "CHNGOV", b: "PRKGOV", directed: true } })).toEqual(
        pick((e) => e.source.code === "CHNGOV" && e.target.code === "PRKGOV"),
      );
      expect(await store.countEvents({ dyad: { a: "CHN", b: "PRK" } })).toBe(chnPrk.length);
    });

    it("filters by actor code prefix on either side, source or target", async () => {
      expect(await q({ actor: "USA" })).toEqual(
        pick((e) => [e.source.code, e.target.code].some((c) => c.startsWith("USA"))),
      );
      expect(await q({ actor: "IGOUNO" })).toEqual([all[8].id]);
      expect(await q({ source: "PRK" })).toEqual(pick((e) => e.source.code.startsWith("PRK")));
      expect(await q({ target: "PRKGOV" })).toEqual(pick((e) => e.target.code === "PRKGOV"));
      expect(await q({ actor: "PRKG" })).toEqual(
        pick((e) => [e.source.code, e.target.code].includes("PRKGOV")),
      );
      expect(await q({ actor: "%" })).toEqual([]);
    });

    it("keeps machine-coded events (those with a confidence) apart, and filters by confidence", async () => {
      const machine = pick((e) => e.confidence !== null);
      expect(machine.length).toBeGreaterThan(0);
      expect(await q({ machine: true })).toEqual(machine);
      expect(await q({ machine: false })).toEqual(pick((e) => e.confidence === null));
      expect(await q({ minConfidence: 0.7 })).toEqual(
        pick((e) => e.confidence !== null && e.confidence >= 0.7),
      );
      expect(await q({ minConfidence: 0.8 })).toEqual(
        pick((e) => e.confidence !== null && e.confidence >= 0.8),
      );
      expect(await store.countEvents({ machine: true, dyad: { a: "CHN", b: "PRK" } })).toBe(
        pick((e) => e.confidence !== null && /^(CHN.*PRK|PRK.*CHN)/.test(`${e.source.code} ${e.target.code}`))
          .length,
      );
    });

    it("filters by CAMEO prefix, root and quad class", async () => {
      expect(await q({ cameo: ["04"] })).toEqual(pick((e) => e.root === "04"));
      expect(await q({ cameo: ["043", "163"] })).toEqual(pick((e) => e.cameo === "043" || e.cameo === "163"));
      expect(await q({ root: ["11", "12"] })).toEqual(pick((e) => e.root === "11" || e.root === "12"));
      expect(await q({ quadClass: [4] })).toEqual(pick((e) => e.quadClass === 4));
      expect(await q({ quadClass: [1, 2], root: ["05"] })).toEqual(pick((e) => e.root === "05"));
    });

    it("selects events overlapping a date range of any precision", async () => {
      expect(await q({ from: "2016", to: "2016" })).toEqual(pick((e) => e.date === "2016"));
      expect(await q({ from: "2016-06-01", to: "2016-06-01" })).toEqual(pick((e) => e.date === "2016"));
      expect(await q({ from: "2013-03-15", to: "2013-03-15" })).toEqual(pick((e) => e.date === "2013-03"));
      expect(await q({ to: "2013-02" })).toEqual([all[0].id]);
      expect(await q({ from: "2018-06", to: "2018-06" })).toEqual(pick((e) => e.date.startsWith("2018-06")));
      expect(await q({ from: "2022" })).toEqual(pick((e) => e.date >= "2022"));
      await expect(store.queryEvents({ from: "2013-13" })).rejects.toThrow('"2013-13"');
    });

    it("searches sentence, description and citation title without case", async () => {
      expect(await q({ text: "NUCLEAR" })).toEqual([all[0].id]);
      expect(await q({ text: "coal" })).toEqual([all[2].id]);
      expect(await q({ text: "visits beijing" })).toEqual([all[4].id]);
      expect(await q({ text: "beijing" })).toEqual([all[1].id, all[4].id]);
      expect(await q({ text: "100%" })).toEqual([all[1].id]);
      expect(await q({ text: "1_0" })).toEqual([]);
    });

    it("treats SQL-like input as plain text", async () => {
      const hostile = ["'; DROP TABLE events; --", '" OR 1=1 --', "') OR ('1'='1", "\\'"];
      for (const text of hostile) {
        expect(await q({ text })).toEqual([]);
        expect(await q({ actor: text })).toEqual([]);
        expect(await q({ dyad: { a: text, b: "PRK" } })).toEqual([]);
        expect(await q({ cameo: [text], root: [text] })).toEqual([]);
      }
      expect(await store.countEvents({})).toBe(all.length);
    });

    it("pages with limit and offset", async () => {
      const sorted = byDate(imported);
      expect(await q({ limit: 3 })).toEqual(sorted.slice(0, 3));
      expect(await q({ limit: 3, offset: 3 })).toEqual(sorted.slice(3, 6));
      expect(await q({ offset: 8 })).toEqual(sorted.slice(8));
      expect(await q({ order: "desc", limit: 2 })).toEqual([...sorted].reverse().slice(0, 2));
      expect(await q({ limit: 0 })).toEqual([]);
    });

    it("aggregates a dyad by month with directions", async () => {
      const rows = rounded(await store.aggregate({ dyad: { a: "CHN", b: "PRK" } }, "month"));
      expect(rows).toEqual([
        { period: "2013-02", direction: "ab", count: 1, q1: 0, q2: 0, q3: 1, q4: 0, goldsteinSum: -2 },
        { period: "2013-03", direction: "ba", count: 1, q1: 1, q2: 0, q3: 0, q4: 0, goldsteinSum: 1 },
        { period: "2016-01", direction: "ab", count: 1, q1: 0, q2: 0, q3: 0, q4: 1, goldsteinSum: -8 },
        { period: "2018-03", direction: "ba", count: 1, q1: 1, q2: 0, q3: 0, q4: 0, goldsteinSum: 1.9 },
        { period: "2018-06", direction: "ba", count: 1, q1: 1, q2: 0, q3: 0, q4: 0, goldsteinSum: 2.8 },
        { period: "2019-06", direction: "ab", count: 1, q1: 1, q2: 0, q3: 0, q4: 0, goldsteinSum: 1.9 },
      ]);
    });

    it("aggregates by quarter and year, directed or over everything", async () => {
      const quarters = await store.aggregate({ dyad: { a: "PRK", b: "CHN", directed: true } }, "quarter");
      expect(quarters.map((r) => [r.period, r.direction, r.count])).toEqual([
        ["2013-Q1", "ab", 1],
        ["2018-Q1", "ab", 1],
        ["2018-Q2", "ab", 1],
      ]);
      const years = rounded(await store.aggregate({ from: "2018", to: "2018" }, "year"));
      expect(years).toEqual([
        { period: "2018", direction: "all", count: 3, q1: 3, q2: 0, q3: 0, q4: 0, goldsteinSum: 12.7 },
      ]);
      const days = await store.aggregate({ root: ["13"] }, "day");
      expect(days.map((r) => r.period)).toEqual(["2017-09-03"]);
    });

    it("lists dyads by volume", async () => {
      const rows = rounded(await store.dyads({}, 2));
      expect(rows).toEqual([
        { source: "PRKGOV", target: "CHNGOV", count: 3, goldsteinSum: 5.7, conflict: 0, cooperation: 3 },
        { source: "CHNGOV", target: "PRKGOV", count: 2, goldsteinSum: -0.1, conflict: 1, cooperation: 1 },
      ]);
      expect(await store.dyads({ quadClass: [4] }, 10)).toEqual([
        { source: "CHN", target: "PRK", count: 1, goldsteinSum: -8, conflict: 1, cooperation: 0 },
      ]);
    });

    it("reports stats", async () => {
      const stats = await store.stats();
      expect(stats).toMatchObject({
        events: all.length,
        firstDate: "2013-02-12",
        lastDate: "2023-09-13",
        indicators: 0,
      });
      expect(stats.actors).toBe(new Set(all.flatMap((e) => [e.source.code, e.target.code])).size);
      expect(stats.byRoot).toEqual({ "04": 4, "05": 1, "06": 1, "11": 1, "12": 1, "13": 1, "16": 1 });
      expect(stats.byOrigin).toEqual({ coder: 1, gdelt: 3, yalu: 6 });
    });
  });

  describe(`${name}: indicators`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await open();
    });
    afterEach(async () => {
      await store.close();
    });
    const point = (period: string, value: number, series = "total"): IndicatorPoint => ({
      indicator: "trade",
      subject: "CHN-PRK",
      series,
      period,
      value,
      unit: "USD",
      source: "test",
      url: null,
      note: null,
    });

    it("stores, replaces and filters points", async () => {
      expect(
        await store.putIndicators([
          point("2019", 2.8e9),
          point("2018", 2.4e9),
          point("2019", 1e9, "exports"),
        ]),
      ).toBe(3);
      expect(await store.putIndicators([point("2019", 2.9e9)])).toBe(1);
      const points = await store.indicators({ indicator: "trade", subject: "CHN-PRK" });
      expect(points).toEqual([point("2019", 1e9, "exports"), point("2018", 2.4e9), point("2019", 2.9e9)]);
      expect(await store.indicators({ subject: "CHN-KOR" })).toEqual([]);
      expect((await store.stats()).indicators).toBe(3);
    });

    it("rejects a non-finite value without storing anything", async () => {
      await expect(store.putIndicators([point("2019", 1), point("2020", Number.NaN)])).rejects.toThrow("NaN");
      expect(await store.indicators({})).toEqual([]);
    });
  });
}
