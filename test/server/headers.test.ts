import { cors } from "hono/cors";
import { secureHeaders } from "hono/secure-headers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/server/app.ts";
import { corsOptions, hardening, SECURITY_HEADERS } from "../../src/server/hardening.ts";
import type { Store } from "../../src/store/store.ts";
import { fixtureStore } from "../analysis/fixture.ts";

let store: Store;
beforeAll(async () => {
  store = await fixtureStore();
});
afterAll(async () => {
  await store.close();
});

/** Hono's own secureHeaders and cors, with hardening's options: what the headers must equal. */
function reference(origins: string[]) {
  return [secureHeaders(SECURITY_HEADERS), cors(corsOptions(origins))];
}

describe("hardening's response headers", () => {
  it("equal Hono's secureHeaders and cors for reads, errors, CORS and preflights", async () => {
    const origins = ["https://ok.example"];
    const ours = createApp({ store, log: () => {}, middleware: hardening({ corsOrigins: origins }) });
    const theirs = createApp({ store, log: () => {}, middleware: reference(origins) });
    const requests: [string, RequestInit?][] = [
      ["/api/series?dyad=CHN-PRK&bucket=year"],
      ["/api/stats"],
      ["/api/stats", { headers: { Origin: "https://ok.example" } }],
      ["/api/stats", { headers: { Origin: "https://evil.example" } }],
      ["/api/series?bucket=week"],
      ["/api/nothing"],
      ["/api/import", { method: "POST", body: "{}" }],
      [
        "/api/import",
        {
          method: "OPTIONS",
          headers: { Origin: "https://ok.example", "Access-Control-Request-Method": "POST" },
        },
      ],
      [
        "/api/import",
        {
          method: "OPTIONS",
          headers: { Origin: "https://evil.example", "Access-Control-Request-Method": "POST" },
        },
      ],
    ];
    for (const [path, init] of requests) {
      const [a, b] = [await ours.request(path, init), await theirs.request(path, init)];
      const what = `${init?.method ?? "GET"} ${path} ${JSON.stringify(init?.headers ?? {})}`;
      expect(a.status, what).toBe(b.status);
      const headers = (res: Response) => {
        const h = Object.fromEntries(res.headers);
        delete h.age;
        return h;
      };
      expect(headers(a), what).toEqual(headers(b));
      expect(await a.text(), what).toBe(await b.text());
    }
  });
});
