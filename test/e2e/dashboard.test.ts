import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHROMIUM } from "../../src/cli/chromium.ts";
import { forecast } from "../../src/forecast/forecast.ts";
import { loadForecastFile } from "../../src/forecast/io/input.ts";
import type { RunningServer } from "../../src/server/serve.ts";
import { type Dashboard, openDashboard, runBrowserTests } from "./harness.ts";

const OUT = resolve("test-output");

if (!runBrowserTests) {
  console.warn(`skipping the dashboard e2e test: ${CHROMIUM} not found (apt-get install -y chromium)`);
}

describe.skipIf(!runBrowserTests)("dashboard in headless Chromium", () => {
  let d: Dashboard;
  let server: RunningServer;
  let page: Page;

  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    d = await openDashboard("yalu-e2e-");
    ({ server, page } = d);
  });

  afterAll(async () => {
    await d?.close();
  });

  const shot = async (name: string) => {
    const path = join(OUT, name);
    await page.screenshot({ path, fullPage: true });
    console.log(`screenshot: ${path}`);
  };

  it("shows CHN–PRK with the 2018 summits as marks, a phase change 2016→2018, and event citations", async () => {
    // The served app mounts the forecast API beside the analysis API.
    expect((await fetch(`${server.url}api/forecast/scenarios`)).status).toBe(200);
    await page.goto(`${server.url}#dyad`);
    await page.locator("[data-testid=actor-a] option[value=CHN]").waitFor({ state: "attached" });
    await page.selectOption("[data-testid=actor-a]", "CHN");
    await page.selectOption("[data-testid=actor-b]", "PRK");
    await page.click("[data-testid=show-dyad]");
    await page.locator("[data-testid=dyad-chart] [data-testid=event-mark]").first().waitFor();

    const marks = await page.$$eval("[data-testid=event-mark]", (els) =>
      els.map((e) => ({
        date: e.getAttribute("data-date") ?? "",
        cameo: e.getAttribute("data-cameo") ?? "",
      })),
    );
    for (const month of ["2018-03", "2018-05", "2018-06"]) {
      expect(
        marks.some((m) => m.date.startsWith(month) && m.cameo.startsWith("04")),
        month,
      ).toBe(true);
    }

    const turns = await page.$$eval("[data-testid=turning-point]", (els) =>
      els.map((e) => e.getAttribute("data-period") ?? ""),
    );
    expect(turns.some((p) => p > "2016" && p <= "2018")).toBe(true);
    const phases = await page.$$eval("[data-testid=phase]", (els) =>
      els.map((e) => ({
        from: e.getAttribute("data-from") ?? "",
        to: e.getAttribute("data-to") ?? "",
        label: e.getAttribute("data-label"),
      })),
    );
    const at = (y: string) => phases.findIndex((p) => p.from <= y && y <= p.to);
    expect(at("2016")).toBeGreaterThanOrEqual(0);
    expect(at("2016")).not.toBe(at("2018"));

    const summit = page.locator('[data-testid=event-mark][data-date^="2018-03"]').first();
    // Marks a few pixels apart overlap at this scale: click this very mark.
    await summit.dispatchEvent("click");
    const citation = page.locator("[data-testid=event-detail] [data-testid=event-citation]");
    await citation.waitFor();
    expect(await citation.textContent()).toMatch(/Source: .+/);
    expect(await page.locator("[data-testid=event-detail] h3").textContent()).toContain("2018-03");
    // The curated record's events are not marked machine-coded.
    expect(await page.locator("[data-testid=event-detail] [data-testid=event-machine]").count()).toBe(0);
    await shot("dashboard-dyad-1280.png");

    // Keyboard: a mark takes focus and Enter opens its detail.
    const other = page.locator('[data-testid=event-mark][data-date^="2019-06"]').first();
    await other.focus();
    await page.keyboard.press("Enter");
    await page.locator('[data-testid=event-detail] h3:has-text("2019-06")').waitFor();

    await page.goto(`${server.url}#claims`);
    await page.locator("[data-testid=claim-item]").first().waitFor();
    expect(await page.locator("[data-testid=claim-item]").count()).toBeGreaterThan(10);
    await shot("dashboard-claims-1280.png");

    await page.goto(`${server.url}#code`);
    await page.fill(
      "[data-testid=code-text]",
      "Kim Jong Un arrived in Beijing on Tuesday for talks with Xi Jinping.",
    );
    await page.fill("[data-testid=code-date]", "2025-09-02");
    await page.click("[data-testid=code-preview]");
    await page.locator("[data-testid=code-summary]").waitFor();
    expect(await page.locator("[data-testid=code-summary]").textContent()).toMatch(
      /^[1-9]\d* events coded \(preview/,
    );
    expect(await page.locator("#view-code [data-testid=event-detail]").count()).toBeGreaterThan(0);
    // Machine-coded events stand apart from the curated record, each with its confidence.
    expect(await page.locator("#view-code [data-testid=event-machine]").first().textContent()).toMatch(
      /^Machine-coded · confidence (0|1|0\.\d+) /,
    );

    // Forecast: the shipped variant runs against its base; the difference and the movers show.
    await page.goto(`${server.url}#forecast`);
    await page.locator("[data-testid=forecast-summary]").waitFor({ timeout: 60_000 });
    expect(await page.locator("[data-testid=forecast-summary]").textContent()).toMatch(/Forecast \(/);
    expect(await page.locator("[data-testid=forecast-difference] tbody tr").count()).toBeGreaterThan(2);
    expect(await page.locator("[data-testid=forecast-movers] tbody tr").count()).toBeGreaterThan(0);
    await shot("dashboard-forecast-1280.png");

    // The expected-utility base case cycles on "pressure": the dashboard says so, gives the range,
    // and judges a small Monte Carlo in words.
    await page.selectOption("[data-testid=forecast-scenario]", "china-dprk");
    await page.selectOption("[data-testid=forecast-model]", "eu");
    await page.selectOption("[data-testid=forecast-eu-variant]", "scholz-paper");
    await page.fill("[data-testid=forecast-mc]", "20");
    await page.click("[data-testid=forecast-run]");
    await page.locator("[data-testid=forecast-robustness]").waitFor({ timeout: 60_000 });
    expect(await page.locator("[data-testid=forecast-convergence]").textContent()).toContain(
      "pressure: does not converge, it cycles with period 2",
    );
    expect(await page.locator("[data-testid=forecast-summary]").textContent()).toContain("(cycling)");
    const verdicts = await page.locator("[data-testid=forecast-robustness] li").allTextContents();
    expect(verdicts).toHaveLength(3);
    for (const v of verdicts) expect(v).toMatch(/^forecast, \w+: (robust:|not robust: only) \d+% of 20 runs/);
    const moves = await page.locator("[data-testid=forecast-eu-moves] tbody tr").allTextContents();
    expect(moves.length).toBeGreaterThan(0);
    for (const m of moves) expect(m).toMatch(/(lost a confrontation to|compromised with|gave in to) /);
    await shot("dashboard-forecast-eu-mc-1280.png");

    // The editor: lower Japan's salience on sanctions by 10, rerun, and the forecast moves; the
    // variant file saved from it, read beside the shipped base, gives the same forecast.
    await page.selectOption("[data-testid=forecast-model]", "smp");
    await page.fill("[data-testid=forecast-mc]", "0");
    await page.click("[data-testid=forecast-run]");
    await page.locator("[data-testid=forecast-models]").waitFor({ timeout: 60_000 });
    const before = await page.locator("[data-testid=forecast-summary]").textContent();
    const cell = page.locator("[data-testid=edit-Japan-salience-sanctions]");
    const was = Number(await cell.inputValue());
    expect(await cell.getAttribute("title")).toBeTruthy();
    await cell.fill(String(was - 10));
    await page.click("[data-testid=forecast-run]");
    await page.locator("[data-testid=forecast-edits]").waitFor({ timeout: 60_000 });
    expect(await page.locator("[data-testid=forecast-edits]").textContent()).toContain(
      `Japan salience on sanctions: ${was} → ${was - 10}`,
    );
    const after = await page.locator("[data-testid=forecast-summary]").textContent();
    expect(after).not.toBe(before);
    expect(await page.locator("[data-testid=forecast-models] tbody tr").count()).toBe(4);
    await shot("dashboard-forecast-edited-1280.png");
    const saved = async (testid: string) => {
      const [file] = await Promise.all([
        page.waitForEvent("download"),
        page.click(`[data-testid=${testid}]`),
      ]);
      return readFileSync((await file.path()) as string, "utf8");
    };
    const yaml = await saved("forecast-save-variant");
    expect(yaml).toContain("base: china-dprk.yaml");
    const result = JSON.parse(await saved("forecast-save-json"));
    // The same run's position paths as CSV: one row per turn, actor and dimension, the JSON's numbers.
    const csv = (await saved("forecast-save-csv")).trimEnd().split("\r\n");
    expect(csv[0]).toBe("scenario,model,actor,dimension,turn,position");
    expect(csv).toHaveLength(1 + result.turns.length * result.actors.length * result.dimensions.length);
    for (const line of csv.slice(1)) {
      const [scenario, model, actor, dimension, turn, position] = line.split(",");
      expect([scenario, model]).toEqual([result.scenario, "smp"]);
      const t = result.turns.find((x: { turn: number }) => x.turn === Number(turn));
      expect(Number(position)).toBe(t.positions[actor][result.dimensions.indexOf(dimension)]);
    }
    // …and as one SVG: a standalone document with each dimension's chart, a line per actor.
    const svg = await saved("forecast-save-svg");
    writeFileSync(join(OUT, "dashboard-forecast-paths.svg"), svg);
    expect(svg).toMatch(
      /^<\?xml version="1.0" encoding="UTF-8"\?>\n<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="\d+" height="\d+"/,
    );
    expect(svg).toContain(`<title>forecast ${result.scenario} (smp)</title>`);
    for (const d of result.dimensions) expect(svg).toContain(`<title>${d}</title>`);
    expect(svg.match(/aria-label="line"/g)).toHaveLength(result.dimensions.length);
    for (const a of result.actors) expect(svg).toContain(`>${a}<`);
    expect(svg).toContain(`pressure: forecast ${Math.round(result.outcome[0] * 10) / 10},`);
    const dir = mkdtempSync(join(tmpdir(), "yalu-edited-"));
    copyFileSync("data/scenarios/china-dprk.yaml", join(dir, "china-dprk.yaml"));
    writeFileSync(join(dir, "china-dprk-edited.yaml"), yaml);
    const variant = await loadForecastFile(join(dir, "china-dprk-edited.yaml"));
    expect(forecast(variant.input, { model: "smp" }).outcome).toEqual(result.outcome);
    rmSync(dir, { recursive: true, force: true });

    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${server.url}#dyad`);
    await page.reload();
    await page.locator("[data-testid=event-mark]").first().waitFor();
    const overflow = await page.evaluate("document.documentElement.scrollWidth - window.innerWidth");
    expect(Number(overflow)).toBeLessThanOrEqual(1);
    await shot("dashboard-dyad-390.png");
    await page.goto(`${server.url}#indicators`);
    await page.locator("[data-testid=votes-table]").waitFor();
    await shot("dashboard-indicators-390.png");
  }, 180_000);
});
