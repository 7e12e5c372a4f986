// biome-ignore-all lint/suspicious/noExplicitAny: API response bodies are untyped JSON in tests
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { forecastRoutes } from "../../src/server/routes/forecast.ts";
import { flagshipApp, type TestApp } from "./helpers.ts";

let t: TestApp;
beforeAll(async () => {
  // Mounted as `yalu serve` / `npm start` mount it (src/server/serve.ts).
  t = await flagshipApp({ mounts: { "/api/forecast": forecastRoutes() } });
});
afterAll(() => t.close());

const METHODS = new Set(["get", "post", "put", "patch", "delete"]);

/** "METHOD /path/{param}" of every API route the app answers. */
function mountedRoutes(app: TestApp["app"]): Set<string> {
  return new Set(
    app.routes
      .filter((r) => r.path.startsWith("/api/") && r.method !== "ALL")
      .map((r) => `${r.method.toLowerCase()} ${r.path.replace(/:(\w+)/g, "{$1}")}`),
  );
}

describe("GET /openapi.json", () => {
  it("documents every mounted API route, forecast included, and nothing that is not mounted", async () => {
    const { status, body } = await t.get("/openapi.json");
    expect(status).toBe(200);
    expect(body.openapi).toMatch(/^3\./);
    const routes = mountedRoutes(t.app);
    expect(routes.size).toBeGreaterThan(12);
    expect(routes).toContain("get /api/forecast/scenarios/{name}/run");
    for (const route of routes) {
      const [method, path] = route.split(" ");
      expect(body.paths[path]?.[method], route).toBeDefined();
    }
    const documented = Object.entries<any>(body.paths).flatMap(([path, ops]) =>
      Object.keys(ops)
        .filter((m) => METHODS.has(m))
        .map((m) => `${m} ${path}`),
    );
    expect(documented.filter((d) => !routes.has(d))).toEqual([]);
    for (const [path, ops] of Object.entries<any>(body.paths)) {
      for (const op of Object.values<any>(ops)) {
        expect(op.responses["200"], path).toBeDefined();
        // Every path parameter in the template is declared.
        for (const name of path.match(/\{(\w+)\}/g) ?? [])
          expect(
            op.parameters?.some((p: any) => p.in === "path" && `{${p.name}}` === name && p.required),
            `${path} ${name}`,
          ).toBe(true);
      }
    }
  });

  it("states the forecast routes' parameters, body and errors", async () => {
    const { body } = await t.get("/openapi.json");
    const run = body.paths["/api/forecast/scenarios/{name}/run"].get;
    expect(run.parameters.map((p: any) => p.name)).toEqual(
      expect.arrayContaining(["name", "model", "vs", "mc", "seed", "sd", "trace", "param"]),
    );
    expect(run.parameters.find((p: any) => p.name === "model").schema.enum).toEqual(["smp", "eu"]);
    expect(Object.keys(run.responses)).toEqual(expect.arrayContaining(["200", "400", "404"]));
    const post = body.paths["/api/forecast/run"].post.requestBody.content["application/json"].schema;
    expect(post.required).toEqual(["scenario"]);
    expect(post.properties.parameters.properties.votingRule.enum).toContain("PropCbc");
    // The documented example scenario is one the API serves.
    const example = body.paths["/api/forecast/scenarios/{name}"].get.parameters[0].schema.example;
    const res = await t.app.request(`/api/forecast/scenarios/${example}`);
    expect(res.status).toBe(200);
  });

  it("states each route's query parameters from the schema the route validates with", async () => {
    const { body } = await t.get("/openapi.json");
    // Every $ref points into the document.
    const refs = JSON.stringify(body).match(/"\$ref":"#\/[^"]+"/g) ?? [];
    expect(refs.length).toBeGreaterThan(10);
    for (const ref of refs) {
      const path = ref.slice(10, -1).split("/");
      expect(
        path.reduce((o: any, k) => o?.[k], body),
        ref,
      ).toBeDefined();
    }
    let checked = 0;
    for (const [path, ops] of Object.entries<any>(body.paths)) {
      const op = ops.get;
      if (!op || path.includes("{")) continue;
      const query = op.parameters.filter((p: any) => p.in === "query");
      const sample = (p: any) => p.schema.example ?? p.schema.enum?.[0] ?? (p.schema.pattern ? "1" : "x");
      // What the route needs, from the documented examples.
      const needed = query.filter((p: any) => p.required);
      const base = needed.map((p: any) => `${p.name}=${encodeURIComponent(sample(p))}&`).join("");
      if (needed.length) expect((await t.app.request(path)).status, `${path} without its needs`).toBe(400);
      // The route refuses an undocumented parameter, and takes each documented one.
      const refused = await t.app.request(`${path}?${base}undocumented=1`);
      const refusal = ((await refused.json()) as any).error;
      if (query.length) {
        expect(refusal?.message, path).toBe('unknown parameter "undocumented"');
        expect(refusal?.parameter, path).toBe("undocumented");
      }
      for (const p of query.filter((p: any) => !p.required)) {
        const res = await t.app.request(`${path}?${base}${p.name}=${encodeURIComponent(sample(p))}`);
        const message = res.status === 200 ? "" : ((await res.json()) as any).error.message;
        expect(message, `${path} ${p.name}`).not.toMatch(/unknown parameter/);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(30);
  });

  it("leaves the forecast routes out of an app that does not mount them", async () => {
    const bare = await flagshipApp();
    try {
      const { body } = await bare.get("/openapi.json");
      expect(Object.keys(body.paths).some((p) => p.startsWith("/api/forecast"))).toBe(false);
      expect(body.paths["/api/series"].get).toBeDefined();
    } finally {
      await bare.close();
    }
  });
});
