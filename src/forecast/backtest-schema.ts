import { z } from "zod";
import type { Scenario } from "./scenario-schema.ts";

/**
 * A backtest file (YAML or JSON): a scenario whose inputs are dated (`asOf`), a horizon after that
 * date, and, per dimension of the scenario, how the outcome over the horizon is read.
 *
 * ```yaml
 * name: china-dprk-2016
 * scenario: ../scenarios/china-dprk-2016.yaml   # relative to this file; every input with a source
 * asOf: 2016-12-31
 * horizon: { from: 2018-01-01, to: 2018-12-31 }
 * outcomes:
 *   pressure: { events: { toward: PRK, from: [CHN, USA, KOR] } }
 *   sanctions: { indicator: { name: trade, subject: CHN-PRK, series: total, baseline: "2016" } }
 *   usforces: { observed: { value: 45, why: "…", source: "…" } }
 * ```
 */
const date = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "expected a date YYYY-MM-DD")
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(d).toISOString().startsWith(d), {
    message: "not a calendar date",
  });

const code = z.string().regex(/^[A-Z]{3}[A-Z]*$/, "expected a CAMEO actor code such as PRK or CHNGOV");

/** From the record: the mean Goldstein score of each source's events toward the target. */
const eventsRule = z
  .object({
    toward: code,
    from: z.array(code).min(1, "name at least one source"),
  })
  .strict();

/** From an indicator series of the record: the share of its baseline value gone over the horizon. */
const indicatorRule = z
  .object({
    name: z.string().min(1),
    subject: z.string().min(1),
    series: z.string().min(1).default("total"),
    baseline: z.string().regex(/^\d{4}$/, 'expected a year, e.g. "2016"'),
  })
  .strict();

/** Where the record cannot speak: the observed outcome, with its reason and source. */
const observedRule = z
  .object({
    value: z.number().min(0).max(100),
    why: z.string().min(1),
    source: z.string().min(1),
  })
  .strict();

const outcomeRule = z
  .object({
    events: eventsRule.optional(),
    indicator: indicatorRule.optional(),
    observed: observedRule.optional(),
  })
  .strict()
  .refine((o) => [o.events, o.indicator, o.observed].filter(Boolean).length === 1, {
    message: "give exactly one of events, indicator or observed",
  });

export const backtestSchema = z
  .object({
    name: z.string().min(1),
    description: z.string().optional(),
    scenario: z.string().min(1),
    asOf: date,
    horizon: z.object({ from: date, to: date }).strict(),
    outcomes: z.record(z.string(), outcomeRule),
  })
  .strict();

export type OutcomeRule = z.infer<typeof outcomeRule>;

/** A parsed backtest: its scenario loaded, one outcome rule per dimension in the scenario's order. */
export interface Backtest {
  name: string;
  description: string;
  file: string;
  asOf: string;
  horizon: { from: string; to: string };
  scenario: Scenario;
  outcomes: (OutcomeRule & { dimension: string; line: number })[];
}

/** One source's events toward the target over the horizon, and the position they read as. */
export interface DyadReading {
  source: string;
  events: number;
  meanGoldstein: number | null;
  position: number | null;
}

/** The outcome on one dimension as read, with how it was read in words. */
export interface OutcomeReading {
  dimension: string;
  value: number;
  how: "events" | "indicator" | "observed";
  /** The rule and the figures it used, in words. */
  text: string;
  dyads?: DyadReading[];
  indicator?: { baseline: { period: string; value: number }; horizon: { period: string; value: number }[] };
  source?: string;
}

export type BacktestModel = "smp" | "eu" | "compromise" | "weightedMedian";

/** One model's (or baseline's) forecast beside the outcome: the error per dimension and its mean. */
export interface BacktestRow {
  model: BacktestModel;
  label: string;
  forecast: number[];
  /** |forecast − outcome| per dimension. */
  error: number[];
  meanAbsoluteError: number;
  /** Per dimension, when the forecast depends on the stopping round: the range of the error over it. */
  errorRange: ([number, number] | null)[];
}

export interface BacktestResult {
  name: string;
  description: string;
  scenario: string;
  asOf: string;
  horizon: { from: string; to: string };
  dimensions: string[];
  outcome: OutcomeReading[];
  rows: BacktestRow[];
}
