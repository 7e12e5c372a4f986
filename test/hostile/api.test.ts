import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/server/app.ts";
import { hardening } from "../../src/server/hardening.ts";
import { openStore } from "../../src/store/open.ts";
import type { Store } from "../../src/store/store.ts";
import { fixtureEvents } from "../store/fixtures.ts";

const TOKEN = "correct-horse-battery-staple";
/** The JSON error body of every 4xx. */
type ErrorJson = { error: { message: string } };
const HOSTILE = [
  "'; DROP TABLE events; --",
  '" OR 1=1 --',
  "') OR ('1'='1",
  "CHN' UNION SELECT * FROM events --",
  "1; DELETE FROM events",
  "\\'",
  "%",
  "_",
  "CHN%' OR '%'='",
  "$\u007Bjndi:ldap://x}",
  "<script>alert(1)</script>",
  "\u0000",
];
/** Every filter parameter of the read endpoints. */
const FILTERS = [
  "dyad",
  "actor",
  "source",
  "target",
  "root",
  "cameo",
  "quad",
  "from",
  "to",
  "text",
  "order",
  "limit",
];
const READS = [
  "/api/events",
  "/api/series",
  "/api/phases",
  "/api/network",
  "/api/indicators",
  "/api/stats",
  "/api/actors",
];

let dir: string;
let store: Store;
let app: ReturnType<typeof createApp>;
const logs: string[] = [];

