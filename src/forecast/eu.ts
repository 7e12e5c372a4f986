import { weightedMean, weightedMedian } from "./baselines.ts";
import { type EuContext, type EuOptions, expectedUtility, riskExponents } from "./eu-utility.ts";
import { euOptionsOf } from "./eu-variants.ts";

export {
  DEFAULT_EU_OPTIONS,
  type EuContext,
  type EuOptions,
  expectedUtility,
  probability,
} from "./eu-utility.ts";

export interface EuActor {
  name: string;
  /** Position on the scale. */
  position: number;
  capability: number;
  /** Salience in [0, 1]. */
  salience: number;
}

export type Interaction = "conflict" | "compromise" | "capitulation" | "statusQuo";

/** The offer an actor accepted in a round: who made it, what kind, where it moves to, and the two
 * expected utilities behind it as the actor read them (its own for challenging, the other's). */
export interface EuMove {
  from: number;
  type: Interaction;
  to: number;
  eu: [own: number, other: number];
}

export interface EuRound {
  round: number;
  positions: number[];
  median: number;
  mean: number;
  /** Risk exponents r ∈ [½, 2] used this round. */
  risk: number[];
  /** expectedUtility[i][j] = EU_i(i,j) with i's own risk exponent. */
  expectedUtility: number[][];
  /** Counts of ordered dyads (read by the actor that would move) per interaction type. */
  interactions: Record<Interaction, number>;
  /** The accepted offer per actor, or null. */
  moves: (EuMove | null)[];
}

export interface EuResult {
  model: "eu";
  /** The named variant the options start from; "custom" when options were changed on top of it. */
  variant: string;
  options: EuOptions;
  actors: string[];
  rounds: EuRound[];
  /** The final round's median: the forecast under majority rule. */
  forecast: number;
}

/** Options for one run: a named variant (default `scholz-paper`) and options on top of it. */
export type EuRunOptions = Partial<EuOptions> & { variant?: string };

const precedence: Record<Interaction, number> = { conflict: 0, compromise: 1, capitulation: 2, statusQuo: 3 };

/** The Condorcet winner by total votes: the actor position with the most votes against all others. */
function condorcet(x: number[], w: number[], delta: number): number {
  let best = 0;
  let bestVotes = -Infinity;
  for (let i = 0; i < x.length; i++) {
    let votes = 0;
    for (let j = 0; j < x.length; j++) {
      for (let k = 0; k < x.length; k++)
        votes += (w[k] * (Math.abs(x[k] - x[j]) - Math.abs(x[k] - x[i]))) / delta;
    }
    if (votes > bestVotes) {
      bestVotes = votes;
      best = i;
    }
  }
  return x[best];
}

interface Offer extends EuMove {
  /** The rank among offers of the same type (lower is preferred). */
  key: number;
}

/** The offer b makes to a as a reads the dyad, with own = EU_a(a,b) and other = EU_b(b,a). */
function offer(x: number[], a: number, b: number, own: number, other: number, o: EuOptions): Offer | null {
  const eu: [number, number] = [own, other];
  const least = (to: number) => Math.abs(to - x[a]);
  if (other > own && own > 0) return { from: b, type: "conflict", to: x[b], eu, key: least(x[b]) };
  if (other > 0 && own < 0) {
    if (other > Math.abs(own)) {
      const to = x[a] + (x[b] - x[a]) * Math.abs(own / other);
      const key =
        o.acceptance === "scholz"
          ? (Math.abs(own) * x[a] + Math.abs(other) * x[b]) / (Math.abs(own) + Math.abs(other))
          : least(to);
      return { from: b, type: "compromise", to, eu, key };
    }
    if (o.capitulation === "live") return { from: b, type: "capitulation", to: x[b], eu, key: least(x[b]) };
  }
  return null;
}

/** The offer an actor accepts (the first of equals, in actor order). */
function accept(offers: Offer[], x0: number, o: EuOptions): EuMove | null {
  let best: Offer | null = null;
  const move = (f: Offer) => Math.abs(f.to - x0);
  for (const f of offers) {
    if (best === null) best = f;
    else if (o.acceptance === "leastMove") {
      const d = move(f) - move(best);
      if (d < 0 || (d === 0 && precedence[f.type] < precedence[best.type])) best = f;
    } else {
      const p = precedence[f.type] - precedence[best.type];
      if (
        p < 0 ||
        (p === 0 &&
          (o.acceptance === "scholz" ? f.key : move(f)) < (o.acceptance === "scholz" ? best.key : move(best)))
      )
        best = f;
    }
  }
  return best && { from: best.from, type: best.type, to: best.to, eu: best.eu };
}

/**
 * Run the expected-utility model for `rounds` rounds; each actor reads its dyads, takes the offer
 * it accepts, and all move simultaneously.
 * @example runEu(actors, { variant: "scholz-code" }).rounds[10].positions
 */
export function runEu(actors: EuActor[], partial: EuRunOptions = {}): EuResult {
  const { variant, ...overrides } = partial;
  const o = euOptionsOf(variant, overrides);
  const n = actors.length;
  const c = actors.map((a) => a.capability);
  const s = actors.map((a) => a.salience);
  const w = actors.map((_, k) => c[k] * s[k]);
  let x = actors.map((a) => a.position);
  const range0 = Math.max(...x) - Math.min(...x);
  const rounds: EuRound[] = [];
  for (let round = 0; round <= o.rounds; round++) {
    const delta = (o.range === "round" ? Math.max(...x) - Math.min(...x) : range0) || 1;
    const mu = o.median === "weighted" ? weightedMedian(x, w) : condorcet(x, w, delta);
    const mean = weightedMean(x, w);
    const r = riskExponents({ x, c, s, w, delta, mu, o });
    const ctx: EuContext = { x, c, s, w, delta, mu, o, ...(o.votes === "risk" ? { voterRisk: r } : {}) };
    const eu = x.map((_, i) => x.map((__, j) => (i === j ? 0 : expectedUtility(ctx, i, j, r[i]))));
    const interactions: Record<Interaction, number> = {
      conflict: 0,
      compromise: 0,
      capitulation: 0,
      statusQuo: 0,
    };
    const moves = x.map((_, a) => {
      const offers: Offer[] = [];
      for (let b = 0; b < n; b++) {
        if (b === a || x[b] === x[a]) continue;
        const own = eu[a][b];
        const other = o.perspective === "evaluator" ? expectedUtility(ctx, b, a, r[a]) : eu[b][a];
        if (own > 0 && other > 0) interactions.conflict++;
        else if (own < 0 && other < 0) interactions.statusQuo++;
        else if (other > 0 && own < 0) interactions[other > Math.abs(own) ? "compromise" : "capitulation"]++;
        const f = offer(x, a, b, own, other, o);
        if (f) offers.push(f);
      }
      return accept(offers, x[a], o);
    });
    rounds.push({ round, positions: x, median: mu, mean, risk: r, expectedUtility: eu, interactions, moves });
    if (round === o.rounds) break;
    x = x.map((xi, i) => moves[i]?.to ?? xi);
  }
  const named = euOptionsOf(variant);
  const custom = (Object.keys(o) as (keyof EuOptions)[]).some((k) => k !== "rounds" && o[k] !== named[k]);
  return {
    model: "eu",
    variant: custom ? "custom" : (variant ?? "scholz-paper"),
    options: o,
    actors: actors.map((a) => a.name),
    rounds,
    forecast: rounds[rounds.length - 1].median,
  };
}
