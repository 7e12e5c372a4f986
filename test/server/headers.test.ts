import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cors } from "hono/cors";
import { secureHeaders } from "hono/secure-headers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/server/app.ts";
import { hardening } from "../../src/server/hardening.ts";
import { openStore } from "../../src/store/open.ts";
import type { Store } from "../../src/store/store.ts";
import { dyadRecord } from "../analysis/fixture.ts";

let dir: string;
let store: Store;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "yalu-headers-"));
  store = await openStore(join(dir, "headers.duckdb"), { flagship: false });
  await store.importEvents(dyadRecord());
});
afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Hono's own secureHeaders and cors, with hardening's options: what the headers must equal. */
function reference(origins: string[]) {
  return [
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", "data:"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
      },
      crossOriginEmbedderPolicy: false,
    }),
    cors({
      origin: (origin) => (origins.includes(origin) ? origin : null),
      allowMethods: ["GET", "POST", "OPTIONS"],
      allowHeaders: ["Authorization", "Content-Type"],
      maxAge: 600,
    }),
  ];
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