async function fingerprint(): Promise<string> {
  const events = await store.queryEvents({});
  return JSON.stringify([events.length, events.map((e) => e.id), await store.indicators({})]);
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "yalu-hostile-"));
  const web = join(dir, "web");
  mkdirSync(join(web, "assets"), { recursive: true });
  writeFileSync(join(web, "index.html"), "<!doctype html><title>yalu</title>");
  writeFileSync(join(web, "assets", "app.js"), "console.log(1)");
  writeFileSync(join(dir, "secret.txt"), "TOP-SECRET");
  store = await openStore(join(dir, "db.duckdb"), { flagship: false });
  await store.importEvents(fixtureEvents());
  app = createApp({
    store,
    token: TOKEN,
    webRoot: web,
    log: (m) => logs.push(m),
    middleware: hardening({
      maxBodyBytes: 64 * 1024,
      maxImportBytes: 256 * 1024,
      corsOrigins: ["https://ok.example"],
    }),
  });
});
afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("hostile requests", () => {
  it("SQL-like text in every filter of every read endpoint: 200/400/404, never 5xx, nothing changed", async () => {
    const before = await fingerprint();
    let requests = 0;
    for (const path of READS) {
      for (const name of FILTERS) {
        for (const value of HOSTILE) {
          const res = await app.request(`${path}?${name}=${encodeURIComponent(value)}`);
          requests++;
          expect([200, 400, 404], `${path}?${name}=${value}`).toContain(res.status);
          const body = (await res.json()) as ErrorJson;
          if (res.status === 200) expect(body).toBeTypeOf("object");
          else expect(body.error.message).toBeTypeOf("string");
        }
      }
    }
    expect(requests).toBe(READS.length * FILTERS.length * HOSTILE.length);
    expect(logs.filter((l) => l.startsWith("error"))).toEqual([]);
    expect(await fingerprint()).toBe(before);
  });

  it("path traversal never serves a file outside the web root", async () => {
    const attempts = [
      "/../secret.txt",
      "/..%2fsecret.txt",
      "/%2e%2e/secret.txt",
      "/%2e%2e%2fsecret.txt",
      "/assets/..%2f..%2fsecret.txt",
      "/assets/%2e%2e/%2e%2e/secret.txt",
      "/..%5csecret.txt",
      "/%252e%252e%252fsecret.txt",
      "/secret.txt%00.html",
      "/....//secret.txt",
      `/${"../".repeat(20)}etc/passwd`,
    ];
    for (const path of attempts) {
      const res = await app.request(path);
      const text = await res.text();
      expect(text, path).not.toContain("TOP-SECRET");
      expect(text, path).not.toContain("root:");
      expect([200, 400, 404], path).toContain(res.status);
    }
    expect(await (await app.request("/assets/app.js")).text()).toBe("console.log(1)");
  });

  it("oversized bodies get 413, oversized URLs 414, and nothing is stored", async () => {
    const before = await fingerprint();
    const auth = { authorization: `Bearer ${TOKEN}`, "content-type": "application/x-ndjson" };
    const big = "x".repeat(300 * 1024);
    const imp = await app.request("/api/import", { method: "POST", headers: auth, body: big });
    expect(imp.status).toBe(413);
    expect(((await imp.json()) as ErrorJson).error.message).toMatch(/larger than/);
    const json = { "content-type": "application/json" };
    const code = await app.request("/api/code", {
      method: "POST",
      headers: json,
      body: JSON.stringify({ text: big }),
    });
    expect(code.status).toBe(413);
    const long = await app.request(`/api/events?text=${"a".repeat(9000)}`);
    expect(long.status).toBe(414);
    const tooLongFilter = await app.request(`/api/events?text=${"a".repeat(500)}`);
    expect(tooLongFilter.status).toBe(400);
    expect(await fingerprint()).toBe(before);
  });

  it("malformed JSON bodies get 400 naming the problem", async () => {
    const auth = { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" };
    for (const body of ["{", '{"text": ', "[1,2", "\u0000", '{"text": 5}', "null", "not json at all"]) {
      const res = await app.request("/api/code", { method: "POST", headers: auth, body });
      expect(res.status, body).toBe(400);
      expect(((await res.json()) as ErrorJson).error.message).toBeTypeOf("string");
    }
    const before = await fingerprint();
    const res = await app.request("/api/import", {
      method: "POST",
      headers: { ...auth, "content-type": "application/x-ndjson" },
      body: '{"date": "2020"\n{{{',
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as ErrorJson).error.message).toMatch(/line 1/);
    expect(await fingerprint()).toBe(before);
  });

  it("write endpoints: a missing or wrong token is 401, no token configured is 403, nothing stored", async () => {
    const before = await fingerprint();
    const line = JSON.stringify({
      date: "2020-01-01",
      source: { code: "CHN" },
      target: { code: "PRK" },
      cameo: "042",
    });
    const post = (a: ReturnType<typeof createApp>, headers: Record<string, string>) =>
      a.request("/api/import", { method: "POST", headers, body: line });
    const wrong: Record<string, string>[] = [
      {},
      { authorization: "" },
      { authorization: "Bearer" },
      { authorization: "Bearer wrong" },
      { authorization: `Bearer ${TOKEN}x` },
      { authorization: `Bearer ${TOKEN.slice(0, -1)}` },
      { authorization: `Basic ${Buffer.from(`user:${TOKEN}`).toString("base64")}` },
      { authorization: `bearer ${"a".repeat(10_000)}` },
    ];
    for (const headers of wrong) {
      const res = await post(app, headers);
      expect(res.status, JSON.stringify(headers).slice(0, 80)).toBe(401);
      expect(res.headers.get("www-authenticate")).toMatch(/^Bearer/);
    }
    const readOnly = createApp({ store, middleware: hardening() });
    expect((await post(readOnly, { authorization: `Bearer ${TOKEN}` })).status).toBe(403);
    expect((await readOnly.request("/api/code?store=true", { method: "POST", body: "{}" })).status).toBe(403);
    expect(await fingerprint()).toBe(before);
  });

  it("sends conservative security headers and refuses cross-origin callers not listed", async () => {
    const res = await app.request("/api/stats", { headers: { origin: "https://evil.example" } });
    expect(res.status).toBe(200);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("x-frame-options")).toBe("SAMEORIGIN");
    expect(res.headers.get("content-security-policy")).toContain("default-src 'self'");
    expect(res.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    expect(res.headers.get("referrer-policy")).toBe("no-referrer");
    expect(res.headers.get("access-control-allow-origin")).toBeNull();
    const ok = await app.request("/api/stats", { headers: { origin: "https://ok.example" } });
    expect(ok.headers.get("access-control-allow-origin")).toBe("https://ok.example");
    const preflight = await app.request("/api/import", {
      method: "OPTIONS",
      headers: { origin: "https://evil.example", "access-control-request-method": "POST" },
    });
    expect(preflight.headers.get("access-control-allow-origin")).toBeNull();
  });
});
