import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadActors, loadLeverage, loadNetwork, loadPhases } from "../../src/analysis/load.ts";
import { phases } from "../../src/analysis/phases.ts";
import { dyadSeries } from "../../src/analysis/series.ts";
import type { AggregateRow } from "../../src/model/index.ts";
import type { Store } from "../../src/store/store.ts";
import { fixtureStore } from "./fixture.ts";

let store: Store;
beforeAll(async () => {
  store = await fixtureStore();
});
afterAll(async () => {
  await store.close();
});

const year = (period: string, count: number, mean: number): AggregateRow => ({
  period,
  direction: "all",
  count,
  q1: mean > 0 ? count : 0,
  q2: 0,
  q3: mean > 0 ? 0 : count,
  q4: 0,
  goldsteinSum: mean * count,
});

describe("phases", () => {
  it("labels phases by the shift of mean Goldstein and ignores empty years", () => {
    const rows = [
      year("2010", 6, 3),
      year("2011", 5, 3.2),
      year("2012", 6, 2.9),
      year("2014", 6, -4),
      year("2015", 5, -4.1),
      year("2016", 6, 3.1),
      year("2017", 6, 3),
    ];
    const r = phases(dyadSeries(rows, "year"), "year", { sigma: 2 });
    expect(r.phases.map((p) => [p.from, p.to, p.label])).toEqual([
      ["2010", "2013", "stable"],
      ["2014", "2015", "cooling"],
      ["2016", "2017", "warming"],
    ]);
    expect(r.turningPoints.map((t) => t.period)).toEqual(["2014", "2016"]);
    expect(r.model).toMatchObject({ method: "PELT", bucket: "year", sigma: 2 });
  });

  it("reads one year against both neighbours as a spike, not a phase, on the running median", () => {
    const rows = ["2008", "2009", "2010", "2011", "2012", "2013", "2014", "2015", "2016"].map((y) =>
      year(y, 6, y === "2012" ? -5 : 3),
    );
    const smoothed = phases(dyadSeries(rows, "year"), "year", { sigma: 2 });
    expect(smoothed.model.smooth).toBe(true);
    expect(smoothed.phases.map((p) => [p.from, p.to])).toEqual([["2008", "2016"]]);
    // The phase's mean is its own events', the spike's included.
    expect(smoothed.phases[0].goldsteinMean).toBeCloseTo((8 * 6 * 3 - 6 * 5) / 54, 3);
    // On the means themselves the one year is a phase of its own.
    const raw = phases(dyadSeries(rows, "year"), "year", { sigma: 2, smooth: false });
    expect(raw.turningPoints.map((t) => [t.period, t.label])).toEqual([
      ["2012", "cooling"],
      ["2013", "warming"],
    ]);
  });

  it("calls no phase where most periods hold a single event, and says why", () => {
    // A clear shift, but eight of the eleven years rest on one report each.
    const shape = ["2000", "2001", "2002", "2003", "2004", "2005", "2006", "2007", "2008", "2009", "2010"];
    const counts = [1, 1, 3, 1, 1, 1, 1, 2, 1, 1, 2];
    const rows = shape.map((y, i) => year(y, counts[i], y < "2006" ? 4 : -6));
    const thin = phases(dyadSeries(rows, "year"), "year", { sigma: 1 });
    expect(thin.phases).toEqual([]);
    expect(thin.turningPoints).toEqual([]);
    expect(thin.model).toMatchObject({ minPeriodEvents: 2, medianPeriodEvents: 1 });
    expect(thin.thin).toBe(
      "too few events to call a phase: the median year with events holds 1 event (15 in 11 years), and phases need 2 or more",
    );
    // Asked to call phases on any record, it finds the shift.
    const forced = phases(dyadSeries(rows, "year"), "year", { sigma: 1, minPeriodEvents: 1 });
    expect([forced.thin, forced.turningPoints.map((t) => [t.period, t.label])]).toEqual([
      null,
      [["2006", "cooling"]],
    ]);
    // Two events in most years are enough.
    const doubled = shape.map((y, i) => year(y, counts[i] + 1, y < "2006" ? 4 : -6));
    const called = phases(dyadSeries(doubled, "year"), "year", { sigma: 1 });
    expect([called.thin, called.model.medianPeriodEvents, called.turningPoints.map((t) => t.period)]).toEqual(
      [null, 2, ["2006"]],
    );
  });

  it("finds the 2016 cooling and 2018 warming of the fixture record, with evidence", async () => {
    const r = await loadPhases(store, { dyad: { a: "CHN", b: "PRK" } }, "year");
    const at = (y: string) => r.phases.find((p) => p.from <= y && y <= p.to)!;
    expect(at("2016").goldsteinMean).toBeLessThan(0);
    expect(at("2018").goldsteinMean).toBeGreaterThan(0);
    expect(at("2016")).not.toBe(at("2018"));
    expect(
      r.turningPoints.some((t) => t.period >= "2016" && t.period <= "2018" && t.label === "warming"),
    ).toBe(true);
    const warm = at("2018");
    expect(warm.evidence.length).toBeGreaterThan(0);
    expect(warm.evidence.every((e) => e.date >= warm.start && e.date <= warm.end)).toBe(true);
  });
});

describe("network, leverage and actors from the store", () => {
  it("builds the network of a period", async () => {
    const n = await loadNetwork(store, { from: "2018", to: "2019" }, "country");
    expect(n.nodes[0].id).toBe("PRK");
    expect(n.edges.find((e) => e.source === "USA" && e.target === "PRK")?.count).toBe(2);
  });

  it("derives UN votes, contacts and trade for the dyad", async () => {
    const l = await loadLeverage(store, "CHN", "PRK");
    expect(l.trade.map((p) => p.period)).toEqual(["2019", "2020", "2021", "2022", "2023"]);
    const r2094 = l.resolutions.find((r) => r.resolution === "2094")!;
    expect(r2094.votes).toEqual({ CHN: "for", USA: "for" });
    expect(l.resolutions.find((r) => r.resolution === "2270")?.votes).toEqual({ CHN: "for", RUS: "for" });
    expect(l.resolutions.some((r) => r.votes.CHN === "veto")).toBe(true);
    expect(l.members).toEqual(["CHN", "FRA", "GBR", "RUS", "USA"]);
    const y2018 = l.contacts.find((c) => c.year === "2018")!;
    expect(y2018).toMatchObject({ visits: 3, summits: 3 });
    expect(l.conflict.find((c) => c.year === "2016")?.conflictShare).toBe(1);
  });

  it("lists actors by volume", async () => {
    const actors = await loadActors(store);
    expect(actors.slice(0, 2).map((a) => a.code)).toEqual(["PRK", "CHN"]);
  });
});
