import { fileURLToPath } from "node:url";
import { Hono, type MiddlewareHandler } from "hono";
import { stateNames } from "../formats/index.ts";
import type { StorageError, Store } from "../store/index.ts";
import { AnswerCache, type CacheOptions } from "./cache.ts";
import type { CodeDocument, Deps } from "./deps.ts";
import { HttpError, onError } from "./error.ts";
import { allowedMethods } from "./methods.ts";
import { openApiDocument } from "./openapi.ts";
import { JobPool } from "./pool.ts";
import { actorRoutes } from "./routes/actors.ts";
import { analysisRoutes } from "./routes/analysis.ts";
import { checkRoutes } from "./routes/check.ts";
import { eventRoutes } from "./routes/events.ts";
import { writeRoutes } from "./routes/write.ts";
import { serveWeb } from "./static.ts";

export interface AppOptions {
  store: Store;
  /** Bearer token for the write endpoints; unset = read-only (writes answer 403). */
  token?: string;
  /** Middleware run before every route, in order (security headers, limits, logging…). */
  middleware: MiddlewareHandler[];
  /** Extra sub-apps mounted under a path, e.g. `{ "/api/forecast": forecastRoutes() }`. */
  mounts: Record<string, Hono>;
  /** The built dashboard (dist/web), or null to serve the API only. */
  webRoot: string | null;
  /** Bounds of the cache of GET answers, and its clock. */
  cache: Partial<CacheOptions>;
  /** The brief's claims file for GET /api/check/brief. */
  briefClaims: string;
  /** The coder behind POST /api/code (default: src/coder's codeDocument, loaded on first use). */
  coder?: CodeDocument;
  /** The worker threads of CPU-heavy work (phases; the forecast routes take it too, see serve.ts). */
  pool: JobPool;
  log: (message: string) => void;
  /**
   * Called when the store fails for good (a 503 naming the cause answers the request): `yalu serve`
   * then stops with a non-zero exit, for its supervisor to restart it.
   */
  onStoreFailed: (err: StorageError) => void;
}

const defaults = (): Omit<AppOptions, "store"> => ({
  middleware: [],
  mounts: {},
  webRoot: null,
  cache: {},
  briefClaims: fileURLToPath(new URL("../../data/claims/brief.yaml", import.meta.url)),
  pool: new JobPool(),
  log: (m) => process.stderr.write(`${m}\n`),
  onStoreFailed: () => {},
});

/** The coder in the pool's worker threads: coding a long text takes seconds of CPU. */
function pooledCoder(pool: JobPool): CodeDocument {
  return (text, options, signal) =>
    pool.run("code", { text, options }, "the coding", "a shorter text", signal);
}

/**
 * The Yalu HTTP app: JSON API under /api, the OpenAPI document at /openapi.json, and the dashboard.
 * Extend it with `middleware` (run first, in order) and `mounts`.
 * @example const app = createApp({ store: await openStore(), token: process.env.YALU_TOKEN });
 */
export function createApp(options: Partial<AppOptions> & { store: Store }): Hono & { cache: AnswerCache } {
  const opts = { ...defaults(), ...options } satisfies AppOptions;
  const cache = new AnswerCache(opts.cache);
  const known = new Map<string, Promise<boolean>>();
  const deps: Deps = {
    store: opts.store,
    cache,
    token: opts.token || undefined,
    names: stateNames,
    briefClaims: opts.briefClaims,
    coder: async () => opts.coder ?? pooledCoder(opts.pool),
    pool: opts.pool,
    requireActor: async (code, parameter) => {
      let hit = known.get(code);
      if (!hit) {
        hit = opts.store.countEvents({ actor: code }).then((n) => n > 0);
        known.set(code, hit);
      }
      if (!(await hit)) {
        known.delete(code);
        throw new HttpError(404, `unknown actor "${code}": no events in the record`, parameter);
      }
    },
  };
  const app = new Hono();
  for (const m of opts.middleware) app.use("*", m);
  app.onError(onError(opts.log, opts.onStoreFailed));
  // Built on first request, once every route is mounted.
  let openApi: object | undefined;
  app.get("/openapi.json", (c) => {
    openApi ??= openApiDocument(app);
    return c.json(openApi);
  });
  app.route("/api/events", eventRoutes(deps));
  app.route("/api/actors", actorRoutes(deps));
  app.route("/api/check", checkRoutes(deps));
  app.route("/api", analysisRoutes(deps));
  app.route("/api", writeRoutes(deps));
  for (const [path, sub] of Object.entries(opts.mounts)) app.route(path, sub);
  if (opts.webRoot) serveWeb(app, opts.webRoot);
  const allowed = allowedMethods(app);
  app.notFound((c) => {
    const methods = allowed(c.req.path);
    if (methods.length && !methods.includes(c.req.method)) {
      const message = `method ${c.req.method} not allowed on ${c.req.path}: use ${methods.join(" or ")}`;
      return c.json(new HttpError(405, message).body(), 405, { Allow: methods.join(", ") });
    }
    return c.json(new HttpError(404, `no route ${c.req.method} ${c.req.path}`).body(), 404);
  });
  return Object.assign(app, { cache });
}
