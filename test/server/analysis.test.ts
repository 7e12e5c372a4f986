// biome-ignore-all lint/suspicious/noExplicitAny: API response bodies are untyped JSON in tests

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stateNames } from "../../src/formats/actor-data.ts";
import { flagshipApp, type TestApp } from "./helpers.ts";

let t: TestApp;
beforeAll(async () => {
  t = await flagshipApp();
});
afterAll(() => t.close());

describe("GET /api/series", () => {
  it("reads years before 100 as themselves, not as 19xx", async () => {
    for (const [bucket, periods] of [
      ["year", ["0050", "0051", "0052"]],
      ["quarter", ["0050-Q1", "0050-Q2", "0050-Q3", "0050-Q4"]],
    ] as const) {
      const to = bucket === "year" ? "0052" : "0050";
      const { status, body } = await t.get(`/api/series?dyad=CHN-PRK&bucket=${bucket}&from=0050&to=${to}`);
      expect(status).toBe(200);
      expect(body.points.map((p: any) => p.period)).toEqual(periods);
      expect(body.points[0].start).toBe("0050-01-01");
      expect(body.points.at(-1).end).toBe(`${to}-12-31`);
    }
    const days = await t.get("/api/series?dyad=CHN-PRK&bucket=day&from=0048-02-28&to=0048-03-01");
    expect(days.body.points.map((p: any) => p.period)).toEqual(["0048-02-28", "0048-02-29", "0048-03-01"]);
  });

  it("returns both directions per bucket, consistent with /api/events counts", async () => {
    const { status, body } = await t.get("/api/series?dyad=CHN-PRK&bucket=year&from=2016&to=2019");
    expect(status).toBe(200);
    expect(body.points.map((p: any) => p.period)).toEqual(["2016", "2017", "2018", "2019"]);
    for (const p of body.points) {
      expect(p.both.count).toBe(p.ab.count + p.ba.count);
      expect(p.both.count).toBe(p.both.q1 + p.both.q2 + p.both.q3 + p.both.q4);
      const events = await t.get(`/api/events?dyad=CHN-PRK&from=${p.period}&to=${p.period}&limit=1`);
      expect(p.both.count).toBe(events.body.total);
    }
    const [y2016, , y2018] = body.points;
    expect(y2016.both.goldsteinMean).toBeLessThan(0);
    expect(y2018.both.goldsteinMean).toBeGreaterThan(0);
  });

  it("defaults to months and validates the bucket", async () => {
    const { body } = await t.get("/api/series?dyad=CHN-PRK&from=2018-01&to=2018-06");
    expect(body.bucket).toBe("month");
    expect(body.points).toHaveLength(6);
    const bad = await t.get("/api/series?dyad=CHN-PRK&bucket=week");
    expect([bad.status, bad.body.error.parameter]).toEqual([400, "bucket"]);
  });
});

describe("GET /api/phases", () => {
  it("finds a cooling phase over 2016–2017 and a warming turn by 2018, with evidence", async () => {
    const { status, body } = await t.get("/api/phases?dyad=CHN-PRK");
    expect(status).toBe(200);
    expect(body.model).toMatchObject({ method: "PELT", bucket: "year", threshold: 1, minSize: 1 });
    expect(body.model.penalty).toBeGreaterThan(0);
    const at = (y: string) => body.phases.find((p: any) => p.from <= y && y <= p.to);
    expect(at("2016")).not.toEqual(at("2018"));
    expect(at("2016").goldsteinMean).toBeLessThan(at("2018").goldsteinMean);
    expect(
      body.turningPoints.some(
        (tp: any) => tp.period > "2016" && tp.period <= "2018" && tp.label === "warming",
      ),
    ).toBe(true);
    for (const p of body.phases) {
      for (const e of p.evidence)
        expect(e.date >= p.start.slice(0, e.date.length) && e.date <= p.end).toBe(true);
    }
    expect(at("2018").evidence.length).toBeGreaterThan(0);
  });

  it("needs a dyad and checks the model options", async () => {
    expect((await t.get("/api/phases")).body.error.parameter).toBe("dyad");
    expect((await t.get("/api/phases?dyad=CHN-PRK&penalty=-1")).body.error.parameter).toBe("penalty");
    expect((await t.get("/api/phases?dyad=CHN-PRK&minSize=0")).body.error.parameter).toBe("minSize");
    const strict = await t.get("/api/phases?dyad=CHN-PRK&penalty=1000");
    expect(strict.body.phases.length).toBeLessThanOrEqual(
      (await t.get("/api/phases?dyad=CHN-PRK")).body.phases.length,
    );
  });
});

