import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import type { Hono } from "hono";
import { announce, type Store } from "../store/index.ts";
import { type AppOptions, createApp } from "./app.ts";
import { clientError, connectionLimits } from "./connection.ts";
import { HARDENING_DEFAULTS, type HardeningOptions, hardening } from "./hardening.ts";
import { JobPool } from "./pool.ts";
import { forecastRoutes } from "./routes/forecast.ts";

export interface ServeOptions extends Partial<Omit<AppOptions, "store">> {
  store: Store;
  port: number;
  /** Interface to listen on; loopback by default. */
  host: string;
  /** The request limits of `hardening` (body sizes, body and header deadlines…), over its defaults. */
  limits?: Partial<HardeningOptions>;
}

export interface RunningServer {
  url: string;
  app: Hono;
  close: () => Promise<void>;
}

/**
 * Start the API and dashboard on `host:port` (port 0 picks a free one); resolves once listening.
 * A DuckDB file's server is announced beside it (`sidecar.ts`) until `close()`, for the CLI.
 */
export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const pool = options.pool ?? new JobPool();
  const mounts = { "/api/forecast": forecastRoutes({ pool, reader: options.store }), ...options.mounts };
  const middleware = [...hardening(options.limits), ...(options.middleware ?? [])];
  const app = createApp({ ...options, middleware, mounts, pool });
  const limits = { ...HARDENING_DEFAULTS, ...options.limits };
  return new Promise((resolve, reject) => {
    const server = serve(
      {
        fetch: app.fetch,
        port: options.port,
        hostname: options.host,
        serverOptions: connectionLimits(limits),
      },
      (info: AddressInfo) => {
        const host = info.address.includes(":") ? `[${info.address}]` : info.address;
        const url = `http://${host === "127.0.0.1" || host === "[::1]" ? "localhost" : host}:${info.port}/`;
        const withdraw = announce(options.store.location, url);
        resolve({
          url,
          app,
          close: () => {
            withdraw();
            return new Promise<void>((done) => server.close(() => done())).then(() => pool.close());
          },
        });
      },
    );
    server.once("error", reject);
    server.on("clientError", clientError(limits));
  });
}
