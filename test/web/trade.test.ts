// The dashboard's trade chart data and its CSV, without a browser: gaps, part years, sources per point.
import { describe, expect, it } from "vitest";
import { toCsv } from "../../src/web/src/csv.ts";
import { periodLabel, sourceRuns, tradeRows, unitLabel } from "../../src/web/src/trade.ts";

const point = (period: string, value: number, source: string) => ({
  indicator: "trade",
  subject: "CHN-PRK",
  series: "total",
  period,
  value,
  unit: "USD",
  source,
  url: `https://example.org/${source}`,
  note: null,
});

const points = [
  point("2004", 1_384_000_000, "KITA"),
  point("2007", 1_970_000_000, "StatKorea"),
  point("2017", 5_060_000_000, "GACC"),
  point("2018", 2_430_000_000, "GACC"),
  point("2024", 2_180_000_000, "Kyodo"),
  point("2025-H1", 1_260_000_000, "Kyodo"),
];

describe("trade chart data", () => {
  it("puts a null point in every missing year, so the line breaks instead of bridging the gap", () => {
    const rows = tradeRows(points).filter((r) => !r.partial);
    expect(rows.map((r) => r.period)).toEqual(
      Array.from({ length: 2024 - 2004 + 1 }, (_, i) => String(2004 + i)),
    );
    expect(rows.find((r) => r.period === "2005")!.value).toBeNull();
    expect(rows.find((r) => r.period === "2004")!.value).toBeCloseTo(1.384, 6);
  });

  it("keeps the 2025 half-year, marked partial and labelled as such", () => {
    const h1 = tradeRows(points).filter((r) => r.partial);
    expect(h1).toHaveLength(1);
    expect(h1[0]).toMatchObject({ period: "2025-H1", start: "2025-01-01", partial: true, source: "Kyodo" });
    expect(periodLabel("2025-H1")).toBe("2025 H1 (January–June)");
    expect(unitLabel("USD")).toBe("$ bn");
  });

  it("names each value's own source, runs of consecutive years grouped, a gap ending a run", () => {
    expect(sourceRuns(tradeRows(points)).map((r) => `${r.periods}: ${r.source}`)).toEqual([
      "2004: KITA",
      "2007: StatKorea",
      "2017–2018: GACC",
      "2024: Kyodo",
      "2025 H1 (January–June): Kyodo",
    ]);
  });

  it("writes CSV as RFC 4180 says: quoted commas and quotes, empty nulls, CRLF", () => {
    expect(
      toCsv([
        { a: 1, b: 'say "hi", then go' },
        { a: null, c: true },
      ]),
    ).toBe('a,b,c\r\n1,"say ""hi"", then go",\r\n,,true\r\n');
  });
});
