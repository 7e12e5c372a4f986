import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkClaims } from "../../src/analysis/check.ts";
import { ClaimError, parseClaims, parseClaimsText, parsePeriod } from "../../src/analysis/claims.ts";
import type { Store } from "../../src/store/store.ts";
import { fixtureStore } from "./fixture.ts";

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
