import type { EventReader } from "../model/index.ts";
import {
  type Backtest,
  type BacktestResult,
  type BacktestRow,
  backtestSchema,
  type OutcomeReading,
} from "./backtest-schema.ts";
import { deriveInputs } from "./derive.ts";
import { type ForecastOptions, type ForecastOutcome, forecast } from "./forecast.ts";
import { parseScenario, type Scenario, type ScenarioLoader } from "./scenario.ts";
import { ForecastInputError } from "./validate.ts";
import { checkLined, parseLined } from "./yaml-lines.ts";

/** Every input of a backtest's scenario needs a source: its value was known as of the date. */
function requireSources(s: Scenario): void {
  const sourced = (why: string | undefined) => /(^| )source: \S/.test(why ?? "");
  for (const a of s.input.actors) {
    const r = s.rationale[a.name];
    const missing = [
      ...(sourced(r?.capability) ? [] : ["capability"]),
      ...s.input.dimensions.flatMap((d) => [
        ...(sourced(r?.position[d]) ? [] : [`position on "${d}"`]),
        ...(sourced(r?.salience[d]) ? [] : [`salience on "${d}"`]),
      ]),
    ];
    if (missing.length > 0)
      throw new ForecastInputError(
        `a backtest's inputs each need a source ({ value, why, source }); none for ${missing.join(", ")}`,
        s.file,
        1,
        a.name,
      );
  }
}

/**
 * Parse a backtest file: its scenario read through `load` (relative to the backtest's folder),
 * every scenario input sourced, one outcome rule for each of the scenario's dimensions, and the
 * horizon after the inputs' date. Errors name the file, line and field.
 */
export function parseBacktest(text: string, file: string, load: ScenarioLoader): Backtest {
  const lined = parseLined(text, file);
  const { lineOf } = lined;
  const bt = checkLined(lined, backtestSchema, file, "backtest");
  if (!(bt.asOf < bt.horizon.from))
    throw new ForecastInputError(
      `horizon.from: ${bt.horizon.from} is not after asOf ${bt.asOf}: a backtest forecasts what came after its inputs`,
      file,
      lineOf(["horizon", "from"]),
    );
  if (bt.horizon.to < bt.horizon.from)
    throw new ForecastInputError(
      `horizon.to: ${bt.horizon.to} is before horizon.from ${bt.horizon.from}`,
      file,
      lineOf(["horizon", "to"]),
    );
  let read: { text: string; file: string };
  try {
    read = load(bt.scenario, file);
  } catch (err) {
    throw new ForecastInputError(
      `scenario "${bt.scenario}": ${(err as Error).message}`,
      file,
      lineOf(["scenario"]),
    );
  }
  const scenario = parseScenario(read.text, read.file, load);
  requireSources(scenario);
  const dims = scenario.input.dimensions;
  for (const d of Object.keys(bt.outcomes)) {
    if (!dims.includes(d))
      throw new ForecastInputError(
        `outcomes.${d}: no such dimension in scenario ${scenario.name} (${dims.join(", ")})`,
        file,
        lineOf(["outcomes", d]),
      );
  }
  const outcomes = dims.map((d) => {
    const rule = bt.outcomes[d];
    if (!rule)
      throw new ForecastInputError(
        `outcomes.${d}: missing (how is the outcome on "${d}" read?)`,
        file,
        lineOf(["outcomes"]),
      );
    return { ...rule, dimension: d, line: lineOf(["outcomes", d]) };
  });
  return {
    name: bt.name,
    description: bt.description ?? "",
    file,
    asOf: bt.asOf,
    horizon: bt.horizon,
    scenario,
    outcomes,
  };
}

const clip = (x: number) => Math.min(100, Math.max(0, x));
const f1 = (x: number) => x.toFixed(1);

/**
 * Read the outcome on each dimension over the horizon, by its rule:
 * - `events`: for each source, 50 − 5 × the mean Goldstein score of its events toward the target
 *   (the rule of `--derive`), and the mean over the sources that have events;
 * - `indicator`: 100 × (1 − the mean of the series' yearly values within the horizon ÷ its value in
 *   the baseline year), clipped to 0–100: the share of the baseline gone;
 * - `observed`: the value given, with its source.
 * The record's reader is passed in; a rule the record cannot answer is an error naming the line.
 */
