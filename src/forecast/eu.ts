import { weightedMean, weightedMedian } from "./baselines.ts";
import { DEFAULT_EU_OPTIONS, type EuOptions, expectedUtility, riskExponents } from "./eu-utility.ts";

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

export interface EuRound {
  round: number;
  positions: number[];
  median: number;
  mean: number;
  /** Risk exponents r ∈ [½, 2] used this round. */
  risk: number[];
  /** expectedUtility[i][j] = EU_i(i,j). */
  expectedUtility: number[][];
  /** Counts of dyads (i's perspective) per interaction type. */
  interactions: Record<Interaction, number>;
  /** The accepted proposal per actor, or null. */
  moves: ({ from: number; type: Interaction; to: number } | null)[];
}

export interface EuResult {
  model: "eu";
  options: EuOptions;
  actors: string[];
  rounds: EuRound[];
  /** The final round's median: the forecast under majority rule. */
  forecast: number;
}

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

/** Run the expected-utility model for `options.rounds` rounds; all actors move simultaneously. */
export function runEu(actors: EuActor[], partial: Partial<EuOptions> = {}): EuResult {
  const o: EuOptions = { ...DEFAULT_EU_OPTIONS, ...partial };
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
    const ctx = { x, c, s, w, delta, mu, o };
    const r = riskExponents(ctx);
    const eu = x.map((_, i) => x.map((__, j) => (i === j ? 0 : expectedUtility(ctx, i, j, r[i]))));
    const interactions: Record<Interaction, number> = {
      conflict: 0,
      compromise: 0,
      capitulation: 0,
      statusQuo: 0,
    };
    const proposals: { to: number; from: number; type: Interaction; move: number }[][] = x.map(() => []);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        if (i === j) continue;
        const ei = eu[i][j];
        const ej = o.perspective === "evaluator" ? expectedUtility(ctx, j, i, r[i]) : eu[j][i];
        if (ei > 0 && ej > 0) {
          interactions.conflict++;
          if (ei > ej)
            proposals[j].push({ to: x[i], from: i, type: "conflict", move: Math.abs(x[i] - x[j]) });
          else proposals[i].push({ to: x[j], from: j, type: "conflict", move: Math.abs(x[j] - x[i]) });
        } else if (ei > 0 && ej < 0) {
          if (ei > Math.abs(ej)) {
            interactions.compromise++;
            const to = x[j] + (x[i] - x[j]) * Math.abs(ej / ei);
            proposals[j].push({ to, from: i, type: "compromise", move: Math.abs(to - x[j]) });
          } else {
            interactions.capitulation++;
            proposals[j].push({ to: x[i], from: i, type: "capitulation", move: Math.abs(x[i] - x[j]) });
          }
        } else if (ei < 0 && ej < 0) interactions.statusQuo++;
      }
    }
    const moves = proposals.map((ps) => {
      if (ps.length === 0) return null;
      const sorted = [...ps].sort((a, b) =>
        o.acceptance === "precedence"
          ? precedence[a.type] - precedence[b.type] || a.move - b.move
          : a.move - b.move || precedence[a.type] - precedence[b.type],
      );
      const best = sorted[0];
      return { from: best.from, type: best.type, to: best.to };
    });
    rounds.push({ round, positions: x, median: mu, mean, risk: r, expectedUtility: eu, interactions, moves });
    if (round === o.rounds) break;
    x = x.map((xi, i) => moves[i]?.to ?? xi);
  }
  return {
    model: "eu",
    options: o,
    actors: actors.map((a) => a.name),
    rounds,
    forecast: rounds[rounds.length - 1].median,
  };
}
