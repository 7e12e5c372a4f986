import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { dirname, extname, resolve } from "node:path";
import { startServer, WEB_DIST } from "../server/index.ts";
import { CHROMIUM, CHROMIUM_ARGS } from "./chromium.ts";
import { CliError, usage } from "./error.ts";
import { openRecord } from "./record.ts";
import { ServedRecord } from "./served.ts";

/** What `yalu plot` draws: the dashboard view and, by default, which of its charts. */
export const PLOTS = {
  dyad: { view: "dyad", chart: "phases", charts: ["phases", "coverage"] },
  phases: { view: "dyad", chart: "phases", charts: ["phases", "coverage"] },
  indicators: { view: "indicators", chart: "trade", charts: ["trade", "contacts", "conflict"] },
  network: { view: "network", chart: "network", charts: ["network"] },
} as const;
export type PlotKind = keyof typeof PLOTS;

export interface PlotFlags {
  out?: string;
  dyad?: string;
  from?: string;
  to?: string;
  bucket?: string;
  level?: string;
  chart?: string;
  width?: string;
  db?: string;
}

const FORMATS = ["svg", "png", "csv"] as const;

/** The dashboard location of a plot: its view with the flags as the view's hash parameters. */
export function plotHash(kind: PlotKind, flags: PlotFlags): string {
  const p = PLOTS[kind];
  const q = new URLSearchParams();
  if (p.view !== "network") q.set("dyad", flags.dyad ?? "CHN-PRK");
  for (const k of ["from", "to", "bucket", "level"] as const) if (flags[k]) q.set(k, flags[k]);
  return `#${p.view}?${q}`;
}

/**
 * `yalu plot dyad|phases|indicators|network --out FILE.svg|png|csv`: a dashboard chart saved as
 * the dashboard saves it (its Save buttons), drawn by the dashboard's own code in headless
 * chromium: the same picture and the same data (a CSV of the dyad chart with its events and their
 * citations in FILE-events.csv beside it). Reads the record through a running server, else
 * serves the database on a free local port for the moment it takes.
 */
export async function runPlot(kind: string, flags: PlotFlags): Promise<void> {
  if (!(kind in PLOTS)) throw usage(`unknown plot "${kind}" (use ${Object.keys(PLOTS).join(", ")})`);
  const plot = PLOTS[kind as PlotKind];
  if (!flags.out) throw usage("--out FILE is required (.svg, .png or .csv)");
  const format = extname(flags.out).slice(1).toLowerCase() as (typeof FORMATS)[number];
  if (!FORMATS.includes(format)) throw usage(`--out "${flags.out}": the file must end in .svg, .png or .csv`);
  const chart = flags.chart ?? plot.chart;
  if (!(plot.charts as readonly string[]).includes(chart))
    throw usage(`--chart "${chart}": ${kind} has ${plot.charts.join(", ")}`);
  if (flags.dyad !== undefined && !/^[A-Z0-9]{3,}-[A-Z0-9]{3,}$/.test(flags.dyad))
    throw usage(`--dyad "${flags.dyad}": two actor codes joined by "-", e.g. CHN-PRK`);
  const width = Number(flags.width ?? 1000);
  if (!Number.isInteger(width) || width < 320 || width > 4000)
    throw usage(`--width "${flags.width}": a whole number of pixels from 320 to 4000`);
  if (!existsSync(CHROMIUM))
    throw new CliError(
      `yalu plot draws with the dashboard in chromium, and ${CHROMIUM} is missing: apt-get install -y chromium (or set YALU_CHROMIUM)`,
    );
  let playwright: typeof import("playwright-core");
  try {
    playwright = await import("playwright-core");
  } catch {
    throw new CliError(
      "yalu plot needs playwright-core, which npm ci installs with the project's dev dependencies",
    );
  }
  if (!existsSync(resolve(WEB_DIST, "index.html")))
    throw new CliError(`the dashboard is not built (${WEB_DIST}): npm run build`);

  const record = await openRecord(flags.db);
  const served =
    record instanceof ServedRecord
      ? null
      : await startServer({ store: record, port: 0, host: "127.0.0.1", webRoot: WEB_DIST, log: () => {} });
  const url = record instanceof ServedRecord ? record.server.url : served!.url;
  const browser = await playwright.chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
  });
  try {
    const page = await browser.newPage({
      viewport: { width, height: 900 },
      acceptDownloads: true,
    });
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(new URL(`/${plotHash(kind as PlotKind, flags)}`, url).href);
    const selector = `#view-${plot.view} [data-testid=export-${format}][data-kind="${chart}"]`;
    const failed = page.locator(`#view-${plot.view} .status.error`);
    const ready = await Promise.race([
      page
        .locator(selector)
        .first()
        .waitFor({ timeout: 60_000 })
        .then(() => true),
      failed
        .first()
        .waitFor({ timeout: 60_000 })
        .then(() => false),
    ]).catch(() => null);
    if (ready !== true) {
      const why = ready === false ? await failed.first().textContent() : (errors[0] ?? "timed out");
      throw new CliError(`cannot draw ${kind}: ${why}`);
    }
    const save = async (button: string, file: string) => {
      const [download] = await Promise.all([
        page.waitForEvent("download", { timeout: 60_000 }),
        page.locator(button).first().click(),
      ]);
      const out = resolve(file);
      await mkdir(dirname(out), { recursive: true });
      await download.saveAs(out);
      process.stderr.write(`${kind}: ${download.suggestedFilename()} → ${file}\n`);
    };
    await save(selector, flags.out);
    // A chart of aggregates saves its events, each with its citation, beside its data.
    const events = `#view-${plot.view} [data-testid=export-events][data-kind="${chart}"]`;
    if (format === "csv" && (await page.locator(events).count()))
      await save(events, flags.out.replace(/\.csv$/i, "-events.csv"));
  } finally {
    await browser.close();
    await served?.close();
    await record.close();
  }
}
