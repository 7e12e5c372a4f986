import { Hono, type MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { cors } from "hono/cors";
import { secureHeaders } from "hono/secure-headers";
import { targetOf } from "./cached.ts";
import { HttpError } from "./error.ts";
import type { FastLane } from "./lane.ts";

export interface HardeningOptions {
  /** Largest request body in bytes on POST /api/import (JSON Lines of up to 100,000 events). */
  maxImportBytes: number;
  /** Largest request body in bytes elsewhere. */
  maxBodyBytes: number;
  /** Longest request URL (path and query) in characters: longer is 414. */
  maxUrlLength: number;
  /** Requests handled at once, over all clients: more is 429 with Retry-After. */
  maxInFlight: number;
  /** Browser origins allowed to call the API cross-origin (none by default: same origin only). */
  corsOrigins: string[];
}

const defaults: HardeningOptions = {
  maxImportBytes: 64 * 2 ** 20,
  maxBodyBytes: 2 ** 20,
  maxUrlLength: 8192,
  maxInFlight: 256,
  corsOrigins: [],
};

const reject = (status: 413 | 414 | 429, message: string) => new HttpError(status, message);

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

/** 414 for a URL longer than `max` characters (path and query as sent). */
function urlLimit(max: number): MiddlewareHandler {
  return async (c, next) => {
    if (targetOf(c.req.url).length > max) throw reject(414, `request url longer than ${max} characters`);
    await next();
  };
}

/**
 * Hono's `secureHeaders`, set before the route runs rather than after: headers set on a finished
 * response make Hono rebuild it (a stream over a copy of the body) once per header, which cost
 * more than the rest of a cached answer. The headers are the ones `secureHeaders` gives (asked
 * once).
 */
function securityHeaders(options: Parameters<typeof secureHeaders>[0]): MiddlewareHandler {
  const probe = new Hono();
  probe.use(secureHeaders(options));
  probe.get("/", (c) => c.body(null, 204));
  let headers: Promise<[string, string][]> | undefined;
  return async (c, next) => {
    headers ??= Promise.resolve(probe.request("/")).then((res) => [...res.headers]);
    for (const [name, value] of await headers) c.header(name, value);
    await next();
  };
}

/**
 * Hono's `cors` for preflights and listed origins; for every other request only what it adds
 * there (`Vary: Origin`), set before the route runs for the same reason as {@link securityHeaders}.
 */
function corsHeaders(origins: string[]): MiddlewareHandler {
  const full = cors(corsOptions(origins));
  return async (c, next) => {
    const origin = c.req.header("origin");
    if (c.req.method === "OPTIONS" || (origin && origins.includes(origin))) return full(c, next);
    c.header("Vary", "Origin", { append: true });
    await next();
  };
}

/** 413 for a body over the route's limit (checked on Content-Length and while streaming). */
function bodyLimits(o: HardeningOptions): MiddlewareHandler {
  const onError = (max: number) => () => {
    throw reject(413, `request body larger than ${max} bytes`);
  };
  const importLimit = bodyLimit({ maxSize: o.maxImportBytes, onError: onError(o.maxImportBytes) });
  const otherLimit = bodyLimit({ maxSize: o.maxBodyBytes, onError: onError(o.maxBodyBytes) });
  return (c, next) => {
    // GET and HEAD carry no body; asking for one would build a whole fetch Request per read.
    if (c.req.method === "GET" || c.req.method === "HEAD") return next();
    return c.req.path === "/api/import" ? importLimit(c, next) : otherLimit(c, next);
  };
}

/** 429 once `max` requests are in flight: a flood is turned away before it reaches the store. */
function inFlightLimit(max: number): MiddlewareHandler & { admits: () => boolean } {
  let active = 0;
  const limit: MiddlewareHandler = async (c, next) => {
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
  return Object.assign(limit, { admits: () => active < max });
}

/** The hardening middleware, and whether a request answered without them is within the limits. */
export type Hardening = MiddlewareHandler[] & {
  /** False while the in-flight limit is reached (see {@link FastLane}). */
  admits: () => boolean;
};

/**
 * The server's defensive middleware, in order: request limits (in-flight, URL, body), then
 * conservative security headers and CORS (same-origin unless origins are listed).
 * @example createApp({ store, middleware: hardening({ corsOrigins: ["https://example.org"] }) })
 */
export function hardening(options: Partial<HardeningOptions> = {}): Hardening {
  const o = { ...defaults, ...options } satisfies HardeningOptions;
  const inFlight = inFlightLimit(o.maxInFlight);
  const middleware = [
    inFlight,
    urlLimit(o.maxUrlLength),
    bodyLimits(o),
    securityHeaders(SECURITY_HEADERS),
    corsHeaders(o.corsOrigins),
  ];
  return Object.assign(middleware, { admits: inFlight.admits });
}
