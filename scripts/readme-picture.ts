/**
 * The README's picture of the dashboard (docs/img/dashboard-dyad.png), made from the code as it is:
 *   npm run build && npm run picture:readme [-- --out FILE --width 1280]
 * Serves the built dashboard on the flagship record in a fresh DuckDB file, opens the dyad view
 * (CHN–PRK, phases by year) in headless chromium, photographs it from the top of the page to the
 * coverage strip under the chart, and writes it as a 256-colour PNG (scripts/png.ts).
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { chromium } from "playwright-core";
import { CHROMIUM, CHROMIUM_ARGS } from "../src/cli/chromium.ts";
import { startServer, WEB_DIST } from "../src/server/index.ts";
import { openStore } from "../src/store/index.ts";
import { optimisePng } from "./png.ts";

const { values } = parseArgs({
  options: {
    out: { type: "string", default: "docs/img/dashboard-dyad.png" },
    width: { type: "string", default: "1280" },
  },
});
const width = Number(values.width);
if (!Number.isInteger(width) || width < 320) throw new Error(`invalid --width "${values.width}"`);

const dir = mkdtempSync(join(tmpdir(), "yalu-readme-picture-"));
const store = await openStore(join(dir, "flagship.duckdb"), { flagship: true });
const server = await startServer({ store, port: 0, host: "127.0.0.1", webRoot: WEB_DIST, log: () => {} });
const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
try {
  const page = await browser.newPage({ viewport: { width, height: 1000 }, deviceScaleFactor: 1 });
  await page.goto(`${server.url}#dyad?dyad=CHN-PRK&bucket=year`);
  await page
    .locator("[data-testid=dyad-chart] [data-testid=event-mark]")
    .first()
    .waitFor({ timeout: 60_000 });
  const strip = page.locator("[data-testid=coverage-chart] svg");
  await strip.waitFor();
  // Let a redraw for the final width (a scrollbar appearing) settle before measuring.
  await page.waitForTimeout(500);
  const box = await strip.boundingBox();
  if (!box) throw new Error("the coverage strip is not drawn");
  const shot = await page.screenshot({
    clip: { x: 0, y: 0, width, height: Math.ceil(box.y + box.height + 6) },
  });
  const png = optimisePng(shot, { quantise: true });
  writeFileSync(values.out, png);
  console.log(`${values.out}: ${width} px wide, ${png.length} bytes (chromium's ${shot.length})`);
} finally {
  await browser.close();
  await server.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}
