// biome-ignore-all lint/suspicious/noExplicitAny: API response bodies are untyped JSON in tests
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { flagshipApp, type TestApp } from "./helpers.ts";

let t: TestApp;
beforeAll(async () => {
  t = await flagshipApp();
});
afterAll(() => t.close());

describe("GET /openapi.json", () => {
  it("documents every API route the app answers", async () => {
    const { status, body } = await t.get("/openapi.json");
    expect(status).toBe(200);
    expect(body.openapi).toMatch(/^3\./);
    const routes = t.app.routes
      .filter((r) => r.path.startsWith("/api/") && r.method !== "ALL")
      .map((r) => `${r.method.toLowerCase()} ${r.path.replace(/:(\w+)/g, "{$1}")}`);
    expect(routes.length).toBeGreaterThan(8);
    for (const route of new Set(routes)) {
      const [method, path] = route.split(" ");
      expect(body.paths[path]?.[method], route).toBeDefined();
    }
    for (const [path, ops] of Object.entries<any>(body.paths)) {
      for (const op of Object.values<any>(ops)) expect(op.responses["200"], path).toBeDefined();
    }
  });
});
