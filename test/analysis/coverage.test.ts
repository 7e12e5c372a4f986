import { describe, expect, it } from "vitest";
import { coverage, THIN_DEFAULT, yearsBetween } from "../../src/analysis/coverage.ts";

describe("yearsBetween", () => {
  it("lists every year of the window, inclusive, four digits", () => {
    const ys = yearsBetween("0998", "1003");
    expect(ys).toHaveLength(6);
    expect(ys[0]).toBe("0998");
    expect(ys.at(-1)).toBe("1003");
    expect(ys.every((y, i) => i === 0 || Number(y) === Number(ys[i - 1]) + 1)).toBe(true);
    expect(yearsBetween("2001", "2000")).toEqual([]);
  });
});

describe("coverage", () => {
  const years = yearsBetween("2000", "2009");
  // A deterministic pattern of counts: 0 to 6 events a year, none for the last dyad.
  const counts = new Map([
    ["CHN-PRK", new Map(years.map((y, i) => [y, (i * 5) % 7]))],
    ["PRK-RUS", new Map(years.filter((_, i) => i % 3 === 0).map((y) => [y, 1]))],
    ["JPN-PRK", new Map<string, number>()],
  ]);

  for (const thin of [1, 2, THIN_DEFAULT, 5]) {
    it(`splits every dyad's years into silent, thin (<${thin}) and the rest, counts aligned with the years`, () => {
      const c = coverage(counts, years, thin);
      expect(c.years).toEqual(years);
      expect(c.thin).toBe(thin);
      expect(c.dyads.map((d) => d.dyad)).toEqual([...counts.keys()]);
      for (const d of c.dyads) {
        const given = counts.get(d.dyad)!;
        expect(d.counts).toEqual(years.map((y) => given.get(y) ?? 0));
        expect(d.total).toBe([...given.values()].reduce((s, n) => s + n, 0));
        for (const [i, y] of years.entries()) {
          const n = d.counts[i];
          expect(d.silent.includes(y), `${d.dyad} ${y}`).toBe(n === 0);
          expect(d.thin.includes(y), `${d.dyad} ${y}`).toBe(n > 0 && n < thin);
        }
      }
    });
  }

  it("ignores counts outside the window", () => {
    const c = coverage(
      new Map([
        [
          "CHN-PRK",
          new Map([
            ["1999", 4],
            ["2000", 2],
          ]),
        ],
      ]),
      ["2000"],
      3,
    );
    expect(c.dyads[0]).toMatchObject({ total: 2, counts: [2], thin: ["2000"], silent: [] });
  });
});
