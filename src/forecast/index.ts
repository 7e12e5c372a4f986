/** Bargaining forecasts: KTAB's SMP, BDM's expected utility, baselines, scenarios, sensitivity. */

export { parseBacktest, readOutcomes, runBacktest } from "./backtest.ts";
export type {
  Backtest,
  BacktestResult,
  BacktestRow,
  OutcomeReading,
} from "./backtest-schema.ts";
export { type Baselines, baselines, weightedMean, weightedMedian } from "./baselines.ts";
export { type Comparison, compareScenarios, comparisonJson, paired } from "./compare.ts";
export { type Convergence, convergence } from "./convergence.ts";
export { DEFAULT_DERIVE, type DerivedInput, deriveInputs } from "./derive.ts";
export {
  DEFAULT_EU_OPTIONS,
  type EuActor,
  type EuOptions,
  type EuResult,
  type EuRunOptions,
  runEu,
} from "./eu.ts";
export { euOptionsSchema, parseEuPairs } from "./eu-schema.ts";
export { EU_VARIANT_NAMES, EU_VARIANTS, type EuVariantName } from "./eu-variants.ts";
export { difference, type ForecastOptions, type ForecastOutcome, forecast } from "./forecast.ts";
export { readEuTable } from "./io/eum.ts";
export { loadBacktestFile, loadForecastFile, parseForecastFile, scenarioOf } from "./io/input.ts";
export { readKtabCsv, readKtabXml } from "./io/ktab.ts";
export { DEFAULT_PARAMETERS, PARAMETER_VALUES, resolveParameters, type SmpParameters } from "./params.ts";
export { createPrng, type Prng } from "./prng.ts";
export { renderDifference, renderDifferenceSensitivity, renderOutcome, renderSensitivity } from "./report.ts";
export { renderBacktest } from "./report-backtest.ts";
export { outcomeJson } from "./report-json.ts";
export { parseScenario, type Scenario, type ScenarioLoader } from "./scenario.ts";
export {
  DEFAULT_PERTURBATION,
  type PerturbationSpec,
  type SensitivityResult,
  sensitivity,
} from "./sensitivity.ts";
export { runSmp, type SmpOptions, type SmpResult, type SmpTurn } from "./smp/run.ts";
export type { ForecastActor, ForecastInput, IdealAdjustment } from "./types.ts";
export { ForecastInputError, validateInput } from "./validate.ts";
