import { type ForecastOptions, forecast } from "./forecast.ts";
import type { Rationale } from "./scenario-schema.ts";
import type { ForecastActor, ForecastInput } from "./types.ts";

/**
 * What drives the forecast: change one input at a time, up and down, and rank the inputs by how far
 * the forecast moves. Positions move by a tenth of the actors' spread on their dimension, saliences
 * by 10 points (clipped at 0, rescaled to sum ≤ 100), capabilities by ×1.25 and ÷1.25.
 */
export interface Driver {
  actor: string;
  input: "position" | "salience" | "capability";
  /** The dimension changed (null for a capability). */
  dimension: string | null;
  /** The change that moved the forecast most, e.g. "+9.0", "−10", "×1.25". */
  change: string;
  /** The forecast's change per dimension under that change. */
  effect: number[];
  /** The largest |effect|. */
  size: number;
  /** The input's rationale, where the scenario gives one. */
  why: string;
}

const CAPABILITY_FACTOR = 1.25;
const SALIENCE_STEP = 10;
const POSITION_SHARE = 0.1;

const clip = (x: number) => Math.min(100, Math.max(0, x));
const signed = (x: number, d = 1) => `${x >= 0 ? "+" : "−"}${Math.abs(x).toFixed(d)}`;

function withActor(
  input: ForecastInput,
  i: number,
  change: (a: ForecastActor) => ForecastActor,
): ForecastInput {
  return { ...input, actors: input.actors.map((a, j) => (j === i ? change(a) : a)) };
}

/** The inputs whose change moves the forecast most, largest first (at most `top`). */
export function drivers(
  input: ForecastInput,
  options: ForecastOptions = {},
  rationale: Rationale = {},
  top = 5,
): Driver[] {
  const run = (x: ForecastInput) => forecast(x, { ...options, trace: false }).outcome;
  const base = run(input);
  const m = input.dimensions.length;
  const out: Driver[] = [];
  const consider = (d: Omit<Driver, "change" | "effect" | "size">, tries: [string, ForecastInput][]) => {
    let best: Driver | null = null;
    for (const [change, x] of tries) {
      const effect = run(x).map((v, k) => v - base[k]);
      const size = Math.max(...effect.map(Math.abs));
      if (best === null || size > best.size) best = { ...d, change, effect, size };
    }
    if (best) out.push(best);
  };
  input.actors.forEach((a, i) => {
    const r = rationale[a.name];
    consider({ actor: a.name, input: "capability", dimension: null, why: r?.capability ?? "" }, [
      [
        `×${CAPABILITY_FACTOR}`,
        withActor(input, i, (x) => ({ ...x, capability: x.capability * CAPABILITY_FACTOR })),
      ],
      [
        `÷${CAPABILITY_FACTOR}`,
        withActor(input, i, (x) => ({ ...x, capability: x.capability / CAPABILITY_FACTOR })),
      ],
    ]);
    for (let k = 0; k < m; k++) {
      const dim = input.dimensions[k];
      const xs = input.actors.map((x) => x.position[k]);
      const step = POSITION_SHARE * (Math.max(...xs) - Math.min(...xs)) || 1;
      const at = (p: number[], v: number) => p.map((y, kk) => (kk === k ? v : y));
      consider(
        { actor: a.name, input: "position", dimension: dim, why: r?.position[dim] ?? "" },
        [step, -step].map((s) => [
          signed(s),
          withActor(input, i, (x) => ({ ...x, position: at(x.position, clip(x.position[k] + s)) })),
        ]),
      );
      consider(
        { actor: a.name, input: "salience", dimension: dim, why: r?.salience[dim] ?? "" },
        [SALIENCE_STEP, -SALIENCE_STEP].map((s) => [
          signed(s, 0),
          withActor(input, i, (x) => {
            const sal = at(x.salience, clip(x.salience[k] + s));
            const total = sal.reduce((t, v) => t + v, 0);
            return { ...x, salience: total > 100 ? sal.map((v) => (v * 100) / total) : sal };
          }),
        ]),
      );
    }
  });
  return out
    .filter((d) => d.size > 1e-9)
    .sort((a, b) => b.size - a.size)
    .slice(0, top);
}

/** One driver in words: "US capability ×1.25 moves the forecast: pressure +12.0, … (why: …)". */
export function driverText(d: Driver, dimensions: readonly string[]): string {
  const what =
    d.input === "capability" ? `${d.actor}'s capability` : `${d.actor}'s ${d.input} on ${d.dimension}`;
  const moves = d.effect
    .map((e, k) => (Math.abs(e) > 1e-9 ? `${dimensions[k]} ${signed(e)}` : null))
    .filter((x) => x !== null)
    .join(", ");
  const why = d.why ? ` (why: ${d.why.length > 90 ? `${d.why.slice(0, 89).trimEnd()}…` : d.why})` : "";
  return `${what} ${d.change} moves the forecast: ${moves}${why}`;
}
