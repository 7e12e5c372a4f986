import { existsSync } from "node:fs";
import { join } from "node:path";
import { startServer, WEB_DIST } from "../server/index.ts";
import { defaultDatabase, findServer, openStore, type StorageError } from "../store/index.ts";
import { CliError, usage } from "./error.ts";

export interface ServeCommandOptions {
  db?: string;
  port?: string;
  host?: string;
  /** Serve the API only, without the dashboard. */
  web?: boolean;
}

/**
 * `yalu serve [--db PATH] [--port N] [--host H] [--no-web]` (what `npm start` runs): the API and the
 * dashboard built by `npm run build`, on `$PORT`/`$HOST` unless given, until interrupted.
 */
export async function runServe(opts: ServeCommandOptions): Promise<void> {
  const given = opts.port ?? process.env.PORT ?? "8080";
  const port = Number(given);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw usage(`invalid port "${given}"`);
  let webRoot: string | null = null;
  if (opts.web !== false) {
    if (!existsSync(join(WEB_DIST, "index.html")))
      throw new CliError(
        "the dashboard is not built: run `npm run build` (or serve the API alone: --no-web)",
      );
    webRoot = WEB_DIST;
  }
  const running = findServer(opts.db ?? defaultDatabase());
  if (running)
    throw new CliError(
      `the record ${running.database} is already served by process ${running.pid} at ${running.url}: use that server, or stop it first`,
    );
  const store = await openStore(opts.db);
  let failed: ((err: StorageError) => void) | undefined;
  const stopped = new Promise<StorageError | null>((resolve) => {
    const stop = () => resolve(null);
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
    failed = resolve;
  });
  const server = await startServer({
    store,
    port,
    host: opts.host ?? process.env.HOST ?? "127.0.0.1",
    webRoot,
    token: process.env.YALU_TOKEN,
    onStoreFailed: (err) => failed?.(err),
  });
  process.stdout.write(`Yalu on ${store.location}\n${server.url}\n`);
  const failure = await stopped;
  await server.close();
  // A failed store stops the server with exit code 1 (for its supervisor to restart it); its
  // database may refuse even to close.
  await store.close().catch((err) => {
    if (!failure) throw err;
  });
  if (failure) throw new CliError(`${failure.message}; the server stopped`);
}
