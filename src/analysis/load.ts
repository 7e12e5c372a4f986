import {
  type Bucket,
  type DyadRow,
  dateEnd,
  dateStart,
  type EventQuery,
  type EventReader,
} from "../model/index.ts";
import { type Coverage, coverage, THIN_DEFAULT, yearsBetween } from "./coverage.ts";
import { pickEvidence } from "./evidence.ts";
import { CONTACT_CODES, type Leverage, leverage } from "./leverage.ts";
import { type Network, type NetworkLevel, network, nodeOf } from "./network.ts";
import { type PhaseOptions, type PhaseResult, phases, withinBucketSigma } from "./phases.ts";
import { dyadSeries, type SeriesPoint } from "./series.ts";

/** What the analysis reads: the Store's query methods (a Store, or a cache in front of one). */
export type Reader = Pick<EventReader, "aggregate" | "queryEvents" | "dyads" | "indicators">;

/** Events read to estimate the phase model's σ. */
const SIGMA_SAMPLE = 20_000;

/** A dyad series under the filters (`query.dyad` sets the directions). */
export async function loadSeries(reader: Reader, query: EventQuery, bucket: Bucket): Promise<SeriesPoint[]> {
  const rows = await reader.aggregate(query, bucket);
  return dyadSeries(rows, bucket, { from: query.from, to: query.to });
}

/** A phase result shown for a window: the window, and the series it covers (events per period). */
export interface WindowedPhases extends PhaseResult {
  series: SeriesPoint[];
  /** The window asked for (null bounds: open), or null when none was. */
  window: { from: string | null; to: string | null } | null;
}

/** How loadPhases runs: evidence per phase, where PELT runs, and how many phases it may show. */
export interface PhaseRun {
  /** Evidence events per phase (default 4). */
  evidence: number;
  /** The segmentation (default {@link phases} in this thread; the server runs it in a worker). */
  segment: (series: SeriesPoint[], bucket: Bucket, options: Partial<PhaseOptions>) => Promise<PhaseResult>;
  /** Most phases shown in the window, each costing a query for its evidence (default: no limit). */
  maxShown: number;
}

/** More phases in the window than {@link PhaseRun.maxShown}: the caller should coarsen the model. */
export class PhaseLimitError extends Error {
  constructor(
    readonly shown: number,
    readonly max: number,
  ) {
    super(`${shown} phases in the window, more than ${max}`);
    this.name = "PhaseLimitError";
  }
}

const phaseRun: PhaseRun = {
  evidence: 4,
  segment: async (series, bucket, options) => phases(series, bucket, options),
  maxShown: Number.POSITIVE_INFINITY,
};

/**
 * Phases of a dyad's Goldstein series, each with evidence events from its own span: the most
 * consequential cooperative events of a warming phase, conflictual of a cooling one, salient
 * otherwise (see `consequence`: |Goldstein|, routine renewals down-weighted).
 *
 * The phases are computed on the dyad's whole record and then shown for the window (`query.from`,
 * `query.to`): a window never changes where a phase starts or how it is labelled, it only chooses
 * which phases, turning points and periods are returned. A phase that straddles a window bound is
 * kept whole (its `from`/`to` and totals are the whole phase's).
 */
export async function loadPhases(
  reader: Reader,
  query: EventQuery,
  bucket: Bucket,
  options: Partial<PhaseOptions> = {},
  run: Partial<PhaseRun> = {},
): Promise<WindowedPhases> {
  const { evidence, segment, maxShown } = { ...phaseRun, ...run } satisfies PhaseRun;
  const { from, to, ...whole } = query;
  const series = await loadSeries(reader, whole, bucket);
  // σ from the events themselves (up to a sample of them), unless the caller fixed it.
  let sigma = options.sigma;
  if (sigma === undefined) {
    const sample = await reader.queryEvents({ ...whole, limit: SIGMA_SAMPLE, offset: undefined });
    sigma = withinBucketSigma(sample, bucket) ?? undefined;
  }
  const result = await segment(series, bucket, { ...options, sigma });
  const lo = from ? dateStart(from) : null;
  const hi = to ? dateEnd(to) : null;
  const inWindow = (start: string, end: string) => (lo === null || end >= lo) && (hi === null || start <= hi);
  const shown = result.phases.filter((p) => inWindow(p.start, p.end));
  if (shown.length > maxShown) throw new PhaseLimitError(shown.length, maxShown);
  for (const phase of shown) {
    const lean =
      phase.label === "warming" ? "cooperative" : phase.label === "cooling" ? "conflictual" : "salient";
    const quadClass = lean === "cooperative" ? [1, 2] : lean === "conflictual" ? [3, 4] : undefined;
    const events = await reader.queryEvents({
      ...whole,
      quadClass: quadClass as EventQuery["quadClass"],
      from: phase.start,
      to: phase.end,
      limit: 5000,
      offset: undefined,
    });
    phase.evidence = pickEvidence(events, lean, evidence);
  }
  return {
    model: result.model,
    phases: shown,
    turningPoints: result.turningPoints.filter((t) => inWindow(t.date, t.date)),
    thin: result.thin,
    series: series.filter((p) => inWindow(p.start, p.end)),
    window: from || to ? { from: from ?? null, to: to ?? null } : null,
  };
}

