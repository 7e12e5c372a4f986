// biome-ignore-all lint/suspicious/noExplicitAny: API response bodies are untyped JSON in tests
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type AppOptions, createApp } from "../../src/server/app.ts";
import { openStore } from "../../src/store/open.ts";
import type { Store } from "../../src/store/store.ts";

export interface TestApp {
  app: ReturnType<typeof createApp>;
  store: Store;
  /** GET a path and parse the JSON body. */
  get: (path: string) => Promise<{ status: number; body: any }>;
  close: () => Promise<void>;
}

/** The app over a temporary DuckDB file holding the shipped flagship record. */
export async function flagshipApp(options: Partial<AppOptions> = {}): Promise<TestApp> {
  const dir = mkdtempSync(join(tmpdir(), "yalu-api-"));
  const store = await openStore(join(dir, "test.duckdb"), { flagship: true });
  const logs: string[] = [];
  const app = createApp({ store, log: (m) => logs.push(m), ...options });
  return {
    app,
    store,
    get: async (path) => {
      const res = await app.request(path);
      return { status: res.status, body: await res.json() };
    },
    close: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