export async function readOutcomes(
  bt: Backtest,
  reader: Pick<EventReader, "aggregate" | "indicators">,
): Promise<OutcomeReading[]> {
  const { from, to } = bt.horizon;
  const out: OutcomeReading[] = [];
  for (const o of bt.outcomes) {
    const where = `outcomes.${o.dimension}`;
    if (o.observed) {
      out.push({
        dimension: o.dimension,
        value: o.observed.value,
        how: "observed",
        text: `observed: ${o.observed.why} (source: ${o.observed.source})`,
        source: o.observed.source,
      });
    } else if (o.events) {
      const { toward } = o.events;
      const rows = await deriveInputs(
        reader,
        o.events.from.map((c) => ({ name: c, code: c })),
        { target: toward, from, to },
      );
      const dyads = rows.map((r) => ({
        source: r.code,
        events: r.toward,
        meanGoldstein: r.meanGoldstein,
        position: r.position,
      }));
      const read = dyads.filter((d) => d.position !== null);
      if (read.length === 0)
        throw new ForecastInputError(
          `${where}: the record has no events toward ${toward} from ${o.events.from.join(", ")} between ${from} and ${to}`,
          bt.file,
          o.line,
        );
      const value = read.reduce((t, d) => t + (d.position ?? 0), 0) / read.length;
      const parts = dyads.map((d) =>
        d.position === null
          ? `${d.source} none`
          : `${d.source} ${d.events} (Goldstein ${d.meanGoldstein!.toFixed(2)} → ${f1(d.position)})`,
      );
      out.push({
        dimension: o.dimension,
        value,
        how: "events",
        text: `the record: mean over sources of 50 − 5 × mean Goldstein of their events toward ${toward}: ${parts.join(", ")}`,
        dyads,
      });
    } else if (o.indicator) {
      const { name, subject, series, baseline } = o.indicator;
      const points = (await reader.indicators({ indicator: name, subject })).filter(
        (p) => p.series === series,
      );
      const base = points.find((p) => p.period === baseline);
      const what = `indicator ${name} ${subject} ${series}`;
      if (!base || !(base.value > 0))
        throw new ForecastInputError(
          `${where}: the record has no positive ${what} for ${baseline}`,
          bt.file,
          o.line,
        );
      const within = points
        .filter((p) => /^\d{4}$/.test(p.period) && `${p.period}-01-01` >= from && `${p.period}-12-31` <= to)
        .sort((a, b) => a.period.localeCompare(b.period));
      if (within.length === 0)
        throw new ForecastInputError(
          `${where}: the record has no yearly ${what} within the horizon ${from} to ${to}`,
          bt.file,
          o.line,
        );
      const mean = within.reduce((t, p) => t + p.value, 0) / within.length;
      const value = clip(100 * (1 - mean / base.value));
      const unit = base.unit ? ` ${base.unit}` : "";
      out.push({
        dimension: o.dimension,
        value,
        how: "indicator",
        text: `${what}: 100 × (1 − ${within.map((p) => `${p.value.toLocaleString("en-US")} (${p.period})`).join(", ")} ÷ ${base.value.toLocaleString("en-US")}${unit} (${baseline}))`,
        indicator: {
          baseline: { period: baseline, value: base.value },
          horizon: within.map((p) => ({ period: p.period, value: p.value })),
        },
      });
    }
  }
  return out;
}

/** The error of `x` against `y`; over a cycle's range [lo, hi], the nearest and farthest. */
function errorRange(range: [number, number], y: number): [number, number] {
  const [lo, hi] = range;
  const near = y < lo ? lo - y : y > hi ? y - hi : 0;
  return [near, Math.max(Math.abs(lo - y), Math.abs(hi - y))];
}

function row(
  model: BacktestRow["model"],
  label: string,
  fc: number[],
  outcome: number[],
  f?: ForecastOutcome,
) {
  const error = fc.map((x, k) => Math.abs(x - outcome[k]));
  return {
    model,
    label,
    forecast: fc,
    error,
    meanAbsoluteError: error.reduce((t, e) => t + e, 0) / error.length,
    errorRange: fc.map((_, k) => {
      const c = f?.convergence[k];
      return c?.dependsOnStop ? errorRange(c.outcomeRange, outcome[k]) : null;
    }),
  } satisfies BacktestRow;
}

/**
 * Run the SMP and the expected-utility model on the backtest's inputs and set each forecast, and
 * the two baselines (compromise and weighted median of the inputs), beside the outcome read.
 */
export function runBacktest(
  bt: Backtest,
  outcome: OutcomeReading[],
  options: Omit<ForecastOptions, "model"> = {},
): BacktestResult {
  const y = outcome.map((o) => o.value);
  const smp = forecast(bt.scenario.input, { ...options, model: "smp", trace: false });
  const eu = forecast(bt.scenario.input, { ...options, model: "eu" });
  return {
    name: bt.name,
    description: bt.description,
    scenario: bt.scenario.name,
    asOf: bt.asOf,
    horizon: bt.horizon,
    dimensions: bt.scenario.input.dimensions,
    outcome,
    rows: [
      row("smp", "SMP (KTAB): most probable", smp.outcome, y, smp),
      row("eu", `expected utility (${eu.eu?.[0]?.variant ?? "custom"}): median`, eu.outcome, y, eu),
      row("compromise", "baseline: compromise", smp.baselines.compromise, y),
      row("weightedMedian", "baseline: weighted median", smp.baselines.weightedMedian, y),
    ],
  };
}
