import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkClaims, precedingSpan } from "../../src/analysis/check.ts";
import { ClaimError, parseClaims, parseClaimsText, parsePeriod } from "../../src/analysis/claims.ts";
import type { Store } from "../../src/store/store.ts";
import { fixtureStore, sparseBaselineStore } from "./fixture.ts";

let store: Store;
beforeAll(async () => {
  store = await fixtureStore();
});
afterAll(async () => {
  await store.close();
});

const verdicts = async (yaml: string) =>
  (await checkClaims(store, parseClaimsText(yaml))).map((r) => r.verdict);

describe("claims file", () => {
  it("parses periods of any precision and rejects reversed or malformed ones", () => {
    expect(parsePeriod("2016..2017")).toEqual({ from: "2016-01-01", to: "2017-12-31" });
    expect(parsePeriod("2018-03")).toEqual({ from: "2018-03-01", to: "2018-03-31" });
    expect(parsePeriod("2018..2016")).toBeNull();
    expect(parsePeriod("2016...2017")).toBeNull();
  });

  it("names the bad claim and field", () => {
    expect(() =>
      parseClaims([
        { dyad: "CHN-PRK", period: "2016", claim: "improved" },
        { dyad: "CHN", period: "2016", claim: "improved" },
      ]),
    ).toThrow(/claim 2 dyad/);
    expect(() => parseClaims([{ dyad: "CHN-PRK", period: "20161", claim: "improved" }])).toThrow(
      /claim 1 period: invalid period/,
    );
    expect(() => parseClaims([{ dyad: "CHN-PRK", claim: "event" }])).toThrow(/exactly one of date or period/);
    expect(() => parseClaimsText("- [unclosed")).toThrow(ClaimError);
    expect(() => parseClaimsText("- [unclosed")).toThrow(/line \d+, column \d+/);
    expect(() => parseClaimsText("- { dyad: CHN-PRK, period: 2013, claim: strained }\n- *later\n")).toThrow(
      /unknown alias \*later at line 2, column 3/,
    );
    expect(
      parseClaimsText("- &a { dyad: CHN-PRK, period: 2013, claim: strained }\n- *a\n").map((c) => c.period),
    ).toEqual(["2013", "2013"]);
    expect(parseClaims({ claims: [{ dyad: "CHN-PRK", period: 2013, claim: "strained" }] })[0]).toMatchObject({
      period: "2013",
      directed: false,
    });
  });
});

describe("claim check on a record of known shape", () => {
  it("supports the movements the record shows and contradicts their opposites", async () => {
    expect(
      await verdicts(`
- { dyad: CHN-PRK, period: 2016..2017, claim: deteriorated }
- { dyad: CHN-PRK, period: 2018..2019, claim: improved }
- { dyad: CHN-PRK, period: 2018..2019, claim: deteriorated }
- { dyad: CHN-PRK, period: 2013, claim: strained }
- { dyad: CHN-PRK, period: 2011..2012, claim: stable }
- { dyad: CHN-PRK, period: 2021, claim: improved }
`),
    ).toEqual(["supported", "supported", "contradicted", "supported", "supported", "not enough data"]);
  });

  it("reports the numbers and evidence events behind a verdict", async () => {
    const [r] = await checkClaims(
      store,
      parseClaims([{ dyad: "CHN-PRK", period: "2016..2017", claim: "deteriorated" }]),
    );
    expect(r.numbers.baseline).toBe("2014-01-01..2015-12-31");
    expect(r.numbers.baselineEvents).toBe(8);
    expect(r.numbers.events).toBe(9);
    expect(Number(r.numbers.change)).toBeLessThan(-1);
    expect(r.evidence.length).toBeGreaterThan(0);
    expect(r.evidence.every((e) => e.quadClass >= 3 && e.citation?.url)).toBe(true);
    expect(r.rule).toMatch(/preceding period/);
  });

  it("checks indicator claims between the first and last value", async () => {
    expect(
      await verdicts(`
- { indicator: trade, period: 2021..2023, claim: surged }
- { indicator: trade, period: 2019..2021, claim: collapsed }
- { indicator: trade, period: 2021..2023, claim: decreased }
- { indicator: trade, period: 2030..2031, claim: increased }
`),
    ).toEqual(["supported", "supported", "contradicted", "not enough data"]);
  });

  it("checks event claims by date, direction and code", async () => {
    const results = await checkClaims(
      store,
      parseClaimsText(`
- { dyad: CHN-PRK, date: 2025-09-04, claim: event, root: "04" }
- { dyad: CHN-PRK, directed: true, date: 2018-03, claim: event, cameo: "042" }
- { dyad: CHN-PRK, period: 2016..2017, claim: event, cameo: "163" }
- { dyad: CHN-PRK, date: 1960-01-01, claim: event, root: "04" }
`),
    );
    expect(results.map((r) => r.verdict)).toEqual([
      "supported",
      "contradicted",
      "supported",
      "not enough data",
    ]);
    // The contradicted visit claim shows what the record has instead: Kim's visit to China.
    expect(results[1].evidence).toContainEqual(
      expect.objectContaining({ source: "PRKGOV", target: "CHNGOV", cameo: "042", date: "2018-03-26" }),
    );
    expect(results[2].numbers.matching).toBe(4);
  });
});

