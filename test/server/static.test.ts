import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/server/app.ts";
import { openStore } from "../../src/store/open.ts";
import type { Store } from "../../src/store/store.ts";

let dir: string;
let store: Store;
let app: ReturnType<typeof createApp>;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "yalu-static-"));
  const web = join(dir, "web");
  mkdirSync(join(web, "assets"), { recursive: true });
  writeFileSync(join(web, "index.html"), "<!doctype html><title>dashboard</title>");
  writeFileSync(join(web, "assets", "app-1.js"), "console.log(1)");
  writeFileSync(join(dir, "secret.txt"), "do not serve");
  store = await openStore(":memory:", { flagship: false });
  app = createApp({ store, webRoot: web, log: () => {} });
});
afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("serving the dashboard", () => {
  it("serves files with their type, hashed assets cached long, other paths as index.html", async () => {
    const js = await app.request("/assets/app-1.js");
    expect(js.headers.get("content-type")).toContain("javascript");
    expect(js.headers.get("cache-control")).toContain("immutable");
    expect(await js.text()).toBe("console.log(1)");
    const page = await app.request("/dyad/anything");
    expect(await page.text()).toContain("<title>dashboard</title>");
    expect(page.headers.get("cache-control")).toBe("no-cache");
  });

  it("never serves outside the web root, and leaves /api to the API", async () => {
    for (const path of ["/../secret.txt", "/%2e%2e/secret.txt", "/assets/..%2f..%2fsecret.txt", "/%00"]) {
      const text = await (await app.request(path)).text();
      expect(text, path).not.toContain("do not serve");
    }
    const api = await app.request("/api/nothing");
    expect(api.status).toBe(404);
    expect(((await api.json()) as { error: { status: number } }).error.status).toBe(404);
  });
});
