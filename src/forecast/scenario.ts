import { applyOverrides } from "./overrides.ts";
import {
  type Rationale,
  type Scenario,
  type ScenarioLoader,
  scenarioSchema,
  type ValueWithWhy,
} from "./scenario-schema.ts";
import { ForecastInputError, type RawActor, type RawCell, type RawInput, validateInput } from "./validate.ts";
import { checkLined, parseLined } from "./yaml-lines.ts";

export type {
  DimensionInfo,
  Rationale,
  Scenario,
  ScenarioLoader,
  ScenarioOverride,
} from "./scenario-schema.ts";

/** Parse and validate a scenario; variants load their base through `load`. */
export function parseScenario(text: string, file: string, load?: ScenarioLoader, depth = 0): Scenario {
  const lined = parseLined(text, file);
  const { lineOf } = lined;
  const sc = checkLined(lined, scenarioSchema, file, "scenario");
  if (sc.base !== undefined) {
    if (!load)
      throw new ForecastInputError(`base "${sc.base}" cannot be loaded here`, file, lineOf(["base"]));
    if (depth > 8) throw new ForecastInputError("base scenarios nest too deeply", file, lineOf(["base"]));
    let b: { text: string; file: string };
    try {
      b = load(sc.base, file);
    } catch (err) {
      if (err instanceof ForecastInputError) throw err;
      throw new ForecastInputError(`base "${sc.base}": ${(err as Error).message}`, file, lineOf(["base"]));
    }
    const base = parseScenario(b.text, b.file, load, depth + 1);
    return applyOverrides(base, sc, file, lineOf);
  }
  if (!sc.dimensions || !sc.actors) {
    throw new ForecastInputError("a scenario needs dimensions and actors, or a base", file, 1);
  }
  const dims = sc.dimensions.map((d) => ({ id: d.id, name: d.name ?? d.id, scale: d.scale ?? "" }));
  const rationale: Rationale = {};
  const cellOf = (v: ValueWithWhy) => (v !== null && typeof v === "object" ? v.value : v);
  const whyOf = (v: ValueWithWhy) =>
    v !== null && typeof v === "object"
      ? [v.why, v.source ? `source: ${v.source}` : ""].filter(Boolean).join(" ")
      : "";
  const actors: RawActor[] = sc.actors.map((a, i) => {
    const r: Rationale[string] = {
      why: a.why,
      capability: whyOf(a.capability),
      position: {},
      salience: {},
    };
    rationale[a.name] = r;
    const field = (key: "positions" | "saliences", dim: string): RawCell => {
      const v = a[key][dim];
      const why = v === undefined ? "" : whyOf(v);
      if (why) r[key === "positions" ? "position" : "salience"][dim] = why;
      return { value: v === undefined ? undefined : cellOf(v), line: lineOf(["actors", i, key, dim]) };
    };
    for (const key of ["positions", "saliences"] as const) {
      for (const dim of Object.keys(a[key])) {
        if (!dims.some((d) => d.id === dim)) {
          throw new ForecastInputError(
            `unknown dimension in ${key}`,
            file,
            lineOf(["actors", i, key, dim]),
            a.name,
            dim,
          );
        }
      }
    }
    return {
      name: a.name,
      description: a.description,
      line: lineOf(["actors", i]),
      capability: { value: cellOf(a.capability), line: lineOf(["actors", i, "capability"]) },
      position: dims.map((d) => field("positions", d.id)),
      salience: dims.map((d) => field("saliences", d.id)),
    };
  });
  const raw: RawInput = {
    file,
    line: 1,
    name: sc.name,
    description: sc.description ?? "",
    dimensions: dims.map((d) => d.id),
    actors,
    ...(sc.seed !== undefined ? { seed: String(sc.seed) } : {}),
    ...(sc.parameters
      ? {
          parameters: Object.fromEntries(
            Object.entries(sc.parameters).map(([k, v]) => [k, { value: v, line: lineOf(["parameters", k]) }]),
          ),
        }
      : {}),
  };
  return {
    name: sc.name,
    description: sc.description ?? "",
    file,
    input: validateInput(raw),
    dimensions: dims,
    rationale,
    codes: Object.fromEntries(sc.actors.flatMap((a) => (a.code ? [[a.name, a.code]] : []))),
    overrides: [],
  };
}
