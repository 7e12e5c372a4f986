import type { SmpParameters } from "./params.ts";
import { resolveParameters } from "./params.ts";
import type { ForecastInput, IdealAdjustment } from "./types.ts";

/** A bad bargaining input: the message names the actor, dimension, file and line. */
export class ForecastInputError extends Error {
  constructor(
    message: string,
    readonly file: string,
    readonly line: number,
    readonly actor?: string,
    readonly dimension?: string,
  ) {
    const where = [actor ? `actor "${actor}"` : null, dimension ? `dimension "${dimension}"` : null]
      .filter(Boolean)
      .join(", ");
    super(`${file}:${line}: ${where ? `${where}: ` : ""}${message}`);
    this.name = "ForecastInputError";
  }
}

/** One input cell as read, with its line, before it is checked. */
export interface RawCell {
  value: string | number | null | undefined;
  line: number;
}

export interface RawActor {
  name: string;
  description?: string;
  line: number;
  capability: RawCell;
  position: RawCell[];
  salience: RawCell[];
}

/** A bargaining input as a reader found it: every value still unchecked. */
export interface RawInput {
  file: string;
  line: number;
  name: string;
  description: string;
  dimensions: string[];
  declaredActors?: number;
  actors: RawActor[];
  idealAdjustment?: (IdealAdjustment & { line: number })[];
  seed?: string;
  parameters?: Record<string, { value: string; line: number }>;
}

export const MIN_ACTORS = 3;
export const MAX_ACTORS = 250;
export const MAX_CAPABILITY = 1e8;
const SAL_TOL = 1e-6;

function num(
  cell: RawCell | undefined,
  what: string,
  file: string,
  line: number,
  actor: string,
  dim?: string,
) {
  const v = cell?.value;
  const at = cell?.line ?? line;
  if (v === undefined || v === null || (typeof v === "string" && v.trim() === "")) {
    throw new ForecastInputError(`missing ${what}`, file, at, actor, dim);
  }
  const x = typeof v === "number" ? v : Number(v.trim());
  if (!Number.isFinite(x)) throw new ForecastInputError(`non-numeric ${what} "${v}"`, file, at, actor, dim);
  return x;
}

/** Check a raw input (SPEC §1.1) and return the validated, normalised input. */
export function validateInput(raw: RawInput): ForecastInput {
  const { file } = raw;
  const n = raw.actors.length;
  const last = raw.actors.at(-1)?.line ?? raw.line;
  if (n < MIN_ACTORS) {
    const names = raw.actors.map((a) => a.name).join(", ");
    throw new ForecastInputError(
      `${n} actors${names ? ` (${names})` : ""}; at least ${MIN_ACTORS} are needed`,
      file,
      last,
    );
  }
  if (n > MAX_ACTORS)
    throw new ForecastInputError(`${n} actors; at most ${MAX_ACTORS} are allowed`, file, last);
  if (raw.declaredActors !== undefined && raw.declaredActors !== n) {
    throw new ForecastInputError(`declares ${raw.declaredActors} actors but lists ${n}`, file, raw.line);
  }
  if (raw.dimensions.length < 1) throw new ForecastInputError("no dimensions", file, raw.line);
  const seen = new Set<string>();
  const actors = raw.actors.map((a) => {
    if (!a.name) throw new ForecastInputError("actor without a name", file, a.line);
    if (seen.has(a.name)) throw new ForecastInputError("duplicate actor name", file, a.line, a.name);
    seen.add(a.name);
    const capability = num(a.capability, "capability", file, a.line, a.name);
    if (capability < 0 || capability > MAX_CAPABILITY)
      throw new ForecastInputError(
        `capability ${capability} outside 0–${MAX_CAPABILITY}`,
        file,
        a.capability.line,
        a.name,
      );
    const position: number[] = [];
    const salience: number[] = [];
    raw.dimensions.forEach((dim, k) => {
      const x = num(a.position[k], "position", file, a.line, a.name, dim);
      const s = num(a.salience[k], "salience", file, a.line, a.name, dim);
      if (x < 0 || x > 100)
        throw new ForecastInputError(`position ${x} outside 0–100`, file, a.position[k].line, a.name, dim);
      if (s < 0 || s > 100)
        throw new ForecastInputError(`salience ${s} outside 0–100`, file, a.salience[k].line, a.name, dim);
      position.push(x);
      salience.push(s);
    });
    const total = salience.reduce((t, s) => t + s, 0);
    if (total > 100 + SAL_TOL) {
      throw new ForecastInputError(
        `saliences sum to ${+total.toFixed(4)} (more than 100)`,
        file,
        a.salience.at(-1)?.line ?? a.line,
        a.name,
        raw.dimensions.join("+"),
      );
    }
    return { name: a.name, description: a.description, capability, position, salience };
  });
  // With no weight anywhere the models have nothing to bargain over: refuse rather than print
  // a "forecast" of empty baselines.
  if (actors.every((a) => a.capability === 0))
    throw new ForecastInputError("every actor's capability is 0: no one can move the outcome", file, last);
  raw.dimensions.forEach((dim, k) => {
    if (actors.every((a) => a.capability * a.salience[k] === 0))
      throw new ForecastInputError(
        "no actor has both capability and salience here: nothing to forecast",
        file,
        last,
        undefined,
        dim,
      );
  });
  let parameters: Partial<SmpParameters> | undefined;
  if (raw.parameters) {
    const plain: Record<string, string> = {};
    for (const [k, v] of Object.entries(raw.parameters)) plain[k] = v.value;
    try {
      parameters = resolveParameters(plain);
    } catch (err) {
      const bad = Object.entries(raw.parameters).find(([k]) => (err as Error).message.includes(k));
      throw new ForecastInputError((err as Error).message, file, bad?.[1].line ?? raw.line);
    }
  }
  const idealAdjustment = raw.idealAdjustment?.map((e) => {
    for (const who of [e.adjusting, e.reference]) {
      if (!seen.has(who))
        throw new ForecastInputError("ideal adjustment names an unknown actor", file, e.line, who);
    }
    if (!Number.isFinite(e.adjust))
      throw new ForecastInputError("non-numeric adjust", file, e.line, e.adjusting);
    return { adjusting: e.adjusting, reference: e.reference, adjust: e.adjust };
  });
  return {
    name: raw.name,
    description: raw.description,
    dimensions: raw.dimensions,
    actors,
    ...(idealAdjustment?.length ? { idealAdjustment } : {}),
    ...(raw.seed !== undefined ? { seed: raw.seed } : {}),
    ...(parameters ? { parameters } : {}),
  };
}
