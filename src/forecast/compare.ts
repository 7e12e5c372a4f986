import { type Driver, drivers, driverText } from "./drivers.ts";
import {
  difference,
  type ForecastDifference,
  type ForecastOptions,
  type ForecastOutcome,
  forecast,
} from "./forecast.ts";
import { outcomeJson } from "./report-json.ts";
import type { Scenario } from "./scenario.ts";
import {
  type DifferenceSensitivity,
  differenceSensitivity,
  type PerturbationSpec,
  type SensitivityResult,
  sensitivity,
} from "./sensitivity.ts";

/** A scenario's forecast, beside its base's when there is one, with the Monte Carlo when asked. */
export interface Comparison {
  scenario: Scenario;
  forecast: ForecastOutcome;
  base?: { scenario: Scenario; forecast: ForecastOutcome; difference: ForecastDifference };
  sensitivity?: SensitivityResult;
  /** The paired Monte Carlo of scenario − base (same actors and dimensions only). */
  differenceSensitivity?: DifferenceSensitivity;
  /** What drives the forecast: the inputs whose change moves it most, with the words. */
  drivers?: (Driver & { text: string })[];
}

/** Same actors and dimensions in the same order: the paired Monte Carlo applies. */
export const paired = (a: Scenario, b: Scenario): boolean =>
  a.input.actors.map((x) => x.name).join() === b.input.actors.map((x) => x.name).join() &&
  a.input.dimensions.join() === b.input.dimensions.join();

/**
 * Forecast `scenario` and, given a `base`, the base and the difference; with `mc`, the Monte Carlo
 * sensitivity of the scenario and, when the two are paired, of the difference.
 * @example compareScenarios(variant, variant.base, { model: "smp" }, { runs: 200, seed: "7" })
 */
export function compareScenarios(
  scenario: Scenario,
  base: Scenario | undefined,
  options: ForecastOptions,
  mc?: Partial<PerturbationSpec> & { runs: number },
  extra: { drivers?: boolean } = {},
): Comparison {
  const f = forecast(scenario.input, options);
  const g = base ? forecast(base.input, options) : undefined;
  return {
    scenario,
    forecast: f,
    ...(base && g ? { base: { scenario: base, forecast: g, difference: difference(f, g) } } : {}),
    ...(mc ? { sensitivity: sensitivity(scenario.input, mc, options) } : {}),
    ...(mc && base && paired(scenario, base)
      ? { differenceSensitivity: differenceSensitivity(scenario.input, base.input, mc, options) }
      : {}),
    ...(extra.drivers
      ? {
          drivers: drivers(scenario.input, options, scenario.rationale).map((d) => ({
            ...d,
            text: driverText(d, scenario.input.dimensions),
          })),
        }
      : {}),
  };
}

/** The JSON form of a comparison (the API's answer and `yalu forecast --json`). */
export function comparisonJson(c: Comparison) {
  const { base } = c;
  return {
    ...outcomeJson(c.forecast, c.scenario),
    rationale: c.scenario.rationale,
    ...(base
      ? {
          base: outcomeJson(base.forecast, base.scenario),
          difference: {
            ...base.difference,
            finalPositions: Object.fromEntries(
              c.forecast.actors.map((a, i) => [a, base.difference.finalPositions[i]]),
            ),
          },
        }
      : {}),
    ...(c.sensitivity ? { sensitivity: c.sensitivity } : {}),
    ...(c.differenceSensitivity ? { differenceSensitivity: c.differenceSensitivity } : {}),
    ...(c.drivers ? { drivers: c.drivers } : {}),
  };
}
