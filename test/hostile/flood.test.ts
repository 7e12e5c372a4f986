import { mkdtempSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { serve } from "@hono/node-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/server/app.ts";
import { hardening } from "../../src/server/hardening.ts";
import { openStore } from "../../src/store/open.ts";
import type { Store } from "../../src/store/store.ts";
import { fixtureEvents } from "../store/fixtures.ts";

const LIMIT = 16;
const FLOOD = 400;

let dir: string;
let store: Store;
let base: string;
let close: () => Promise<void>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "yalu-flood-"));
  store = await openStore(join(dir, "db.duckdb"), { flagship: false });
  await store.importEvents(fixtureEvents());
  // A slow handler stands in for a busy store, so the flood really overlaps.
  const slow = async (_: unknown, next: () => Promise<void>) => {
    await new Promise((r) => setTimeout(r, 30));
    await next();
  };
  const app = createApp({ store, log: () => {}, middleware: [...hardening({ maxInFlight: LIMIT }), slow] });
  await new Promise<void>((resolve) => {
    const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, (info: AddressInfo) => {
      base = `http://127.0.0.1:${info.port}`;
      close = () => new Promise((done) => server.close(() => done()));
      resolve();
    });
  });
});
afterAll(async () => {
  await close?.();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("a flood of connections on loopback", () => {
  it("turns the excess away with 429 + Retry-After, never errors, and serves again afterwards", async () => {
    const before = await store.countEvents({});
    const results = await Promise.all(
      Array.from({ length: FLOOD }, async () => {
        const res = await fetch(`${base}/api/stats`, { signal: AbortSignal.timeout(30_000) });
        await res.arrayBuffer();
        return { status: res.status, retry: res.headers.get("retry-after") };
      }),
    );
    const by = (s: number) => results.filter((r) => r.status === s);
    expect(by(200).length + by(429).length).toBe(FLOOD);
    expect(by(429).length).toBeGreaterThan(0);
    expect(by(200).length).toBeGreaterThanOrEqual(LIMIT);
    expect(by(429).every((r) => r.retry === "1")).toBe(true);
    const after = await fetch(`${base}/api/stats`);
    expect(after.status).toBe(200);
    expect(await store.countEvents({})).toBe(before);
  }, 60_000);
});
