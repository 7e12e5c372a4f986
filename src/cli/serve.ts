import { startServer } from "../server/serve.ts";
import { openStore } from "../store/open.ts";
import { usage } from "./error.ts";

export interface ServeCommandOptions {
  db?: string;
  port?: string;
  host?: string;
  /** Serve the API only, without building or serving the dashboard. */
  web?: boolean;
}

/** `yalu serve [--db PATH] [--port N] [--host H] [--no-web]`: the API and dashboard until interrupted. */
export async function runServe(opts: ServeCommandOptions): Promise<void> {
  const port = Number(opts.port ?? process.env.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw usage(`invalid port "${opts.port}"`);
  let webRoot: string | null = null;
  if (opts.web !== false) {
    const { ensureWebBuild } = await import("../server/build.ts");
    webRoot = await ensureWebBuild();
  }
  const store = await openStore(opts.db);
  const server = await startServer({
    store,
    port,
    host: opts.host ?? "127.0.0.1",
    webRoot,
    token: process.env.YALU_TOKEN,
  });
  process.stdout.write(`Yalu on ${store.location}\n${server.url}\n`);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
  await server.close();
  await store.close();
}
