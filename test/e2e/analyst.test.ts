// The analyst's day in a real browser (Debian chromium) on a real DuckDB file: walk the seven views,
// export every chart as SVG, PNG and CSV and read the files back; the trade chart's units, gaps,
// part year and per-point sources; a claim of one's own checked as `yalu check` checks it.
import { mkdirSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Download, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkClaims } from "../../src/analysis/check.ts";
import { parseClaimsText } from "../../src/analysis/claims.ts";
import { CHROMIUM } from "../../src/cli/chromium.ts";
import { stateNames } from "../../src/formats/actor-data.ts";
import { CsvParser } from "../../src/formats/csv-parse.ts";
import { normalizeEvent } from "../../src/model/index.ts";
import { type RunningServer, startServer } from "../../src/server/serve.ts";
import { WEB_DIST } from "../../src/server/static.ts";
import type { Store } from "../../src/store/store.ts";
import { type Dashboard, openDashboard, runBrowserTests } from "./harness.ts";

/** Screenshots for the closing note (not committed). */
const SHOTS = resolve(".cache", "screenshots");

if (!runBrowserTests) {
  console.warn(`skipping the analyst e2e test: ${CHROMIUM} not found (apt-get install -y chromium)`);
}

/** RFC 4180 CSV (CRLF lines) as records keyed by the header, read with the importer's parser. */
function parseCsv(text: string): Record<string, string>[] {
  const parser = new CsvParser();
  const rows = text
    .split("\r\n")
    .filter(Boolean)
    .flatMap((line) => {
      const record = parser.push(line);
      return record ? [record.map((f) => f ?? "")] : [];
    });
  const [header, ...body] = rows;
  return body.map((r) => Object.fromEntries(header.map((k, j) => [k, r[j] ?? ""])));
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** The SVG file's root element is an <svg> in the SVG namespace, with a size. */
function expectSvg(path: string): string {
  const text = readFileSync(path, "utf8");
  const root = /<svg\b[^>]*>/.exec(text.replace(/^<\?xml[^>]*>\s*/, ""));
  expect(root, path).not.toBeNull();
  expect(text.replace(/^<\?xml[^>]*>\s*/, "").startsWith("<svg"), path).toBe(true);
  expect(root![0]).toContain('xmlns="http://www.w3.org/2000/svg"');
  expect(root![0]).toMatch(/\bwidth="\d+"/);
  expect(text.trimEnd().endsWith("</svg>"), path).toBe(true);
  return text;
}

/** The PNG file starts with the PNG signature, is a real picture (not a blank few bytes) and sized. */
function expectPng(path: string): void {
  const buf = readFileSync(path);
  expect(buf.subarray(0, 8).equals(PNG_SIGNATURE), path).toBe(true);
  expect(statSync(path).size, path).toBeGreaterThan(4000);
  // IHDR: width and height, big-endian, at bytes 16..23.
  expect(buf.readUInt32BE(16), path).toBeGreaterThan(250);
  expect(buf.readUInt32BE(20), path).toBeGreaterThan(50);
}

describe.skipIf(!runBrowserTests)("the analyst's day in headless Chromium", () => {
  let d: Dashboard;
  let dir: string;
  let store: Store;
  let server: RunningServer;
  let page: Page;
  /** What the page threw or logged as an error, for the message of a failed export. */
  const pageErrors: string[] = [];

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    d = await openDashboard("yalu-analyst-e2e-");
    ({ dir, store, server, page } = d);
    page.on("pageerror", (err) => pageErrors.push(err.message));
    page.on("console", (m) => {
      if (m.type() === "error") pageErrors.push(m.text());
    });
  });

  afterAll(async () => {
    await d?.close();
  });

  const shot = async (name: string) => {
    const path = join(SHOTS, name);
    await page.screenshot({ path, fullPage: true });
    console.log(`screenshot: ${path}`);
  };

  /** Click one export button of a chart and save what the browser downloads. If the page reports
   * a failed export in the chart's status line instead, fail with its words, not a bare timeout. */
  const save = async (view: string, chart: string, format: "svg" | "png" | "csv" | "events") => {
    const bar = `#view-${view} [data-testid=chart-export][data-chart="${chart}"]`;
    const button = page.locator(`${bar} [data-testid=export-${format}]`);
    let download: Download | undefined;
    let failure: Error | undefined;
    const waiting = page.waitForEvent("download", { timeout: 90_000 }).then(
      (d) => {
        download = d;
      },
      (err: Error) => {
        failure = err;
      },
    );
    await button.click();
    while (!download && !failure) {
      const note = (await page.locator(`${bar} .export-status`).textContent())?.trim();
      if (note) failure = new Error(`exporting ${chart}.${format} failed in the page: ${note}`);
      else await Promise.race([waiting, new Promise((r) => setTimeout(r, 100))]);
    }
    if (!download) throw new Error(`${failure?.message}; page errors: ${pageErrors.join(" | ") || "none"}`);
    expect(download.suggestedFilename()).toBe(
      format === "events" ? `${chart}-events.csv` : `${chart}.${format}`,
    );
    const path = join(dir, "downloads", download.suggestedFilename());
    await download.saveAs(path);
    return path;
  };

  /**
   * Wait until a view stops redrawing its charts: the same export bars twice, 300 ms apart. A view
   * redraws when the page's width changes (a scrollbar appearing as the record loads), and a click
   * aimed at a button that is being replaced can land on nothing.
   */
  const settled = async (view: string) => {
    for (let tries = 0; tries < 50; tries++) {
      // A string, not a function: the test's TypeScript has no DOM types.
      const same = await page.evaluate(`(async () => {
        const bars = () => [...document.querySelectorAll("#view-${view} [data-testid=chart-export]")];
        const before = bars();
        await new Promise((r) => setTimeout(r, 300));
        const after = bars();
        return before.length === after.length && before.every((bar, k) => bar === after[k]);
      })()`);
      if (same) return;
    }
    throw new Error(`the ${view} view kept redrawing its charts for 15 s`);
  };

  /** Every chart of a view, exported as SVG, PNG and CSV; returns the chart names. */
  const exportAll = async (view: string) => {
    await settled(view);
    const charts = await page.$$eval(`#view-${view} [data-testid=chart-export]`, (els) =>
      els.map((e) => e.getAttribute("data-chart") ?? ""),
    );
    for (const chart of charts) {
      expectSvg(await save(view, chart, "svg"));
      expectPng(await save(view, chart, "png"));
      const csv = readFileSync(await save(view, chart, "csv"), "utf8");
      expect(csv.split("\r\n").length, chart).toBeGreaterThan(2);
    }
    return charts;
  };

  it("walks the seven views and exports each chart as SVG, PNG and CSV", async () => {
    const views = await (async () => {
      await page.goto(`${server.url}#dyad`);
      return page.$$eval("nav a[data-view]", (els) => els.map((e) => e.getAttribute("data-view") ?? ""));
    })();
    expect(views).toEqual(["dyad", "timeline", "network", "indicators", "claims", "code", "forecast"]);
    const exported: Record<string, string[]> = {};

    // Dyad: the phases chart and the coverage strip beside it.
    await page.locator("[data-testid=dyad-chart] [data-testid=event-mark]").first().waitFor();
    await page.locator("[data-testid=coverage-chart] svg").waitFor();
    exported.dyad = await exportAll("dyad");
    expect(exported.dyad).toEqual(["chn-prk-phases", "chn-prk-coverage"]);
    const phasesSvg = readFileSync(join(dir, "downloads", "chn-prk-phases.svg"), "utf8");
    // The exported drawing is the chart's: its event marks and phase bands.
    expect((phasesSvg.match(/data-testid="event-mark"/g) ?? []).length).toBeGreaterThan(50);
    expect(phasesSvg).toContain('data-testid="phase"');
    // Each period of the dyad chart names its events; each of those is a row of the events CSV with
    // its period and its citation.
    const periods = parseCsv(readFileSync(join(dir, "downloads", "chn-prk-phases.csv"), "utf8"));
    const events = parseCsv(readFileSync(await save("dyad", "chn-prk-phases", "events"), "utf8"));
    const byId = new Map(events.map((e) => [e.id, e]));
    const y2018 = periods.find((p) => p.period === "2018");
    expect(y2018?.eventIds.split(" ").length).toBe(Number(y2018?.events));
    for (const p of periods)
      for (const id of p.eventIds.split(" ").filter(Boolean)) expect(byId.get(id)?.period).toBe(p.period);
    expect(events.length).toBe(periods.reduce((n, p) => n + Number(p.events), 0));
    const summit = events.find((e) => e.date.startsWith("2018-03") && e.cameo.startsWith("04"));
    expect(summit?.publication).not.toBe("");
    expect(summit?.url).toMatch(/^https?:\/\//);
    const coverageCsv = readFileSync(join(dir, "downloads", "chn-prk-coverage.csv"), "utf8");
    expect(coverageCsv.split("\r\n")[0]).toBe("period,start,end,events");
    await shot("dyad-1280.png");

    await page.goto(`${server.url}#timeline`);
    await page.locator("[data-testid=timeline-chart] svg").first().waitFor();
    exported.timeline = await exportAll("timeline");
    await shot("timeline-1280.png");
    expect(exported.timeline).toHaveLength(2);

    await page.goto(`${server.url}#network`);
    await page.locator("[data-testid=network-node]").first().waitFor();
    exported.network = await exportAll("network");
    await shot("network-1280.png");
    expect(exported.network).toEqual(["network-2016-2019"]);

    await page.goto(`${server.url}#indicators`);
    await page.locator("[data-testid=trade-chart] svg").last().waitFor();
    exported.indicators = await exportAll("indicators");
    expect(exported.indicators).toEqual(["chn-prk-trade", "chn-prk-contacts", "chn-prk-conflict"]);
    await shot("indicators-1280.png");

    await page.goto(`${server.url}#claims`);
    await page.locator("[data-testid=claims-list] [data-testid=claim-item]").first().waitFor();
    exported.claims = await exportAll("claims");

    await page.goto(`${server.url}#code`);
    await page.locator("[data-testid=code-text]").waitFor();
    exported.code = await exportAll("code");
    await shot("code-1280.png");

    await page.goto(`${server.url}#forecast`);
    await page.locator("[data-testid=forecast-chart] svg").first().waitFor({ timeout: 60_000 });
    exported.forecast = await exportAll("forecast");
    await shot("forecast-1280.png");
    expect(exported.forecast.length).toBeGreaterThan(0);

    // Every chart drawn on the way has its export: none is left without one.
    const total = Object.values(exported).flat().length;
    expect(total).toBeGreaterThanOrEqual(9);
    console.log(`exported ${total} charts × SVG, PNG, CSV: ${JSON.stringify(exported)}`);
  }, 240_000);

  it("lists every event of the window in the dyad chart's CSVs, past the 1000 the chart draws", async () => {
    // 1,200 events of a dyad over 2001–2010, 120 a year.
    const side = (c: string) => ({ code: `${c}GOV`, country: c, name: null });
    const events = Array.from({ length: 1200 }, (_, i) =>
      normalizeEvent({
        date: `${2001 + Math.floor(i / 120)}-${String(1 + (i % 12)).padStart(2, "0")}-${String(1 + (Math.floor(i / 12) % 28)).padStart(2, "0")}`,
        source: side("FRA"),
        target: side("DEU"),
        cameo: i % 3 ? "042" : "111",
        evidence: { docId: `fra-deu ${i}`, sentence: "A sentence.", start: null, end: null, citation: null },
      }),
    );
    expect((await store.importEvents(events)).inserted).toBe(1200);
    await page.goto(`${server.url}#dyad?dyad=FRA-DEU`);
    await page.reload();
    await page.locator("[data-testid=dyad-chart] [data-testid=event-mark]").first().waitFor();
    expect(await page.locator("#view-dyad .summary").textContent()).toContain("(first 1000 shown)");
    await settled("dyad");
    const listed = parseCsv(readFileSync(await save("dyad", "fra-deu-phases", "events"), "utf8"));
    expect(listed).toHaveLength(1200);
    expect(new Set(listed.map((e) => e.id)).size).toBe(1200);
    const periods = parseCsv(readFileSync(await save("dyad", "fra-deu-phases", "csv"), "utf8"));
    for (const p of periods)
      expect(p.eventIds.split(" ").filter(Boolean).length, p.period).toBe(Number(p.events));
  });

  it("says 'too few events to call a phase' for a dyad whose years mostly hold one event, and draws none", async () => {
    // China and South Korea: 11 events in 8 years (KOR–PRK was this thin before the record grew).
    await page.goto(`${server.url}#dyad?dyad=CHN-KOR`);
    await page.reload();
    await page.locator("[data-testid=dyad-chart] [data-testid=event-mark]").first().waitFor();
    const note = page.locator("[data-testid=phases-thin]");
    expect(await note.textContent()).toMatch(
      /^No phases: too few events to call a phase: the median year with events holds 1 event/,
    );
    expect(await page.locator("[data-testid=dyad-chart] [data-testid=phase]").count()).toBe(0);
    expect(await page.locator("[data-testid=phase-item]").count()).toBe(0);
    // The dyad the dashboard opens on keeps its phases.
    await page.goto(`${server.url}#dyad?dyad=CHN-PRK`);
    await page.reload();
    await page.locator("[data-testid=dyad-chart] [data-testid=phase]").first().waitFor();
    expect(await page.locator("[data-testid=phases-thin]").count()).toBe(0);
  });

  it("updates the header's event count after an import through the server, when the user moves on", async () => {
    // The CLI beside a running server imports through its API: a second server on the same store,
    // with a token, stands for it.
    const writable = await startServer({
      store,
      port: 0,
      host: "127.0.0.1",
      webRoot: WEB_DIST,
      token: "analyst-token",
      log: () => {},
    });
    try {
      await page.goto(`${writable.url}#dyad`);
      const header = page.locator("[data-testid=stats]");
      await expect.poll(async () => (await header.textContent()) ?? "").toMatch(/^\d+ events/);
      const before = Number(/^(\d+) events/.exec((await header.textContent()) ?? "")![1]);
      const lines = ["2025-11-03", "2025-11-04"].map((date) =>
        JSON.stringify({
          date,
          source: { code: "CHNGOV", country: "CHN", name: "China" },
          target: { code: "PRKGOV", country: "PRK", name: "North Korea" },
          cameo: "042",
          description: `a visit reported on ${date}`,
        }),
      );
      const res = await fetch(new URL("/api/import", writable.url), {
        method: "POST",
        headers: { authorization: "Bearer analyst-token", "content-type": "application/x-ndjson" },
        body: `${lines.join("\n")}\n`,
      });
      expect([res.status, await res.json()]).toEqual([200, expect.objectContaining({ inserted: 2 })]);
      await page.goto(`${writable.url}#timeline`);
      await expect
        .poll(async () => (await header.textContent()) ?? "")
        .toMatch(new RegExp(`^${before + 2} events`));
    } finally {
      await writable.close();
    }
  });

  it("draws trade in $ bn with gaps for missing years, the 2025 half-year marked partial, each value's own source", async () => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${server.url}#indicators`);
    await page.locator("[data-testid=trade-chart] svg").last().waitFor();
    const axis = await page.locator("[data-testid=trade-chart]").textContent();
    expect(axis).toContain("$ bn");
    expect(axis).not.toMatch(/\dG\b/);
    // The part year is drawn (hollow, labelled), not dropped.
    expect(await page.locator("[data-testid=trade-chart] g.partial-marks circle").count()).toBeGreaterThan(0);
    expect(axis).toContain("2025 H1 (January–June), part year");
    // A line breaks at its missing years: more than one path piece (M … M …). The China customs
    // total has no gap since 2000; KOTRA's series (drawn as its own line) has gaps.
    const ds = await page.$$eval("[data-testid=trade-chart] svg [aria-label=line] path", (ps) =>
      ps.map((p) => p.getAttribute("d") ?? ""),
    );
    expect(ds.some((d) => (d.match(/M/g) ?? []).length > 1)).toBe(true);
    // Sources by run of years: 2024's is not 2004's.
    const runs = await page.$$eval("[data-testid=trade-source]", (els) =>
      els.map((e) => ({ periods: e.getAttribute("data-periods") ?? "", text: e.textContent ?? "" })),
    );
    const source = (year: string) =>
      runs.find((r) => {
        const [a, b = a] = r.periods.split("–");
        return a.slice(0, 4) <= year && year <= b.slice(0, 4) && !r.periods.includes("H1");
      })?.text;
    expect(source("2004")).toContain("KITA");
    expect(source("2024")).toBeDefined();
    expect(source("2024")).not.toContain("KITA");
    // The exported CSV keeps the part year, marked, and each row's source.
    const csv = readFileSync(await save("indicators", "chn-prk-trade", "csv"), "utf8").split("\r\n");
    const header = csv[0].split(",");
    const h1 = csv.find((l) => l.startsWith("2025-H1,"));
    expect(h1).toBeDefined();
    expect(h1!.split(",")[header.indexOf("partial")]).toBe("true");
    // Security Council votes: 2356, 2375, 2397 each show all five permanent members voting for;
    // Japan (elected 2016-17, vote recorded) for; South Korea (not on the Council) blank.
    const members = await page.$$eval("[data-testid=votes-table] thead th", (ths) =>
      ths.map((th) => th.textContent).slice(2, -1),
    );
    for (const id of ["2356", "2375", "2397"]) {
      const cells = await page.$$eval(
        `[data-testid=votes-table] tbody tr:has(th:text-is("${id}")) td.vote`,
        (tds) => tds.map((td) => td.textContent),
      );
      const byMember = Object.fromEntries(members.map((m, i) => [m, cells[i]]));
      for (const m of ["CHN", "FRA", "GBR", "RUS", "USA", "JPN"])
        expect(byMember[m], `${id} ${m}`).toBe("for");
      expect(byMember.KOR, id).toBe("·");
    }
  }, 120_000);

  it("follows a link that changes the open view's parameters, and keeps the view's state on a bare link", async () => {
    await page.goto(`${server.url}#dyad?dyad=CHN-KOR`);
    await page.reload();
    await page.locator("[data-testid=phases-thin]").waitFor();
    // The same view, other parameters, in the same page (a link followed, the address edited).
    await page.goto(`${server.url}#dyad?dyad=CHN-PRK&from=2006`);
    await page.locator("[data-testid=dyad-chart] [data-testid=phase]").first().waitFor({ timeout: 15_000 });
    expect(await page.locator("#actor-a").inputValue()).toBe("CHN");
    expect(await page.locator("#dyad-from").inputValue()).toBe("2006");
    // The navigation bar's bare link returns to the view as it was.
    await page.goto(`${server.url}#timeline`);
    await page.locator("nav a[data-view=dyad]").click();
    expect(await page.locator("#dyad-from").inputValue()).toBe("2006");
  });

  it("says Japan–DPRK has no trade series, naming the indicator it looked for, and still draws its contacts", async () => {
    await page.goto(`${server.url}#indicators?dyad=JPN-PRK`);
    await page.reload();
    const none = page.locator("#view-indicators [data-testid=no-trade]");
    await none.waitFor();
    expect(await none.textContent()).toBe(
      'The record has no trade series for JPN-PRK (indicator "trade", subject "JPN-PRK"). Trade series are loaded as indicator points (docs/events.md).',
    );
    await page.locator('#view-indicators [data-testid=chart-export][data-kind="contacts"]').waitFor();
    expect(await page.locator('#view-indicators [data-testid=chart-export][data-kind="trade"]').count()).toBe(
      0,
    );
  });

  it("checks a claim of one's own, as yalu check does: China vetoed new sanctions in 2022", async () => {
    await page.goto(`${server.url}#claims`);
    await page.locator("[data-testid=claim-form]").waitFor();
    // The form shows the fields of the kind of claim chosen, and only those.
    expect(await page.locator("[data-testid=claim-event]").isVisible()).toBe(false);
    expect(await page.locator("[data-testid=claim-c]").isVisible()).toBe(false);
    expect(await page.locator("[data-testid=claim-direction]").isVisible()).toBe(true);
    await page.selectOption("[data-testid=claim-kind]", "event");
    expect(await page.locator("[data-testid=claim-event]").isVisible()).toBe(true);
    expect(await page.locator("[data-testid=claim-direction]").isVisible()).toBe(false);
    await page.selectOption("[data-testid=claim-a]", "CHN");
    await page.selectOption("[data-testid=claim-b]", "PRK");
    await page.fill("[data-testid=claim-from]", "2022");
    await page.fill("[data-testid=claim-event]", "Veto");
    await page.click("[data-testid=claim-submit]");
    const item = page.locator("[data-testid=own-claim-result] [data-testid=claim-item]");
    await item.waitFor();
    expect(await item.getAttribute("data-verdict")).toBe("supported");
    const yaml = (await page.locator("[data-testid=own-claim-yaml]").textContent()) ?? "";
    expect(yaml).toBe("- { dyad: CHN-PRK, period: 2022, claim: event, event: Veto }");
    // The same line as a claims file, checked as `yalu check` checks it: the same verdict.
    const [r] = await checkClaims(store, parseClaimsText(yaml), { names: stateNames });
    expect(r.verdict).toBe("supported");

    // A comparative claim in the same form.
    await page.selectOption("[data-testid=claim-kind]", "closer");
    await page.selectOption("[data-testid=claim-a]", "PRK");
    await page.selectOption("[data-testid=claim-b]", "RUS");
    await page.selectOption("[data-testid=claim-c]", "CHN");
    await page.fill("[data-testid=claim-from]", "2023");
    await page.fill("[data-testid=claim-to]", "2024");
    await page.click("[data-testid=claim-submit]");
    await page.locator('[data-testid=own-claim-yaml]:has-text("closer")').waitFor();
    const closer = (await page.locator("[data-testid=own-claim-yaml]").textContent()) ?? "";
    expect(closer).toBe("- { actor: PRK, to: RUS, than: CHN, period: 2023..2024, claim: closer }");
    const [c] = await checkClaims(store, parseClaimsText(closer), { names: stateNames });
    expect(await item.getAttribute("data-verdict")).toBe(c.verdict);
    await shot("claims-1280.png");

    // Narrow screens: no sideways scroll, and the screenshots for the closing note.
    await page.setViewportSize({ width: 390, height: 844 });
    const ready: Record<string, string> = {
      dyad: "[data-testid=coverage-chart] svg",
      indicators: "[data-testid=votes-table]",
      claims: "[data-testid=claims-list]",
    };
    for (const [view, selector] of Object.entries(ready)) {
      await page.goto(`${server.url}#${view}`);
      await page.reload();
      await page.locator(`#view-${view} ${selector}`).first().waitFor();
      const overflow = await page.evaluate("document.documentElement.scrollWidth - window.innerWidth");
      expect(Number(overflow), view).toBeLessThanOrEqual(1);
      await shot(`${view}-390.png`);
    }
  }, 120_000);
});
