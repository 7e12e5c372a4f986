import { Hono, type MiddlewareHandler } from "hono";
import { cors } from "hono/cors";
import { secureHeaders } from "hono/secure-headers";
import { streamedBodyLimit } from "./body.ts";
import { HttpError } from "./error.ts";

export interface HardeningOptions {
  /** Largest request body in bytes on POST /api/import (JSON Lines of up to 100,000 events). */
  maxImportBytes: number;
  /** Largest request body in bytes elsewhere. */
  maxBodyBytes: number;
  /** Longest wait (ms) for the next piece of a request body: longer is 408. */
  bodyIdleMs: number;
  /**
   * Longest time (ms) from a request's headers to the end of its body on POST /api/import: later
   * is 408, however steadily the bytes come (64 MB in 60 s needs about 1.1 MB/s; larger or slower
   * imports go through `yalu import`).
   */
  importDeadlineMs: number;
  /** The same elsewhere, where bodies are at most `maxBodyBytes` (1 MB in 15 s: 70 KB/s). */
  bodyDeadlineMs: number;
  /**
   * Longest time (ms) a client may take to send a request's headers: later, the connection is
   * answered 408 and closed (Node's `headersTimeout`; a request whose body outlasts its route's
   * deadline by 5 s is closed likewise, `requestTimeout`).
   */
  headersDeadlineMs: number;
  /** Longest request URL (path and query) in characters: longer is 414. */
  maxUrlLength: number;
  /** Requests handled at once, over all clients: more is 429 with Retry-After. */
  maxInFlight: number;
  /** Browser origins allowed to call the API cross-origin (none by default: same origin only). */
  corsOrigins: string[];
}

export const HARDENING_DEFAULTS: HardeningOptions = {
  maxImportBytes: 64 * 2 ** 20,
  maxBodyBytes: 2 ** 20,
  bodyIdleMs: 10_000,
  importDeadlineMs: 60_000,
  bodyDeadlineMs: 15_000,
  headersDeadlineMs: 10_000,
  maxUrlLength: 8192,
  maxInFlight: 256,
  corsOrigins: [],
};

const reject = (status: 414 | 429, message: string) => new HttpError(status, message);

/** The options of Hono's `secureHeaders` whose headers every response carries. */
export const SECURITY_HEADERS: Parameters<typeof secureHeaders>[0] = {
  contentSecurityPolicy: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'", "'unsafe-inline'"],
    imgSrc: ["'self'", "data:"],
    connectSrc: ["'self'"],
    objectSrc: ["'none'"],
    frameAncestors: ["'none'"],
    baseUri: ["'self'"],
    formAction: ["'self'"],
  },
  crossOriginEmbedderPolicy: false,
};

/** The options of Hono's `cors`: closed to every origin but the listed ones. */
export function corsOptions(origins: string[]): Parameters<typeof cors>[0] {
  return {
    origin: (origin) => (origins.includes(origin) ? origin : null),
    allowMethods: ["GET", "POST", "OPTIONS"],
    allowHeaders: ["Authorization", "Content-Type"],
    maxAge: 600,
  };
}

/**
 * Hono's `secureHeaders` with {@link SECURITY_HEADERS}, and `cors` for preflights and listed
 * origins, with the headers set before the route answers: set on a finished answer, each header
 * makes Hono copy the answer into a stream, which costs the server several times a cached answer
 * (0.15 against 0.55 ms of CPU per request in `npm run bench:api`).
 */
function headers(origins: string[]): MiddlewareHandler {
  const fixed = new Hono().use(secureHeaders(SECURITY_HEADERS)).get("/", (c) => c.body(null));
  const security = Promise.resolve(fixed.request("/")).then((res) => [...res.headers]);
  const full = cors(corsOptions(origins));
  return async (c, next) => {
    for (const [name, value] of await security) c.header(name, value);
    const origin = c.req.header("origin");
    if (c.req.method === "OPTIONS" || (origin && origins.includes(origin))) return full(c, next);
    c.header("Vary", "Origin");
    await next();
  };
}

/** 414 for a URL longer than `max` characters (path and query as sent). */
function urlLimit(max: number): MiddlewareHandler {
  return async (c, next) => {
    const url = c.req.url;
    if (url.length - url.indexOf("/", url.indexOf("//") + 2) > max)
      throw reject(414, `request url longer than ${max} characters`);
    await next();
  };
}

/**
 * 413 for a body over the route's limit, 408 for a stalled or too slow one, checked as the route
 * reads it.
 */
function bodyLimits(o: HardeningOptions): MiddlewareHandler {
  const idleMs = o.bodyIdleMs;
  const importLimit = streamedBodyLimit(o.maxImportBytes, { idleMs, deadlineMs: o.importDeadlineMs });
  const otherLimit = streamedBodyLimit(o.maxBodyBytes, { idleMs, deadlineMs: o.bodyDeadlineMs });
  return (c, next) => {
    // GET and HEAD carry no body; asking for one would build a whole fetch Request per read.
    if (c.req.method === "GET" || c.req.method === "HEAD") return next();
    return c.req.path === "/api/import" ? importLimit(c, next) : otherLimit(c, next);
  };
}

/** 429 with Retry-After once `max` requests are in flight: a flood is turned away before the store. */
function inFlightLimit(max: number): MiddlewareHandler {
  let active = 0;
  return async (c, next) => {
    if (active >= max) {
      c.header("Retry-After", "1");
      throw reject(429, `too many requests in flight (limit ${max}); retry shortly`);
    }
    active++;
    try {
      await next();
    } finally {
      active--;
    }
  };
}

/**
 * The server's defensive middleware, in order: conservative security headers and CORS
 * (same-origin unless origins are listed), on every answer, refusals included; then request
 * limits (in flight, URL, body).
 * @example createApp({ store, middleware: hardening({ corsOrigins: ["https://example.org"] }) })
 */
export function hardening(options: Partial<HardeningOptions> = {}): MiddlewareHandler[] {
  const o = { ...HARDENING_DEFAULTS, ...options } satisfies HardeningOptions;
  return [headers(o.corsOrigins), inFlightLimit(o.maxInFlight), urlLimit(o.maxUrlLength), bodyLimits(o)];
}
