import {
  compareScenarios,
  comparisonJson,
  type DerivedInput,
  deriveInputs,
  type EuRunOptions,
  ForecastInputError,
  type ForecastOptions,
  loadForecastFile,
  PARAMETER_VALUES,
  parseEuPairs,
  renderDifference,
  renderDifferenceSensitivity,
  renderOutcome,
  renderSensitivity,
  resolveParameters,
  type Scenario,
} from "../forecast/index.ts";
import { CliError, usage } from "./error.ts";
import { parseFilters } from "./options.ts";
import { resolveShipped, SCENARIO_DIR } from "./shipped.ts";

export interface ForecastCommandOptions {
  vs?: string;
  model?: string;
  json?: boolean;
  mc?: string;
  seed?: string;
  sd?: string;
  param?: string[];
  eu?: string[];
  log?: boolean;
  derive?: boolean;
  drivers?: boolean;
  backtest?: boolean;
  db?: string;
  from?: string;
  to?: string;
}

/** A shipped scenario name ("china-dprk") or a file path. */
export const resolveScenarioPath = (arg: string): string => resolveShipped(arg, SCENARIO_DIR, "scenario");

async function load(arg: string): Promise<Scenario> {
  try {
    return await loadForecastFile(resolveScenarioPath(arg));
  } catch (err) {
    if (err instanceof ForecastInputError) throw new CliError(err.message);
    throw err;
  }
}

function keyValues(pairs: string[] | undefined, flag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of pairs ?? []) {
    const m = /^([\w]+)=(.+)$/.exec(p);
    if (!m) throw usage(`invalid ${flag} "${p}" (expected name=value)`);
    out[m[1]] = m[2];
  }
  return out;
}

function euOptions(pairs: string[] | undefined): EuRunOptions {
  try {
    return parseEuPairs(pairs ?? []);
  } catch (err) {
    throw usage(`--eu: ${(err as Error).message}`);
  }
}

function parseSd(sd: string | undefined) {
  if (sd === undefined) return {};
  const parts = sd.split(",").map(Number);
  if (parts.length !== 3 || parts.some((x) => !Number.isFinite(x) || x < 0)) {
    throw usage(`invalid --sd "${sd}" (expected position,salience,capability, e.g. 5,5,0.1)`);
  }
  return { sdPosition: parts[0], sdSalience: parts[1], sdCapability: parts[2] };
}

