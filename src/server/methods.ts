import type { Hono } from "hono";
import { PatternRouter } from "hono/router/pattern-router";

/**
 * The methods the app's routes take on a path, for the 405's `Allow` header: empty for a path no
 * route names. Catch-all routes (middleware, the dashboard's `GET *`) do not make a path known.
 * @example allowedMethods(app)("/api/events") // ["GET", "HEAD"]
 */
export function allowedMethods(app: Hono): (path: string) => string[] {
  let router: PatternRouter<string> | undefined;
  return (path) => {
    if (!router) {
      router = new PatternRouter<string>();
      for (const r of app.routes)
        if (r.method !== "ALL" && !r.path.includes("*")) router.add("ALL", r.path, r.method);
    }
    const methods = new Set(router.match("GET", path)[0].map(([method]) => method));
    if (methods.has("GET")) methods.add("HEAD");
    return [...methods];
  };
}
