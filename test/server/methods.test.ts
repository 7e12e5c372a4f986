// biome-ignore-all lint/suspicious/noExplicitAny: API response bodies are untyped JSON in tests
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { forecastRoutes } from "../../src/server/routes/forecast.ts";
import { flagshipApp, type TestApp } from "./helpers.ts";

let t: TestApp;
beforeAll(async () => {
  t = await flagshipApp({ token: "secret", mounts: { "/api/forecast": forecastRoutes() } });
});
afterAll(() => t.close());

const auth = { Authorization: "Bearer secret" };

describe("content types of writes and heavy POSTs", () => {
  const posts: [string, Record<string, string>][] = [
    ["/api/import", auth],
    ["/api/code", {}],
    ["/api/code?store=true", auth],
    ["/api/check", {}],
    ["/api/forecast/run", {}],
  ];
  for (const [path, headers] of posts) {
    for (const type of [
      "text/plain",
      "application/x-www-form-urlencoded",
      "multipart/form-data; boundary=x",
    ]) {
      it(`${path} refuses ${type} with 415`, async () => {
        const res = await t.app.request(path, {
          method: "POST",
          body: "{}",
          headers: { ...headers, "Content-Type": type },
        });
        expect(res.status).toBe(415);
        const body = (await res.json()) as any;
        expect(body.error.message).toContain(JSON.stringify(type));
        expect(body.error.message).toMatch(/application\/(json|x-ndjson)/);
      });
    }
  }

  it("every route that takes a body refuses text/plain", async () => {
    const writes = t.app.routes.filter((r) => ["POST", "PUT", "PATCH", "DELETE"].includes(r.method));
    expect(writes.length).toBeGreaterThanOrEqual(4);
    for (const r of writes) {
      const res = await t.app.request(r.path, {
        method: r.method,
        body: "{}",
        headers: { ...auth, "Content-Type": "text/plain" },
      });
      expect(res.status, `${r.method} ${r.path}`).toBe(415);
    }
  });

  it("refuses a POST without a content type", async () => {
    const res = await t.app.request("/api/forecast/run", {
      method: "POST",
      body: new Uint8Array([123, 125]),
    });
    expect(res.status).toBe(415);
  });

  it("takes the documented types, parameters included", async () => {
    const json = await t.app.request("/api/check", {
      method: "POST",
      body: "[]",
      headers: { "Content-Type": "application/json; charset=utf-8" },
    });
    expect(json.status).not.toBe(415);
    const yaml = await t.app.request("/api/check", {
      method: "POST",
      body: "claims: []\n",
      headers: { "Content-Type": "application/yaml" },
    });
    expect(yaml.status).not.toBe(415);
  });
});

describe("wrong methods", () => {
  it("answers 405 with Allow on a known path", async () => {
    for (const [method, path, allow] of [
      ["POST", "/api/events", "GET, HEAD"],
      ["DELETE", "/api/events/abc", "GET, HEAD"],
      ["GET", "/api/import", "POST"],
      ["PUT", "/api/check", "POST"],
      ["GET", "/api/forecast/run", "POST"],
      ["POST", "/api/forecast/scenarios/x/run", "GET, HEAD"],
    ]) {
      const res = await t.app.request(path, { method });
      expect(res.status, `${method} ${path}`).toBe(405);
      expect(res.headers.get("Allow"), `${method} ${path}`).toBe(allow);
      expect(((await res.json()) as any).error.message).toContain(method);
    }
  });

  it("still answers 404 on an unknown path", async () => {
    expect((await t.app.request("/api/nothing", { method: "POST" })).status).toBe(404);
    expect((await t.app.request("/api/nothing")).status).toBe(404);
  });
});

describe("query parameters", () => {
  for (const path of [
    "/api/actors",
    "/api/stats",
    "/api/check/brief",
    "/api/forecast/scenarios",
    "/api/events/abc",
    "/api/forecast/scenarios/x/run",
  ]) {
    it(`${path} refuses an unknown parameter, naming it`, async () => {
      const { status, body } = await t.get(`${path}?bogus=1`);
      expect(status).toBe(400);
      expect(body.error.parameter).toBe("bogus");
      expect(body.error.message).toContain("bogus");
    });
  }

  for (const path of [
    "/api/events?from=2000&from=2001",
    "/api/series?dyad=CHN-PRK&from=2000&from=2001",
    "/api/network?from=2000&from=2001",
    "/api/forecast/scenarios/x/run?model=smp&model=eu",
  ]) {
    it(`${path} refuses the repeated parameter, naming it`, async () => {
      const { status, body } = await t.get(path);
      expect(status).toBe(400);
      expect(body.error.message).toMatch(/repeated/);
      expect(["from", "model"]).toContain(body.error.parameter);
    });
  }
});
