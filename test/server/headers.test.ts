import type { MiddlewareHandler } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/server/app.ts";
import { hardening } from "../../src/server/hardening.ts";
import type { Store } from "../../src/store/store.ts";
import { fixtureStore } from "../analysis/fixture.ts";

let store: Store;
beforeAll(async () => {
  store = await fixtureStore();
});
afterAll(async () => {
  await store.close();
});

describe("hardening's response headers", () => {
  it("are on every answer: reads, errors, refusals by the limits, CORS and preflights", async () => {
    // A request with ?hold waits until released, so the in-flight limit (1) is reached.
    let release = () => {};
    const held = new Promise<void>((r) => {
      release = r;
    });
    const hold: MiddlewareHandler = async (c, next) => {
      if (c.req.query("hold") !== undefined) await held;
      await next();
    };
    const app = createApp({
      store,
      log: () => {},
      middleware: [
        ...hardening({ corsOrigins: ["https://ok.example"], maxInFlight: 1, maxBodyBytes: 10 }),
        hold,
      ],
    });
    const holding = app.request("/api/stats?hold");
    const requests: [string, RequestInit | undefined, number][] = [["/api/stats", undefined, 429]];
    const answers = [await app.request(requests[0][0])];
    release();
    // (Answered once released: a 400, since /api/stats takes no parameters.)
    expect((await holding).status).toBe(400);
    const more: [string, RequestInit | undefined, number][] = [
      ["/api/series?dyad=CHN-PRK&bucket=year", undefined, 200],
      ["/api/stats", { headers: { Origin: "https://ok.example" } }, 200],
      ["/api/stats", { headers: { Origin: "https://evil.example" } }, 200],
      ["/api/series?bucket=week", undefined, 400],
      ["/api/nothing", undefined, 404],
      [`/api/events?text=${"a".repeat(9000)}`, undefined, 414],
      [
        "/api/code",
        {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ text: "too long a body" }),
        },
        413,
      ],
      [
        "/api/import",
        {
          method: "OPTIONS",
          headers: { Origin: "https://ok.example", "Access-Control-Request-Method": "POST" },
        },
        204,
      ],
    ];
    for (const [path, init] of more) answers.push(await app.request(path, init));
    requests.push(...more);
    for (const [i, res] of answers.entries()) {
      const [path, init, status] = requests[i];
      const what = `${init?.method ?? "GET"} ${path.slice(0, 60)} ${JSON.stringify(init?.headers ?? {})}`;
      expect(res.status, what).toBe(status);
      expect(res.headers.get("x-content-type-options"), what).toBe("nosniff");
      expect(res.headers.get("content-security-policy"), what).toContain("frame-ancestors 'none'");
      expect(res.headers.get("referrer-policy"), what).toBe("no-referrer");
      const origin = new Headers(init?.headers).get("origin");
      expect(res.headers.get("access-control-allow-origin"), what).toBe(
        origin === "https://ok.example" ? origin : null,
      );
    }
    expect(answers[0].headers.get("retry-after")).toBe("1");
    expect(answers.at(-1)!.headers.get("access-control-allow-methods")).toBe("GET,POST,OPTIONS");
  });
});
