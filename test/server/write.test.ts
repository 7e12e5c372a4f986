// biome-ignore-all lint/suspicious/noExplicitAny: API response bodies are untyped JSON in tests
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Event } from "../../src/model/event.ts";
import { normalizeEvent } from "../../src/model/normalize.ts";
import { flagshipApp, type TestApp } from "./helpers.ts";

const json = { "Content-Type": "application/json" };
const ndjson = { "Content-Type": "application/x-ndjson" };

const line = (date: string, cameo = "042") =>
  JSON.stringify({
    date,
    source: { code: "CHNGOV", country: "CHN" },
    target: { code: "PRKGOV", country: "PRK" },
    cameo,
    description: `test event ${date}`,
  });

/** A stand-in coder for the preview path: one visit event per sentence that says "visits". */
const coder = (text: string) => ({
  events: text
    .split(/(?<=\.)\s+/)
    .filter((s) => /visits/.test(s))
    .map((s): Event => normalizeEvent({ ...JSON.parse(line("2026-01-02")), evidence: { sentence: s } })),
});

describe("write endpoints without a token", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await flagshipApp();
  });
  afterAll(() => t.close());

  it("refuses imports with 403: the API is read-only by default", async () => {
    const res = await t.app.request("/api/import", { method: "POST", body: line("2026-01-01") });
    expect(res.status).toBe(403);
    expect(((await res.json()) as any).error.message).toContain("YALU_TOKEN");
  });
});

describe("POST /api/code with the project's coder", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await flagshipApp();
  });
  afterAll(() => t.close());

  it("codes pasted text into events whose evidence is a sentence of the text", async () => {
    const text = "Kim Jong Un arrived in Beijing on Tuesday for talks with Xi Jinping. It rained.";
    const res = await t.app.request("/api/code", {
      method: "POST",
      body: JSON.stringify({ text, docDate: "2025-09-02" }),
      headers: json,
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as any;
    expect(body.stored).toBeNull();
    expect(body.events.length).toBeGreaterThan(0);
    for (const e of body.events) expect(text).toContain(e.evidence.sentence);
    expect(body.events.some((e: any) => e.source.country === "PRK" && e.target.country === "CHN")).toBe(true);
  });
});

describe("write endpoints with a token", () => {
  let t: TestApp;
  const auth = { Authorization: "Bearer s3cret-token", ...ndjson };
  beforeAll(async () => {
    // A read after an import waits for the new answer however slow the machine (the default 50 ms
    // wait, then the stale answer, made these tests depend on the machine's load).
    t = await flagshipApp({
      token: "s3cret-token",
      coder: coder as never,
      cache: { revalidateWait: 60_000 },
    });
  });
  afterAll(() => t.close());

  it("needs the right bearer token", async () => {
    const variants: Record<string, string>[] = [
      {},
      { Authorization: "Bearer wrong" },
      { Authorization: "Basic s3cret-token" },
    ];
    for (const headers of variants) {
      const res = await t.app.request("/api/import", { method: "POST", body: line("2026-01-01"), headers });
      expect(res.status).toBe(401);
      expect(res.headers.get("www-authenticate")).toContain("Bearer");
    }
  });

  it("imports JSON Lines, skips duplicates, and the cache sees the new events", async () => {
    const before = (await (await t.app.request("/api/events?dyad=CHN-PRK&from=2026")).json()) as any;
    expect(before.total).toBe(0);
    const body = `${line("2026-01-01")}\n${line("2026-02-01", "043")}\n`;
    const res = await t.app.request("/api/import", { method: "POST", body, headers: auth });
    expect(await res.json()).toEqual({ inserted: 2, duplicates: 0 });
    const again = await t.app.request("/api/import", { method: "POST", body, headers: auth });
    expect(await again.json()).toEqual({ inserted: 0, duplicates: 2 });
    const after = (await (await t.app.request("/api/events?dyad=CHN-PRK&from=2026")).json()) as any;
    expect(after.total).toBe(2);
  });

  it("rejects a bad line with a 400 naming it, storing nothing", async () => {
    const body = `${line("2026-03-01")}\n{"date":"2026-13-01"}\n`;
    const res = await t.app.request("/api/import", { method: "POST", body, headers: auth });
    expect(res.status).toBe(400);
    expect(((await res.json()) as any).error.parameter).toBe("line 2");
    const after = (await (await t.app.request("/api/events?from=2026-03&to=2026-03")).json()) as any;
    expect(after.total).toBe(0);
  });

  it("codes text as a preview without a token, and stores only with one", async () => {
    const text = { text: "Wang Yi visits Pyongyang. Nothing else happened." };
    const preview = await t.app.request("/api/code", {
      method: "POST",
      body: JSON.stringify(text),
      headers: json,
    });
    const p = (await preview.json()) as any;
    expect(p.events).toHaveLength(1);
    expect(p.stored).toBeNull();
    const refused = await t.app.request("/api/code?store=true", {
      method: "POST",
      body: JSON.stringify(text),
      headers: json,
    });
    expect(refused.status).toBe(401);
    const stored = await t.app.request("/api/code?store=true", {
      method: "POST",
      body: JSON.stringify(text),
      headers: { ...auth, ...json },
    });
    const s = (await stored.json()) as any;
    expect([stored.status, s.stored?.inserted]).toEqual([200, 1]);
    const empty = await t.app.request("/api/code", {
      method: "POST",
      body: JSON.stringify({ text: "" }),
      headers: json,
    });
    expect([empty.status, ((await empty.json()) as any).error.parameter]).toEqual([400, "text"]);
  });

  it("the record's size the dashboard header reads (GET /api/stats) moves with every import", async () => {
    const read = async () => {
      const res = await t.app.request("/api/stats");
      expect(res.headers.get("cache-control")).toBe("no-cache");
      return { body: (await res.json()) as any, version: Number(res.headers.get("x-yalu-data-version")) };
    };
    const before = await read();
    const body = `${line("2027-01-01")}\n${line("2027-02-01")}\n`;
    const res = await t.app.request("/api/import", { method: "POST", body, headers: auth });
    expect(res.status).toBe(200);
    const after = await read();
    expect(after.body.events).toBe(before.body.events + 2);
    expect(after.body.lastDate).toBe("2027-02-01");
    expect(after.version).toBe(Number(res.headers.get("x-yalu-data-version")));
    expect(after.version).toBeGreaterThan(before.version);
  });
});