describe("movement claims on a sparse baseline", () => {
  let sparse: Store;
  beforeAll(async () => {
    sparse = await sparseBaselineStore();
  });
  afterAll(async () => {
    await sparse.close();
  });

  it("widens the preceding window by whole period lengths", () => {
    const span = { from: "2016-01-01", to: "2017-12-31" };
    expect(precedingSpan(span)).toEqual({ from: "2014-01-01", to: "2015-12-31" });
    expect(precedingSpan(span, 3)).toEqual({ from: "2010-01-01", to: "2015-12-31" });
    expect(precedingSpan({ from: "2017-07-01", to: "2017-12-31" }, 3)).toEqual({
      from: "2016-01-01",
      to: "2017-06-30",
    });
    expect(precedingSpan({ from: "2017-03-10", to: "2017-03-19" }, 2)).toEqual({
      from: "2017-02-18",
      to: "2017-03-09",
    });
  });

  it("widens a thin baseline backwards until it holds enough events, and says which it used", async () => {
    const [det, imp, stable] = await checkClaims(
      sparse,
      parseClaimsText(`
- { dyad: USA-PRK, period: 2016..2017, claim: deteriorated }
- { dyad: USA-PRK, period: 2016..2017, claim: improved }
- { dyad: USA-PRK, period: 2016..2017, claim: stable }
`),
    );
    // 2014..2015 holds 2 events and 2012..2015 still 2: the rule takes 2010..2015 (3x the length).
    expect(det.verdict).toBe("supported");
    expect(det.numbers).toMatchObject({
      events: 5,
      goldsteinMean: -5.4,
      baseline: "2010-01-01..2015-12-31",
      baselineFactor: 3,
      baselineEvents: 6,
      baselineGoldsteinMean: 3.317,
      change: -8.717,
    });
    expect(det.rule).toMatch(/widened backwards .*up to 3× the length.* fewer than 3 events/);
    expect(imp.verdict).toBe("contradicted");
    expect(stable.verdict).toBe("contradicted");
    expect(imp.numbers.baselineFactor).toBe(3);
  });

  it("keeps the equal-length baseline when it is thick enough", async () => {
    const [r] = await checkClaims(
      store,
      parseClaims([{ dyad: "CHN-PRK", period: "2016..2017", claim: "deteriorated" }]),
    );
    expect(r.numbers.baselineFactor).toBe(1);
    expect(r.numbers.baseline).toBe("2014-01-01..2015-12-31");
  });

  it("says not enough data when even the widest baseline is too thin", async () => {
    const [capped] = await checkClaims(
      sparse,
      parseClaims([{ dyad: "USA-PRK", period: "2016..2017", claim: "deteriorated" }]),
      { maxBaselineFactor: 2 },
    );
    expect(capped.verdict).toBe("not enough data");
    expect(capped.numbers).toMatchObject({
      baseline: "2012-01-01..2015-12-31",
      baselineFactor: 2,
      baselineEvents: 2,
    });
    const [first] = await checkClaims(
      sparse,
      parseClaims([{ dyad: "USA-PRK", period: "2010..2011", claim: "improved" }]),
    );
    expect(first.verdict).toBe("not enough data");
    expect(first.numbers).toMatchObject({ baseline: "2004-01-01..2009-12-31", baselineEvents: 0 });
  });
});

describe("absence claims", () => {
  it("is supported when the record has events then but none mentioning the words", async () => {
    const results = await checkClaims(
      store,
      parseClaimsText(`
- { dyad: CHN-PRK, date: 2025-09-04, window: 2, claim: absent, mentions: denucleari }
- { dyad: CHN-PRK, date: 2025-09-04, window: 2, claim: absent, mentions: beijing }
- { dyad: CHN-PRK, date: 1960-01-01, claim: absent, mentions: denucleari }
- { dyad: CHN-PRK, date: 2025-09-04, claim: event, mentions: beijing }
`),
    );
    expect(results.map((r) => r.verdict)).toEqual([
      "supported",
      "contradicted",
      "not enough data",
      "supported",
    ]);
    expect(results[0].numbers).toEqual({ matching: 0, acrossDyads: 0, eventsThen: 1 });
    expect(results[1].evidence[0].description).toMatch(/Beijing/);
    expect(() => parseClaims([{ dyad: "CHN-PRK", date: "2025-09", claim: "absent" }])).toThrow(
      /absent claim needs root, cameo, event or mentions/,
    );
  });
});