describe("GET /api/network", () => {
  it("builds the actor network of a period with centrality", async () => {
    const { status, body } = await t.get("/api/network?from=2018&to=2019");
    expect(status).toBe(200);
    const ids = body.nodes.map((n: any) => n.id);
    expect(ids).toContain("CHN");
    expect(ids).toContain("PRK");
    for (const n of body.nodes) {
      expect(n.eigenvector).toBeGreaterThanOrEqual(0);
      expect(n.eigenvector).toBeLessThanOrEqual(1);
      expect(n.betweenness).toBeGreaterThanOrEqual(0);
    }
    const chnPrk = body.edges.filter((e: any) => [e.source, e.target].sort().join() === "CHN,PRK");
    const events = await t.get("/api/events?dyad=CHN-PRK&from=2018&to=2019&limit=1");
    expect(chnPrk.reduce((s: number, e: any) => s + e.count, 0)).toBe(events.body.total);
    expect((await t.get("/api/network?level=planet")).body.error.parameter).toBe("level");
  });
});

describe("GET /api/indicators", () => {
  it("returns trade, UN votes by resolution, contacts and conflictual share", async () => {
    const { status, body } = await t.get("/api/indicators?dyad=CHN-PRK");
    expect(status).toBe(200);
    expect(body.trade.length).toBeGreaterThan(0);
    expect(body.members).toEqual(expect.arrayContaining(["CHN", "RUS", "USA"]));
    const r2270 = body.resolutions.find((r: any) => r.resolution === "2270");
    expect(r2270.votes.CHN).toBe("for");
    expect(body.resolutions.some((r: any) => r.votes.CHN === "veto")).toBe(true);
    expect(body.contacts.find((c: any) => c.year === "2018").visits).toBeGreaterThanOrEqual(3);
    expect(body.conflict.every((c: any) => c.conflictShare >= 0 && c.conflictShare <= 1)).toBe(true);
    expect((await t.get("/api/indicators")).status).toBe(400);
    expect((await t.get("/api/indicators?dyad=CHN-XXX")).status).toBe(404);
  });
});

describe("GET /api/coverage", () => {
  it("counts each dyad's events per year in both directions, as /api/events does, and marks thin and silent years", async () => {
    const { status, body } = await t.get("/api/coverage?dyads=CHN-PRK,PRK-RUS&from=2000&to=2025&thin=4");
    expect(status).toBe(200);
    expect(body.years[0]).toBe("2000");
    expect(body.years.at(-1)).toBe("2025");
    expect(body.thin).toBe(4);
    expect(body.dyads.map((d: any) => d.dyad)).toEqual(["CHN-PRK", "PRK-RUS"]);
    for (const d of body.dyads) {
      const [a, b] = d.dyad.split("-");
      for (const [i, year] of body.years.entries()) {
        const events = await t.get(`/api/events?dyad=${a}-${b}&from=${year}&to=${year}&limit=1`);
        expect(d.counts[i], `${d.dyad} ${year}`).toBe(events.body.total);
        expect(d.silent.includes(year)).toBe(d.counts[i] === 0);
        expect(d.thin.includes(year)).toBe(d.counts[i] > 0 && d.counts[i] < 4);
      }
    }
  });

  it("shows the largest dyads when none are named, and refuses bad parameters naming them", async () => {
    const { body } = await t.get("/api/coverage?top=3");
    expect(body.dyads).toHaveLength(3);
    const totals = body.dyads.map((d: any) => d.total);
    expect(totals).toEqual([...totals].sort((x: number, y: number) => y - x));
    expect(body.years[0]).toBe("1990");
    for (const [q, parameter] of [
      ["dyads=CHN", "dyads"],
      ["from=90", "from"],
      ["from=2010&to=2000", "to"],
      ["thin=0", "thin"],
      ["top=x", "top"],
      ["bucket=year", "bucket"],
    ]) {
      const r = await t.get(`/api/coverage?${q}`);
      expect(r.status, q).toBe(400);
      expect(r.body.error.parameter, q).toBe(parameter);
    }
    expect((await t.get("/api/coverage?dyads=CHN-XXX")).status).toBe(404);
  });
});

describe("GET /api/actors and /api/stats", () => {
  it("lists actors by volume and the record's statistics", async () => {
    const actors = (await t.get("/api/actors")).body.actors;
    expect(
      actors
        .slice(0, 2)
        .map((a: any) => a.code)
        .sort(),
    ).toEqual(["CHN", "PRK"]);
    const stats = (await t.get("/api/stats")).body;
    expect(stats.events).toBeGreaterThan(100);
    expect(stats.firstDate < "1950").toBe(true);
  });
});

describe("state names for the vote indicator", () => {
  it("come from the actor registry: name, then aliases", async () => {
    const names = await stateNames("PRK");
    expect(names[0]).toBe("North Korea");
    expect(names).toEqual(expect.arrayContaining(["DPRK", "Democratic People's Republic of Korea"]));
    expect(await stateNames("XXX")).toEqual([]);
  });
});
