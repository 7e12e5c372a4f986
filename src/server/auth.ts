import { createHash, timingSafeEqual } from "node:crypto";
import type { MiddlewareHandler } from "hono";
import { HttpError } from "./error.ts";

const digest = (s: string) => createHash("sha256").update(s).digest();

/**
 * Guard for write endpoints: without a configured token writes are disabled (403); otherwise the
 * request needs `Authorization: Bearer <token>` (401 when missing or wrong). Compared in constant time.
 */
export function requireToken(token: string | undefined): MiddlewareHandler {
  return async (c, next) => {
    if (!token) throw new HttpError(403, "writes are disabled: the operator has not set YALU_TOKEN");
    const header = c.req.header("authorization") ?? "";
    const m = /^Bearer\s+(\S+)$/i.exec(header);
    if (!m || !timingSafeEqual(digest(m[1]), digest(token))) {
      c.header("WWW-Authenticate", 'Bearer realm="yalu"');
      throw new HttpError(401, "missing or wrong bearer token", "authorization");
    }
    await next();
  };
}
