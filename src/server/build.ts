import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** The dashboard's sources and its build output. */
export const WEB_SRC = fileURLToPath(new URL("../web/", import.meta.url));
export const WEB_DIST = fileURLToPath(new URL("../../dist/web/", import.meta.url));

function newest(dir: string): number {
  let t = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    t = Math.max(t, entry.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

/** True when dist/web is missing or older than any file under src/web. */
export function webBuildStale(src = WEB_SRC, dist = WEB_DIST): boolean {
  const index = join(dist, "index.html");
  if (!existsSync(index)) return true;
  return existsSync(src) && newest(src) > statSync(index).mtimeMs;
}

/** Build the dashboard with Vite (src/web/vite.config.ts) when it is missing or stale. */
export async function ensureWebBuild(
  log: (m: string) => void = (m) => process.stderr.write(`${m}\n`),
): Promise<string> {
  if (!webBuildStale()) return WEB_DIST;
  log("building the dashboard (vite)…");
  const { build } = await import("vite");
  await build({ configFile: join(WEB_SRC, "vite.config.ts"), logLevel: "warn" });
  return WEB_DIST;
}