/**
 * The actor network under the filters, from the `limit` largest directed dyads; `build` computes it
 * from the rows (default {@link network} in this thread; the server runs large ones in a worker).
 */
export async function loadNetwork(
  reader: Reader,
  query: EventQuery,
  level: NetworkLevel,
  limit = 500,
  build: (rows: DyadRow[], level: NetworkLevel) => Promise<Network> | Network = network,
): Promise<Network> {
  return build(await reader.dyads(query, limit), level);
}

/**
 * Leverage indicators of a dyad a-b: trade (indicator "trade", subject "a-b"), Security Council votes
 * on resolutions about b (`names`: b's names and aliases as written, e.g. "DPRK"), contacts, conflict.
 */
export async function loadLeverage(
  reader: Reader,
  a: string,
  b: string,
  names: string[] = [],
): Promise<Leverage> {
  const dyad = { a, b };
  const [trade, resolutionEvents, councilEvents, contactEvents, yearly] = await Promise.all([
    reader.indicators({ indicator: "trade", subject: `${a}-${b}` }),
    reader.queryEvents({ text: "resolution", limit: 5000 }),
    reader.queryEvents({ text: "security council", limit: 5000 }),
    reader.queryEvents({ dyad, cameo: CONTACT_CODES, limit: 5000 }),
    loadSeries(reader, { dyad }, "year"),
  ]);
  const seen = new Set<string>();
  const voteEvents = [...resolutionEvents, ...councilEvents].filter((e) => !seen.has(e.id) && seen.add(e.id));
  const recorded = voteEvents.flatMap((e) => [e.source, e.target]).filter((x) => x.country === b && x.name);
  const all = [...new Set([b, ...names, ...recorded.map((x) => x.name!)])];
  return leverage({ dyad: `${a}-${b}`, state: b, names: all, trade, voteEvents, contactEvents, yearly });
}

export interface ActorSummary {
  code: string;
  events: number;
}

/** Actors for pickers: country/organisation nodes by event volume, from the largest dyads. */
export async function loadActors(reader: Reader, limit = 2000): Promise<ActorSummary[]> {
  const counts = new Map<string, number>();
  for (const d of await reader.dyads({}, limit)) {
    for (const code of new Set([nodeOf(d.source, "country"), nodeOf(d.target, "country")])) {
      counts.set(code, (counts.get(code) ?? 0) + d.count);
    }
  }
  return [...counts]
    .map(([code, events]) => ({ code, events }))
    .sort((x, y) => y.events - x.events || x.code.localeCompare(y.code));
}

/** The window a coverage table starts at when none is given: the span the record aims to cover evenly. */
export const COVERAGE_FROM = "1990";
/** Dyads shown when none are named: the largest, by events in the window. */
export const COVERAGE_TOP = 8;

export interface CoverageOptions {
  /** The dyads to show (country or organisation codes); default the {@link COVERAGE_TOP} largest. */
  dyads?: Array<{ a: string; b: string }>;
  /** First year (default {@link COVERAGE_FROM}). */
  from?: string;
  /** Last year (default the last year with events among the dyads). */
  to?: string;
  /** Fewer events than this marks a year thin (default {@link THIN_DEFAULT}). */
  thin?: number;
  /** How many dyads to show when none are named. */
  top?: number;
}

/** The largest undirected country-level dyads in the window, by events. */
async function largestPairs(
  reader: Reader,
  window: EventQuery,
  top: number,
): Promise<Array<{ a: string; b: string }>> {
  const totals = new Map<string, number>();
  for (const d of await reader.dyads(window, 5000)) {
    const [x, y] = [nodeOf(d.source, "country"), nodeOf(d.target, "country")].sort();
    if (x === y) continue;
    totals.set(`${x}-${y}`, (totals.get(`${x}-${y}`) ?? 0) + d.count);
  }
  return [...totals]
    .sort((p, q) => q[1] - p[1] || p[0].localeCompare(q[0]))
    .slice(0, top)
    .map(([k]) => {
      const [a, b] = k.split("-");
      return { a, b };
    });
}

/**
 * Events per dyad per year in a window, with the thin and silent years of each dyad: both directions
 * of a dyad count, actor codes matched by prefix (CHN matches CHNGOV and CHNMIL).
 */
export async function loadCoverage(reader: Reader, options: CoverageOptions = {}): Promise<Coverage> {
  const from = options.from ?? COVERAGE_FROM;
  const window = { from, to: options.to };
  const pairs = options.dyads ?? (await largestPairs(reader, window, options.top ?? COVERAGE_TOP));
  const counts = new Map<string, Map<string, number>>();
  let last = from;
  for (const { a, b } of pairs) {
    const byYear = new Map<string, number>();
    for (const r of await reader.aggregate({ ...window, dyad: { a, b, directed: false } }, "year")) {
      byYear.set(r.period, (byYear.get(r.period) ?? 0) + r.count);
      if (r.period > last) last = r.period;
    }
    counts.set(`${a}-${b}`, byYear);
  }
  return coverage(counts, yearsBetween(from, options.to ?? last), options.thin ?? THIN_DEFAULT);
}