/** `yalu forecast SCENARIO [--vs BASE] [--model smp|eu] [--json] [--mc N --seed S --sd p,s,c]`. */
export async function forecastCommand(
  arg: string,
  opts: ForecastCommandOptions,
  out: (s: string) => void = (s) => process.stdout.write(`${s}\n`),
): Promise<void> {
  const model = opts.model ?? "smp";
  if (model !== "smp" && model !== "eu") throw usage(`invalid --model "${model}" (smp or eu)`);
  let parameters: ForecastOptions["parameters"];
  try {
    parameters = opts.param?.length ? resolveParameters(keyValues(opts.param, "--param")) : undefined;
  } catch (err) {
    throw usage(`${(err as Error).message}; parameters: ${Object.keys(PARAMETER_VALUES).join(", ")}`);
  }
  const options: ForecastOptions = {
    model,
    ...(parameters ? { parameters } : {}),
    eu: euOptions(opts.eu),
    ...(opts.seed !== undefined ? { seed: opts.seed } : {}),
  };
  const sd = parseSd(opts.sd);
  if (opts.backtest) {
    if (opts.vs !== undefined || opts.mc !== undefined || opts.derive || opts.drivers)
      throw usage(
        "--backtest runs the models once on the backtest's inputs: drop --vs, --mc, --derive and --drivers",
      );
    const { model: _, ...rest } = options;
    const { backtestCommand } = await import("./backtest.ts");
    await backtestCommand(arg, rest, opts, out);
    return;
  }
  const scenario = await load(arg);
  if (opts.derive) {
    out(await deriveReport(scenario, opts));
    return;
  }
  const base = opts.vs !== undefined ? await load(opts.vs) : scenario.base;
  let mc: (typeof sd & { runs: number; seed?: string }) | undefined;
  if (opts.mc !== undefined) {
    const runs = Number(opts.mc);
    if (!Number.isInteger(runs) || runs < 1)
      throw usage(`invalid --mc "${opts.mc}" (expected a positive integer)`);
    mc = { runs, ...(opts.seed ? { seed: opts.seed } : {}), ...sd };
  }
  const c = compareScenarios(scenario, base, options, mc, { drivers: opts.drivers === true });
  if (opts.json) {
    out(JSON.stringify(comparisonJson(c)));
    return;
  }
  const log =
    opts.log === true ? "full" : opts.log === false || scenario.input.actors.length > 12 ? "none" : "movers";
  out(renderOutcome(c.forecast, scenario, log));
  if (c.base) {
    out("");
    out(renderOutcome(c.base.forecast, c.base.scenario, "none"));
    out("");
    out(renderDifference(c.forecast, c.base.forecast, [scenario.name, c.base.scenario.name]));
  }
  if (c.drivers) {
    out("");
    out(
      [
        "what drives the forecast (one input changed at a time; the largest moves first):",
        ...c.drivers.map((d) => `  ${d.text}`),
      ].join("\n"),
    );
  }
  if (c.sensitivity) {
    out("");
    out(renderSensitivity(c.sensitivity));
  }
  if (c.differenceSensitivity && c.base) {
    out("");
    out(renderDifferenceSensitivity(c.differenceSensitivity, [scenario.name, c.base.scenario.name]));
  }
}

async function deriveReport(scenario: Scenario, opts: ForecastCommandOptions): Promise<string> {
  const actors = scenario.input.actors
    .filter((a) => scenario.codes[a.name])
    .map((a) => ({ name: a.name, code: scenario.codes[a.name] }));
  if (actors.length === 0)
    throw new CliError(`scenario ${scenario.name} gives no actor codes to derive from`);
  // The same date rules as `yalu events --from --to`, checked before the store is opened.
  const { from, to } = parseFilters({ from: opts.from, to: opts.to });
  // Beside a running server this names it (its API has no derive route: stop it to derive).
  const { openRecord } = await import("./record.ts");
  const store = await openRecord(opts.db);
  let rows: DerivedInput[];
  try {
    rows = await deriveInputs(store, actors, { ...(from ? { from } : {}), ...(to ? { to } : {}) });
  } finally {
    await store.close();
  }
  const k = scenario.input.dimensions.indexOf("pressure");
  const lines = [
    `inputs for "${k >= 0 ? "pressure" : scenario.input.dimensions[0]}" suggested by the event record (${opts.db ?? "default database"})`,
    "position = 50 − 5 × mean Goldstein of the actor's events toward the DPRK; salience = event volume relative to the busiest actor × 50",
    `${"actor".padEnd(14)}${"events".padStart(8)}${"toward".padStart(8)}${"Goldstein".padStart(11)}${"position".padStart(10)}${"(set)".padStart(7)}${"salience".padStart(10)}${"(set)".padStart(7)}`,
  ];
  for (const r of rows) {
    const a = scenario.input.actors.find((x) => x.name === r.actor)!;
    const f = (x: number | null, d = 1) => (x === null ? "–" : x.toFixed(d));
    lines.push(
      `${r.actor.padEnd(14)}${String(r.events).padStart(8)}${String(r.toward).padStart(8)}${f(r.meanGoldstein, 2).padStart(11)}` +
        `${f(r.position).padStart(10)}${String(a.position[Math.max(0, k)]).padStart(7)}${f(r.salience).padStart(10)}${String(a.salience[Math.max(0, k)]).padStart(7)}`,
    );
  }
  return lines.join("\n");
}
