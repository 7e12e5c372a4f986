import { describe, expect, it } from "vitest";
import { nextPeriod, periodEnd, periodOf, periodRange, periodStart } from "../../src/analysis/period.ts";

describe("period labels", () => {
  it("steps through each bucket and across year ends", () => {
    expect(nextPeriod("2019-12-31", "day")).toBe("2020-01-01");
    expect(nextPeriod("2019-12", "month")).toBe("2020-01");
    expect(nextPeriod("2019-Q4", "quarter")).toBe("2020-Q1");
    expect(nextPeriod("2019", "year")).toBe("2020");
  });

  it("gives each period's first and last day, leap years included", () => {
    expect([periodStart("2020-02", "month"), periodEnd("2020-02", "month")]).toEqual([
      "2020-02-01",
      "2020-02-29",
    ]);
    expect([periodStart("2018-Q2", "quarter"), periodEnd("2018-Q2", "quarter")]).toEqual([
      "2018-04-01",
      "2018-06-30",
    ]);
    expect(periodOf("2018-08-15", "quarter")).toBe("2018-Q3");
  });

  it("enumerates ranges and refuses oversized ones", () => {
    expect(periodRange("2016-Q3", "2017-Q2", "quarter")).toEqual([
      "2016-Q3",
      "2016-Q4",
      "2017-Q1",
      "2017-Q2",
    ]);
    expect(() => periodRange("1950-01-01", "2020-01-01", "day", 1000)).toThrow(/more than 1000/);
    expect(() => periodStart("2018/01", "month")).toThrow(/invalid month period/);
  });
});
