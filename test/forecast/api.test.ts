import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { forecastRoutes } from "../../src/server/routes/forecast.ts";

const app = forecastRoutes();
const json = async (path: string, init?: RequestInit) => {
  const res = await app.request(path, init);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};

describe("forecast API", () => {
  it("lists the shipped scenarios", async () => {
    const { status, body } = await json("/scenarios");
    expect(status).toBe(200);
    const names = (body.scenarios as { name: string; base: string | null }[]).map((s) => s.name);
    expect(names).toEqual(expect.arrayContaining(["china-dprk", "china-dprk-secondary-sanctions"]));
    const variant = (body.scenarios as { name: string; base: string | null }[]).find(
      (s) => s.name === "china-dprk-secondary-sanctions",
    );
    expect(variant?.base).toBe("china-dprk");
  });

  it("shows a scenario's inputs with their rationale", async () => {
    const { status, body } = await json("/scenarios/china-dprk");
    expect(status).toBe(200);
    const rationale = body.rationale as Record<string, { capability: string }>;
    expect(rationale.China.capability.length).toBeGreaterThan(20);
  });

  it("runs the variant against its base: turns, movers, baselines, difference", async () => {
    const { status, body } = await json("/scenarios/china-dprk-secondary-sanctions/run?model=smp");
    expect(status).toBe(200);
    expect(body.model).toBe("smp");
    expect(typeof body.stopTurn).toBe("number");
    const turns = body.turns as { turn: number; positions: Record<string, number[]>; movers: object }[];
    expect(turns[0].turn).toBe(0);
    expect(turns[0].positions.China).toHaveLength(3);
    expect(Object.keys(turns[0].movers)).toContain("China");
    expect((body.base as { scenario: string }).scenario).toBe("china-dprk");
    expect((body.difference as { outcome: number[] }).outcome).toHaveLength(3);
    expect((body.baselines as { compromise: number[] }).compromise).toHaveLength(3);
  });

  it("runs the EU model and a small Monte Carlo", async () => {
    const { status, body } = await json("/scenarios/china-dprk/run?model=eu&mc=3&seed=7&sd=5,5,0.1");
    expect(status).toBe(200);
    expect(body.model).toBe("eu");
    expect((body.sensitivity as { outcome: unknown[] }).outcome).toHaveLength(3);
    const v = await json("/scenarios/china-dprk-secondary-sanctions/run?mc=2&seed=3");
    expect((v.body.differenceSensitivity as { shareHigher: number[] }).shareHigher).toHaveLength(3);
  });

  it("runs a named expected-utility variant, from the query and from a posted body alike", async () => {
    const get = await json("/scenarios/china-dprk/run?model=eu&eu=variant:scholz-code&eu=rounds:4");
    expect(get.status).toBe(200);
    expect([get.body.variant, (get.body.options as { acceptance: string }).acceptance]).toEqual([
      "scholz-code",
      "scholz",
    ]);
    expect(get.body.stopTurn).toBe(4);
    const scenario = parse(readFileSync("data/scenarios/china-dprk.yaml", "utf8"));
    const post = await json("/run", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ scenario, model: "eu", eu: { variant: "scholz-code", rounds: 4 } }),
    });
    expect(post.status).toBe(200);
    expect(post.body.perDimension).toEqual(get.body.perDimension);
    const bad = await json("/scenarios/china-dprk/run?model=eu&eu=variant:nope");
    expect(bad.status).toBe(400);
    expect((bad.body.error as { parameter: string; message: string }).parameter).toBe("eu");
    expect((bad.body.error as { message: string }).message).toContain("scholz-code");
  });

  it("names the bad parameter", async () => {
    const a = await json("/scenarios/china-dprk/run?model=xyz");
    expect(a.status).toBe(400);
    expect((a.body.error as { parameter: string }).parameter).toBe("model");
    const b = await json("/scenarios/nope/run");
    expect(b.status).toBe(404);
    expect((b.body.error as { parameter: string }).parameter).toBe("name");
    const c = await json("/scenarios/china-dprk/run?param=votingRule:Nope");
    expect((c.body.error as { parameter: string }).parameter).toBe("param");
    const d = await json("/scenarios/china-dprk/run?mc=0");
    expect((d.body.error as { parameter: string }).parameter).toBe("mc");
  });

  it("POST /run runs a scenario body and rejects bad ones naming actor and dimension", async () => {
    const scenario = parse(readFileSync("data/scenarios/china-dprk.yaml", "utf8"));
    const ok = await json("/run", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ scenario, parameters: { votingRule: "PropCbc" } }),
    });
    expect(ok.status).toBe(200);
    expect((ok.body.parameters as { votingRule: string }).votingRule).toBe("PropCbc");
    scenario.actors[1].positions.sanctions = "lots";
    const bad = await json("/run", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ scenario }),
    });
    expect(bad.status).toBe(400);
    const err = bad.body.error as { message: string; parameter: string };
    expect(err.parameter).toBe("scenario");
    expect(err.message).toContain('actor "DPRK"');
    expect(err.message).toContain('dimension "sanctions"');
    const badModel = await json("/run", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ scenario, model: "x" }),
    });
    expect((badModel.body.error as { parameter: string }).parameter).toBe("model");
  });
});
