import { describe, expect, it } from "vitest";
import { dyadSeries, total } from "../../src/analysis/series.ts";
import type { AggregateRow } from "../../src/model/index.ts";

const row = (period: string, direction: AggregateRow["direction"], q: number[], g: number): AggregateRow => ({
  period,
  direction,
  count: q.reduce((a, b) => a + b, 0),
  q1: q[0],
  q2: q[1],
  q3: q[2],
  q4: q[3],
  goldsteinSum: g,
});

describe("dyad series", () => {
  const rows = [
    row("2016", "ab", [0, 0, 1, 2], -20),
    row("2016", "ba", [1, 0, 1, 0], -1),
    row("2018", "ab", [2, 1, 0, 0], 11),
  ];

  it("keeps each direction and sums both, filling empty years", () => {
    const s = dyadSeries(rows, "year");
    expect(s.map((p) => p.period)).toEqual(["2016", "2017", "2018"]);
    const [y2016, y2017, y2018] = s;
    expect(y2016.ab?.count).toBe(3);
    expect(y2016.ba?.count).toBe(2);
    expect(y2016.both).toMatchObject({
      count: 5,
      q1: 1,
      q3: 2,
      q4: 2,
      goldsteinSum: -21,
      netCooperation: -3,
    });
    expect(y2016.both.goldsteinMean).toBeCloseTo(-4.2);
    expect(y2016.both.conflictShare).toBeCloseTo(0.8);
    expect(y2017.both).toMatchObject({
      count: 0,
      goldsteinMean: null,
      conflictShare: null,
      netCooperation: 0,
    });
    expect(y2018.ba?.count).toBe(0);
    expect([y2018.start, y2018.end]).toEqual(["2018-01-01", "2018-12-31"]);
  });

  it("fills to the requested bounds and sums runs of periods", () => {
    const s = dyadSeries(rows, "year", { from: "2015-06", to: "2019" });
    expect(s[0].period).toBe("2015");
    expect(s[s.length - 1].period).toBe("2019");
    expect(total(s).count).toBe(8);
    expect(total(s, "ab").goldsteinSum).toBe(-9);
  });

  it("has no directions without a dyad and no filling when asked not to", () => {
    const s = dyadSeries(
      [row("2018-03", "all", [1, 0, 0, 0], 1), row("2018-06", "all", [0, 0, 0, 1], -9)],
      "month",
      {
        fill: false,
      },
    );
    expect(s.map((p) => p.period)).toEqual(["2018-03", "2018-06"]);
    expect(s[0].ab).toBeNull();
  });
});
