import type { z } from "zod";
import type { Rationale, Scenario, scenarioSchema } from "./scenario-schema.ts";
import type { ForecastInput } from "./types.ts";
import { ForecastInputError, type RawInput, validateInput } from "./validate.ts";

/**
 * Apply a variant's overrides to its base scenario and re-check the result; errors point at the
 * variant file's override lines.
 */
export function applyOverrides(
  base: Scenario,
  sc: z.infer<typeof scenarioSchema>,
  file: string,
  lineOf: (path: (string | number)[]) => number,
): Scenario {
  const input: ForecastInput = structuredClone(base.input);
  const rationale: Rationale = structuredClone(base.rationale);
  const overrides = sc.overrides ?? [];
  overrides.forEach((o, i) => {
    const line = lineOf(["overrides", i]);
    const actor = input.actors.find((a) => a.name === o.actor);
    if (!actor) throw new ForecastInputError("override names an unknown actor", file, line, o.actor);
    const why = o.why ? `${o.why} (override)` : "override";
    if (o.capability !== undefined) {
      actor.capability = o.capability;
      rationale[o.actor].capability = why;
    }
    if (o.position !== undefined || o.salience !== undefined) {
      const k = o.dimension === undefined ? -1 : input.dimensions.indexOf(o.dimension);
      if (k < 0) {
        throw new ForecastInputError(
          o.dimension === undefined
            ? "position/salience override needs a dimension"
            : "override names an unknown dimension",
          file,
          line,
          o.actor,
          o.dimension,
        );
      }
      if (o.position !== undefined) {
        actor.position[k] = o.position;
        rationale[o.actor].position[o.dimension!] = why;
      }
      if (o.salience !== undefined) {
        actor.salience[k] = o.salience;
        rationale[o.actor].salience[o.dimension!] = why;
      }
    }
  });
  // Re-check the overridden input; errors point at the variant file.
  const raw: RawInput = {
    file,
    line: lineOf(["overrides"]),
    name: sc.name,
    description: sc.description ?? base.description,
    dimensions: input.dimensions,
    actors: input.actors.map((a) => {
      const line = lineOf(["overrides"]);
      return {
        name: a.name,
        description: a.description,
        line,
        capability: { value: a.capability, line },
        position: a.position.map((value) => ({ value, line })),
        salience: a.salience.map((value) => ({ value, line })),
      };
    }),
    ...(input.seed !== undefined ? { seed: input.seed } : {}),
  };
  const checked = validateInput(raw);
  const parameters = { ...input.parameters, ...(sc.parameters ?? {}) } as ForecastInput["parameters"];
  return {
    name: sc.name,
    description: sc.description ?? base.description,
    file,
    input: { ...checked, ...(parameters && Object.keys(parameters).length ? { parameters } : {}) },
    dimensions: base.dimensions,
    rationale,
    codes: base.codes,
    base,
    overrides,
  };
}
