/**
 * How a run ended, per dimension: at a fixed point, in a cycle (with its period), or still moving.
 * When the forecast differs between the rounds of a cycle, or over the last rounds of a run that is
 * still moving, it depends on where the run was stopped: the range is the honest answer.
 */
export interface Convergence {
  dimension: string;
  kind: "fixed" | "cycle" | "moving";
  /** The first round of the fixed point or of the cycle's repetition. */
  from: number | null;
  /** The cycle's period in rounds (1 for a fixed point); null while still moving. */
  period: number | null;
  /** Rounds the run made (the last round's index). */
  rounds: number;
  /** The forecast's lowest and highest value over the cycle, or over the last half of a moving run. */
  outcomeRange: [number, number];
  /** Whether the forecast differs with the round the run stops at. */
  dependsOnStop: boolean;
  /** Actors whose position still changes: their lowest and highest position over the cycle, or,
   * while still moving, their position before and after the last round. */
  moving: { actor: string; range: [number, number] }[];
  /** The same in words. */
  text: string;
}

/** Positions closer than this, relative to the spread of everything seen, are equal. */
const RELATIVE_TOLERANCE = 1e-6;

const span = (xs: number[]): [number, number] => [Math.min(...xs), Math.max(...xs)];

/**
 * Classify one dimension of a run. `positions[t][i]` is actor i's position after t rounds and
 * `outcome[t]` the forecast there; `unit` names a round ("round", "turn").
 * @example convergence("pressure", ["US", "China"], [[90, 35], [0, 35], [90, 35]], [90, 35, 90])
 */
export function convergence(
  dimension: string,
  actors: readonly string[],
  positions: readonly number[][],
  outcome: readonly number[],
  unit = "round",
): Convergence {
  const T = positions.length - 1;
  const all = positions.flat();
  const tol = RELATIVE_TOLERANCE * Math.max(1, Math.max(...all) - Math.min(...all));
  const same = (a: readonly number[], b: readonly number[]) => a.every((x, i) => Math.abs(x - b[i]) <= tol);
  let period: number | null = null;
  let from: number | null = null;
  for (let p = 1; 2 * p <= T + 1 && period === null; p++) {
    let t = T;
    while (t >= p && same(positions[t], positions[t - p])) t--;
    const start = t - p + 1;
    if (T - start + 1 >= 2 * p) {
      period = p;
      from = Math.max(0, start);
    }
  }
  const kind = period === null ? "moving" : period === 1 ? "fixed" : "cycle";
  // The window that the stopping round could fall in: one period of the cycle, or the last half.
  const window = period === null ? Math.ceil((T + 1) / 2) : period;
  const tail = <X>(xs: readonly X[]) => xs.slice(T + 1 - window);
  const outcomeRange = span(tail(outcome));
  const moving = actors.flatMap((actor, i) => {
    const range: [number, number] =
      period === null
        ? [positions[Math.max(0, T - 1)][i], positions[T][i]]
        : span(tail(positions).map((row) => row[i]));
    return Math.abs(range[1] - range[0]) > tol ? [{ actor, range }] : [];
  });
  const dependsOnStop = outcomeRange[1] - outcomeRange[0] > tol;
  const result = { dimension, kind, from, period, rounds: T, outcomeRange, dependsOnStop, moving } as const;
  return { ...result, text: describe(result, unit) };
}

const f1 = (x: number) => x.toFixed(1);
/** Two numbers with enough decimals (up to 4) to tell them apart. */
function pair([a, b]: [number, number], sep: string): string {
  let d = 1;
  while (d < 4 && a.toFixed(d) === b.toFixed(d)) d++;
  return `${a.toFixed(d)}${sep}${b.toFixed(d)}`;
}
const between = (r: [number, number]) => pair(r, " and ");

function describe(c: Omit<Convergence, "text">, unit: string): string {
  const who = c.moving
    .slice(0, 4)
    .map((m) => `${m.actor} ${c.kind === "moving" ? pair(m.range, " → ") : between(m.range)}`)
    .join(", ");
  const more = c.moving.length > 4 ? ` and ${c.moving.length - 4} more` : "";
  const forecast = c.dependsOnStop
    ? `the forecast depends on the stopping ${unit}: it lies between ${between(c.outcomeRange)}`
    : `the forecast stays at ${f1(c.outcomeRange[0])}`;
  if (c.kind === "fixed") {
    return `${c.dimension}: converged, a fixed point from ${unit} ${c.from} (the forecast is ${f1(c.outcomeRange[0])})`;
  }
  if (c.kind === "cycle") {
    return `${c.dimension}: does not converge, it cycles with period ${c.period} from ${unit} ${c.from} (${who}${more}); ${forecast}`;
  }
  const last = Math.ceil((c.rounds + 1) / 2);
  const drift = c.dependsOnStop
    ? `over the last ${last} ${unit}s the forecast moved between ${between(c.outcomeRange)}: it depends on the stopping ${unit}`
    : `over the last ${last} ${unit}s the forecast stayed at ${f1(c.outcomeRange[0])}`;
  return `${c.dimension}: still moving after ${c.rounds} ${unit}s, no fixed point or cycle (last ${unit}: ${who}${more}); ${drift}`;
}
