import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BrowserContext, chromium, type Page } from "playwright-core";
import { CHROMIUM, CHROMIUM_ARGS } from "../../src/cli/chromium.ts";
import { type RunningServer, startServer } from "../../src/server/serve.ts";
import { WEB_DIST } from "../../src/server/static.ts";
import { openStore } from "../../src/store/open.ts";
import type { Store } from "../../src/store/store.ts";

/** Chromium is there; or, under CI=true, the browser tests must run (and fail loudly without it). */
export const hasChromium = existsSync(CHROMIUM);
export const runBrowserTests = hasChromium || process.env.CI === "true";

/** The served dashboard on the flagship record in a fresh DuckDB file, and a page in chromium. */
export interface Dashboard {
  dir: string;
  store: Store;
  server: RunningServer;
  context: BrowserContext;
  page: Page;
  close: () => Promise<void>;
}

export async function openDashboard(prefix: string): Promise<Dashboard> {
  if (!hasChromium) throw new Error(`${CHROMIUM} is missing: CI must install Debian's chromium`);
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const store = await openStore(join(dir, "e2e.duckdb"), { flagship: true });
  const server = await startServer({ store, port: 0, host: "127.0.0.1", webRoot: WEB_DIST, log: () => {} });
  const context = await chromium.launchPersistentContext(join(dir, "profile"), {
    executablePath: CHROMIUM,
    headless: true,
    acceptDownloads: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 900 },
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const close = async () => {
    await context.close();
    await server.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  };
  return { dir, store, server, context, page, close };
}
