import { z } from "zod";
import type { ForecastInput } from "./types.ts";

/**
 * Yalu's scenario format (YAML or JSON): base inputs, each value with its rationale beside it, or
 * a variant that names a `base` scenario and lists `overrides`.
 *
 * ```yaml
 * name: china-dprk
 * dimensions: [{ id: pressure, name: Pressure on the DPRK nuclear programme, scale: "0 … 100" }]
 * actors:
 *   - name: China
 *     capability: { value: 90, why: "…" }
 *     positions: { pressure: { value: 35, why: "…" } }
 *     saliences: { pressure: { value: 30, why: "…" } }
 * ---
 * name: china-dprk-secondary-sanctions
 * base: china-dprk.yaml
 * overrides:
 *   - { actor: US, capability: 110, why: "…" }
 *   - { actor: China, dimension: sanctions, salience: 45, why: "…" }
 * ```
 */
const cell = z.union([z.number(), z.string(), z.null()]);
const valueWithWhy = z.union([
  cell,
  z.object({ value: cell, why: z.string().optional(), source: z.string().optional() }).strict(),
]);

export const override = z
  .object({
    actor: z.string(),
    dimension: z.string().optional(),
    capability: z.number().optional(),
    position: z.number().optional(),
    salience: z.number().optional(),
    why: z.string().optional(),
  })
  .strict();

export const scenarioSchema = z
  .object({
    name: z.string(),
    description: z.string().optional(),
    base: z.string().optional(),
    seed: z.union([z.string(), z.number()]).optional(),
    parameters: z.record(z.string(), z.string()).optional(),
    dimensions: z
      .array(z.object({ id: z.string(), name: z.string().optional(), scale: z.string().optional() }).strict())
      .optional(),
    actors: z
      .array(
        z
          .object({
            name: z.string(),
            /** CAMEO actor code, used to derive inputs from the event record. */
            code: z.string().optional(),
            description: z.string().optional(),
            why: z.string().optional(),
            capability: valueWithWhy,
            positions: z.record(z.string(), valueWithWhy),
            saliences: z.record(z.string(), valueWithWhy),
          })
          .strict(),
      )
      .optional(),
    overrides: z.array(override).optional(),
  })
  .strict();

export type ScenarioOverride = z.infer<typeof override>;

/** A scenario value as written: a bare number (or null) or `{ value, why, source }`. */
export type ValueWithWhy = z.infer<typeof valueWithWhy>;

export interface DimensionInfo {
  id: string;
  name: string;
  scale: string;
}

/** Why each input value is what it is: rationale[actor].capability / .position[dim] / .salience[dim]. */
export type Rationale = Record<
  string,
  { why?: string; capability?: string; position: Record<string, string>; salience: Record<string, string> }
>;

export interface Scenario {
  name: string;
  description: string;
  file: string;
  input: ForecastInput;
  dimensions: DimensionInfo[];
  rationale: Rationale;
  /** CAMEO code per actor name, where the scenario gives one. */
  codes: Record<string, string>;
  /** The base scenario of a variant, and the overrides applied to it. */
  base?: Scenario;
  overrides: ScenarioOverride[];
}

/** Reads another scenario file (for `base:`); relative to the including file. Passed in: no I/O here. */
export type ScenarioLoader = (path: string, from: string) => { text: string; file: string };
