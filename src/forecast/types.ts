import type { SmpParameters } from "./params.ts";

/** One actor of a bargaining problem, on the input's scales: positions and saliences 0–100. */
export interface ForecastActor {
  name: string;
  description?: string;
  /** Capability ("power", "influence"): a scalar ≥ 0. */
  capability: number;
  /** One position per dimension, 0–100. */
  position: number[];
  /** One salience per dimension, 0–100, summing to at most 100. */
  salience: number[];
}

/** An ideal-accommodation entry: `adjusting`'s ideal moves toward `reference`'s position by `adjust`. */
export interface IdealAdjustment {
  adjusting: string;
  reference: string;
  adjust: number;
}

/** A validated bargaining problem, as read from KTAB CSV/XML or a Yalu scenario. */
export interface ForecastInput {
  name: string;
  description: string;
  dimensions: string[];
  actors: ForecastActor[];
  idealAdjustment?: IdealAdjustment[];
  /** PRNG seed as a decimal string (KTAB seeds are 64-bit). */
  seed?: string;
  parameters?: Partial<SmpParameters>;
}
