// biome-ignore-all lint/suspicious/noExplicitAny: API response bodies are untyped JSON in tests
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { flagshipApp, type TestApp } from "./helpers.ts";

let t: TestApp;
beforeAll(async () => {
  t = await flagshipApp();
});
afterAll(() => t.close());

describe("GET /api/events", () => {
  it("filters by dyad, date and code, with totals and paging", async () => {
    const { status, body } = await t.get("/api/events?dyad=CHN-PRK&from=2018&to=2019&cameo=042,043&limit=3");
    expect(status).toBe(200);
    expect(body.total).toBeGreaterThanOrEqual(4);
    expect(body.events).toHaveLength(3);
    for (const e of body.events) {
      expect(e.date >= "2018" && e.date < "2020").toBe(true);
      expect(["042", "043"]).toContain(e.cameo.slice(0, 3));
      expect([e.source.country, e.target.country].sort()).toEqual(["CHN", "PRK"]);
    }
    const next = await t.get("/api/events?dyad=CHN-PRK&from=2018&to=2019&cameo=042,043&limit=3&offset=3");
    expect(next.body.events[0].id).not.toBe(body.events[0].id);
    expect(next.body.total).toBe(body.total);
  });

  it("keeps only a→b when directed, accepts lower-case codes, orders descending", async () => {
    const { body } = await t.get("/api/events?dyad=prk-chn&directed=true&order=desc&limit=50");
    expect(body.events.length).toBeGreaterThan(0);
    expect(
      body.events.every((e: any) => e.source.code.startsWith("PRK") && e.target.code.startsWith("CHN")),
    ).toBe(true);
    const dates = body.events.map((e: any) => e.date);
    expect([...dates].sort().reverse()).toEqual(dates);
  });

  it("filters by quad class, root and text", async () => {
    const conflict = await t.get("/api/events?actor=PRK&quad=4&limit=100");
    expect(conflict.body.events.every((e: any) => e.quadClass === 4)).toBe(true);
    const text = await t.get("/api/events?text=resolution%202270");
    expect(text.body.total).toBeGreaterThan(0);
    expect(
      text.body.events.every((e: any) => JSON.stringify(e).toLowerCase().includes("resolution 2270")),
    ).toBe(true);
  });

  it("refuses bad parameters with a 400 naming the parameter", async () => {
    const cases: [string, string][] = [
      ["/api/events?from=2025-13-01", "from"],
      ["/api/events?to=2016-02-30", "to"],
      ["/api/events?from=2019&to=2018", "to"],
      ["/api/events?limit=1001", "limit"],
      ["/api/events?limit=-1", "limit"],
      ["/api/events?limit=abc", "limit"],
      ["/api/events?offset=1.5", "offset"],
      ["/api/events?dyad=CHN", "dyad"],
      ["/api/events?quad=5", "quad"],
      ["/api/events?root=4", "root"],
      ["/api/events?cameo=04a", "cameo"],
      ["/api/events?directed=yes&dyad=CHN-PRK", "directed"],
      ["/api/events?directed=true", "directed"],
      ["/api/events?order=random", "order"],
      ["/api/events?colour=red", "colour"],
      ["/api/events?actor=CHN'%20OR%201=1--", "actor"],
      ["/api/events?dyad=CHN-PRK;DROP%20TABLE%20events", "dyad"],
      [`/api/events?text=${"x".repeat(201)}`, "text"],
    ];
    for (const [path, parameter] of cases) {
      const { status, body } = await t.get(path);
      expect({ path, status, parameter: body.error?.parameter }).toEqual({ path, status: 400, parameter });
      expect(body.error.status).toBe(400);
      expect(body.error.message).toMatch(
        new RegExp(parameter === "colour" ? "unknown parameter" : parameter),
      );
    }
  });

  it("treats SQL-like text as text: no error, no match, table intact", async () => {
    const before = (await t.get("/api/events?limit=1")).body.total;
    const { status, body } = await t.get("/api/events?text=%27%3B%20DROP%20TABLE%20events%3B%20--");
    expect(status).toBe(200);
    expect(body.total).toBe(0);
    expect((await t.get("/api/events?limit=1")).body.total).toBe(before);
  });

  it("answers 404 for unknown actors, naming the parameter", async () => {
    const { status, body } = await t.get("/api/events?dyad=CHN-ZZZ");
    expect(status).toBe(404);
    expect(body.error).toMatchObject({ status: 404, parameter: "dyad" });
    expect(body.error.message).toContain('"ZZZ"');
    expect((await t.get("/api/events?source=QQQGOV")).body.error.parameter).toBe("source");
  });
});

describe("GET /api/events/:id", () => {
  it("returns the event with its evidence and citation", async () => {
    const list = await t.get("/api/events?dyad=CHN-PRK&from=2025-09-04&to=2025-09-04");
    const id = list.body.events[0].id;
    const { status, body } = await t.get(`/api/events/${id}`);
    expect(status).toBe(200);
    expect(body.event.id).toBe(id);
    expect(body.evidence.citation.url).toMatch(/^https?:\/\//);
    expect(body.evidence.description).toBe(body.event.description);
    expect(typeof body.action).toBe("string");
  });

  it("404s an unknown id and 400s a malformed one", async () => {
    expect((await t.get("/api/events/0123456789abcdef0123")).status).toBe(404);
    const bad = await t.get("/api/events/abc%27%20OR%20%271%27=%271");
    expect(bad.status).toBe(400);
    expect(bad.body.error.parameter).toBe("id");
  });
});

describe("routing", () => {
  it("answers unknown API routes with a JSON 404", async () => {
    const { status, body } = await t.get("/api/nothing");
    expect(status).toBe(404);
    expect(body.error.message).toContain("/api/nothing");
  });
});
