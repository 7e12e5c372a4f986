import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureWebBuild } from "../../src/server/build.ts";
import { type RunningServer, startServer } from "../../src/server/serve.ts";
import { openStore } from "../../src/store/open.ts";
import type { Store } from "../../src/store/store.ts";

const CHROMIUM = "/usr/bin/chromium";
const hasChromium = existsSync(CHROMIUM);
const inCI = process.env.CI === "true";
if (!hasChromium && !inCI) {
  console.warn(`skipping the forecast view e2e test: ${CHROMIUM} not found (apt-get install -y chromium)`);
}

describe.skipIf(!hasChromium && !inCI)("forecast view in headless Chromium", () => {
  let dir: string;
  let store: Store;
  let server: RunningServer;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    if (!hasChromium) throw new Error(`${CHROMIUM} is missing: CI must install Debian's chromium`);
    dir = mkdtempSync(join(tmpdir(), "yalu-forecast-e2e-"));
    const webRoot = await ensureWebBuild(() => {});
    store = await openStore(join(dir, "e2e.duckdb"), { flagship: false });
    server = await startServer({ store, port: 0, host: "127.0.0.1", webRoot, log: () => {} });
    context = await chromium.launchPersistentContext(join(dir, "profile"), {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
      ],
      viewport: { width: 1280, height: 900 },
    });
    page = context.pages()[0] ?? (await context.newPage());
  });

  afterAll(async () => {
    await context?.close();
    await server?.close();
    await store?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("runs the secondary-sanctions variant: position charts, who moved and why, the difference", async () => {
    await page.goto(`${server.url}#forecast`);
    await page.locator("[data-testid=forecast-summary]").waitFor();
    expect(await page.inputValue("[data-testid=forecast-scenario]")).toBe("china-dprk-secondary-sanctions");
    expect(await page.locator("[data-testid=forecast-output] svg").count()).toBeGreaterThanOrEqual(3);
    expect(await page.locator("[data-testid=forecast-movers] tbody tr").count()).toBeGreaterThan(0);
    const diff = await page.locator("[data-testid=forecast-difference]").textContent();
    expect(diff).toContain("china-dprk");
    await page.selectOption("[data-testid=forecast-model]", "eu");
    await page.click("[data-testid=forecast-run]");
    await page.locator("[data-testid=forecast-summary]", { hasText: "median" }).waitFor();
  });
});
