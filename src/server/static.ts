import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, sep } from "node:path";
import { fileURLToPath } from "node:url";
import type { Hono } from "hono";

/** Where `npm run build` puts the dashboard; found the same from src/server and dist/server. */
export const WEB_DIST = fileURLToPath(new URL("../../dist/web/", import.meta.url));

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".json": "application/json",
  ".woff2": "font/woff2",
  ".txt": "text/plain; charset=utf-8",
};

async function fileAt(root: string, path: string): Promise<string | null> {
  let rel: string;
  try {
    rel = decodeURIComponent(path);
  } catch {
    return null;
  }
  if (rel.includes("\0")) return null;
  const full = normalize(join(root, rel));
  // Never serve outside the web root (../ and encoded variants).
  if (full !== root && !full.startsWith(root.endsWith(sep) ? root : root + sep)) return null;
  try {
    return (await stat(full)).isFile() ? full : null;
  } catch {
    return null;
  }
}

/**
 * Serve the built dashboard from `root` (dist/web): files by path, and index.html for every other
 * GET outside /api so client-side routes load. Hashed assets are cached for a year.
 */
export function serveWeb(app: Hono, root: string): void {
  app.get("*", async (c, next) => {
    if (c.req.path.startsWith("/api/") || c.req.path === "/api" || c.req.path === "/openapi.json")
      return next();
    const file = (await fileAt(root, c.req.path)) ?? (await fileAt(root, "index.html"));
    if (!file) return next();
    const body = await readFile(file);
    c.header("Content-Type", TYPES[extname(file)] ?? "application/octet-stream");
    c.header(
      "Cache-Control",
      c.req.path.startsWith("/assets/") ? "public, max-age=31536000, immutable" : "no-cache",
    );
    return c.body(body);
  });
}
