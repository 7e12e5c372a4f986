// biome-ignore-all lint/suspicious/noExplicitAny: API response bodies are untyped JSON in tests
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/server/app.ts";
import { startServer } from "../../src/server/serve.ts";
import type { Store } from "../../src/store/store.ts";
import { sparseBaselineStore } from "../analysis/fixture.ts";
import { flagshipApp, type TestApp } from "./helpers.ts";

let t: TestApp;
beforeAll(async () => {
  t = await flagshipApp();
});
afterAll(() => t.close());

const post = (body: string, type = "application/json") =>
  t.app.request("/api/check", { method: "POST", body, headers: { "Content-Type": type } });

describe("POST /api/check", () => {
  it("checks JSON and YAML claims", async () => {
    const res = await post(
      JSON.stringify([
        { dyad: "CHN-PRK", period: "2018..2019", claim: "improved" },
        { dyad: "CHN-PRK", date: "2025-09-04", claim: "event", root: "04" },
      ]),
    );
    expect(res.status).toBe(200);
    const { results } = (await res.json()) as any;
    expect(results.map((r: any) => r.verdict)).toEqual(["supported", "supported"]);
    expect(results[1].evidence[0].citation.url).toMatch(/^https?:/);
    const yaml = await post(
      "- {dyad: CHN-PRK, period: 2018..2019, claim: deteriorated}\n",
      "application/yaml",
    );
    expect(((await yaml.json()) as any).results[0].verdict).toBe("contradicted");
  });

  it("refuses malformed claims with a 400 naming the field", async () => {
    const bad = await post(JSON.stringify([{ dyad: "CHN-PRK", period: "2019..2018", claim: "improved" }]));
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as any).error.parameter).toBe("claims[0].period");
    const unknown = await post(JSON.stringify([{ dyad: "CHN-PRK", period: "2018", claim: "exploded" }]));
    expect(((await unknown.json()) as any).error.parameter).toBe("claims[0].claim");
    expect((await post("{not json")).status).toBe(400);
    expect((await post(JSON.stringify(Array.from({ length: 201 }, () => ({}))))).status).toBe(400);
  });
});

describe("GET /api/check/brief", () => {
  it("checks the brief's claims file with a verdict for each", async () => {
    const { status, body } = await t.get("/api/check/brief");
    expect(status).toBe(200);
    expect(body.results.length).toBeGreaterThan(10);
    for (const r of body.results)
      expect(["supported", "contradicted", "not enough data"]).toContain(r.verdict);
    const byId = Object.fromEntries(body.results.map((r: any) => [r.claim.id, r]));
    expect(byId["summit-2025-09-04"].verdict).toBe("supported");
    expect(byId["improved-2018-2019"].verdict).toBe("supported");
    // The brief has Xi in North Korea in March 2018; the record has Kim in Beijing.
    expect(byId["xi-visit-2018-03"].verdict).toBe("contradicted");
    // The core claim: its baseline (2014-2015, widened backwards if that were too thin) holds enough events.
    expect(byId["deteriorated-2016-2017"].verdict).toBe("supported");
    expect(byId["deteriorated-2016-2017"].numbers.baselineEvents).toBeGreaterThanOrEqual(3);
    expect(byId["no-denuclearisation-2025-09"].verdict).toBe("supported");
  });
});

describe("POST /api/check on a sparse baseline", () => {
  it("reports the widened baseline it used, and not enough data past the widest", async () => {
    const store = await sparseBaselineStore();
    try {
      const app = createApp({ store, log: () => {} });
      const res = await app.request("/api/check", {
        method: "POST",
        headers: { "Content-Type": "application/yaml" },
        body: [
          "- {dyad: USA-PRK, period: 2016..2017, claim: deteriorated}",
          "- {dyad: USA-PRK, period: 2010..2011, claim: improved}",
          "",
        ].join("\n"),
      });
      expect(res.status).toBe(200);
      const [widened, thin] = ((await res.json()) as any).results;
      expect(widened.verdict).toBe("supported");
      expect(widened.numbers).toMatchObject({
        baseline: "2010-01-01..2015-12-31",
        baselineFactor: 3,
        baselineEvents: 6,
        events: 5,
      });
      expect(widened.evidence.length).toBeGreaterThan(0);
      expect(widened.evidence.every((e: any) => e.quadClass >= 3)).toBe(true);
      expect(thin.verdict).toBe("not enough data");
      expect(thin.numbers).toMatchObject({ baselineFactor: 3, baselineEvents: 0 });
    } finally {
      await store.close();
    }
  });
});

describe("a claim check whose client leaves", () => {
  it("stops reading the store once the client has closed the connection", async () => {
    // The flagship store, each read counted and made 5 ms slower: 200 claims take seconds.
    let reads = 0;
    const counted = new Proxy(t.store, {
      get(target, name, receiver) {
        const value = Reflect.get(target, name, receiver);
        if (name !== "aggregate" && name !== "queryEvents" && name !== "indicators") return value;
        return async (...args: unknown[]) => {
          reads++;
          await new Promise((r) => setTimeout(r, 5));
          return value.apply(target, args);
        };
      },
    }) as Store;
    const server = await startServer({ store: counted, port: 0, host: "127.0.0.1", log: () => {} });
    const claims = Array.from({ length: 200 }, (_, i) => ({
      dyad: "CHN-PRK",
      period: `${1990 + (i % 30)}..2025`,
      claim: "improved",
    }));
    const client = new AbortController();
    const answer = fetch(`${server.url}api/check`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(claims),
      signal: client.signal,
    }).catch((err: Error) => err.name);
    while (reads < 20) await new Promise((r) => setTimeout(r, 5));
    client.abort();
    expect(await answer).toBe("AbortError");
    await new Promise((r) => setTimeout(r, 100));
    const atStop = reads;
    await new Promise((r) => setTimeout(r, 500));
    // At most the claim under way finishes; the whole check reads the store some 600 times.
    expect(reads).toBe(atStop);
    expect(reads).toBeLessThan(60);
    await server.close();
  });
});
