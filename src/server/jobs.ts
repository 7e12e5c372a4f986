import { parentPort, workerData } from "node:worker_threads";
import {
  type NetworkLevel,
  network,
  type PhaseOptions,
  phases,
  type SeriesPoint,
} from "../analysis/index.ts";
import {
  compareScenarios,
  comparisonJson,
  ForecastInputError,
  type ForecastOptions,
  type PerturbationSpec,
  parseScenario,
  type Scenario,
} from "../forecast/index.ts";
import type { Bucket, DyadRow } from "../model/index.ts";

type MonteCarlo = (Partial<PerturbationSpec> & { runs: number }) | undefined;

/** Monte Carlo work bound (runs × actors³) so one request cannot occupy a worker for minutes. */
const MAX_MC_WORK = 5e8;

/** Why `runs` Monte Carlo runs are too many for `actors` actors, or null when they are not. */
export function tooManyRuns(runs: number | undefined, actors: number): string | null {
  if (runs === undefined || runs * actors ** 3 <= MAX_MC_WORK) return null;
  return `mc ${runs} is too many runs for ${actors} actors (at most ${Math.floor(MAX_MC_WORK / actors ** 3)})`;
}

/** A job's answer for a client error: the message and the field or parameter at fault. */
export type Invalid = { invalid: string; parameter: string };

/**
 * The heavy work the server hands to its worker threads (pool.ts): pure functions of plain data,
 * so their input and answer cross the thread boundary by structured clone. Answers are JSON text,
 * so not even their serialising runs on the server's event loop.
 */
export const jobs = {
  /** A shipped scenario's forecast with its base and Monte Carlo (checked by the route). */
  forecast: (i: {
    scenario: Scenario;
    base: Scenario | undefined;
    options: ForecastOptions;
    mc: MonteCarlo;
    drivers?: boolean;
  }) =>
    JSON.stringify(
      comparisonJson(compareScenarios(i.scenario, i.base, i.options, i.mc, { drivers: i.drivers ?? false })),
    ),
  /** A posted scenario (as the body gave it): parsed (hundreds of ms for a large one), then run. */
  posted: (i: {
    scenario: unknown;
    options: ForecastOptions;
    mc: MonteCarlo;
  }): { json: string } | Invalid => {
    let scenario: Scenario;
    try {
      scenario = parseScenario(JSON.stringify(i.scenario, null, 2), "scenario");
    } catch (err) {
      if (!(err instanceof ForecastInputError)) throw err;
      return { invalid: err.message.replace(/^scenario:\d+: /, ""), parameter: "scenario" };
    }
    const tooMany = tooManyRuns(i.mc?.runs, scenario.input.actors.length);
    if (tooMany) return { invalid: tooMany, parameter: "mc" };
    return { json: JSON.stringify(comparisonJson(compareScenarios(scenario, undefined, i.options, i.mc))) };
  },
  /**
   * Text coded into events (seconds for the longest text a request may carry, and seconds more to
   * load the coder's models the first time): the coder is loaded here when first used. (A build
   * rewrites the ".ts" of this import to ".js".)
   */
  code: async (i: { text: string; options: { docId?: string; docDate?: string } }) => {
    const { codeDocument, defaultCoder } = await import("../coder/index.ts");
    return { events: codeDocument(i.text, { ...i.options, coder: defaultCoder() }).events };
  },
  /** The phases of a dyad series (PELT: quadratic in the periods when the penalty is small). */
  phases: (i: { series: SeriesPoint[]; bucket: Bucket; options: Partial<PhaseOptions> }) =>
    phases(i.series, i.bucket, i.options),
  /** The actor network of dyad rows (centrality: nodes × edges, seconds for thousands of nodes). */
  network: (i: { rows: DyadRow[]; level: NetworkLevel }) => network(i.rows, i.level),
};

export type Jobs = typeof jobs;
export type JobKind = keyof Jobs;

/** What the pool posts to a worker, and what the worker answers. */
export type JobRequest = { id: number; kind: JobKind; input: unknown };
export type JobAnswer =
  | { id: number; started: true }
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; message: string };

/** Marks a worker started by the pool (a module loaded in a test runner's own thread stays idle). */
export const WORKER_MARK = "yalu-jobs";

if (parentPort && workerData === WORKER_MARK) {
  const port = parentPort;
  port.on("message", ({ id, kind, input }: JobRequest) => {
    port.postMessage({ id, started: true } satisfies JobAnswer);
    Promise.resolve()
      .then(() => (jobs[kind] as (i: unknown) => unknown)(input))
      .then(
        (value): JobAnswer => ({ id, ok: true, value }),
        (err): JobAnswer => ({ id, ok: false, message: err instanceof Error ? err.message : String(err) }),
      )
      .then((answer) => port.postMessage(answer));
  });
}
