import type { ForecastOutcome } from "./forecast.ts";
import type { Scenario } from "./scenario.ts";

/** The JSON form of one forecast: `{ model, stopTurn, turns: [{ turn, positions, probabilities, … }] }`. */
export function outcomeJson(f: ForecastOutcome, scenario?: Scenario) {
  const byName = <T>(values: T[]) => Object.fromEntries(f.actors.map((a, i) => [a, values[i]]));
  const common = {
    scenario: scenario?.name ?? f.name,
    model: f.model,
    actors: f.actors,
    dimensions: f.dimensions,
    outcome: f.outcome,
    expected: f.expected,
    baselines: f.baselines,
    finalPositions: byName(f.finalPositions),
    convergence: f.convergence,
  };
  if (f.smp) {
    const s = f.smp;
    const name = (i: number) => s.actors[i];
    return {
      ...common,
      stopTurn: s.stopTurn,
      parameters: s.parameters,
      seed: s.seed,
      fractionalChange: s.fractionalChange,
      turns: s.turns.map((t) => {
        const bargains = new Map(t.bargains.map((b) => [b.id, b]));
        return {
          turn: t.turn,
          positions: byName(t.positions),
          probabilities: byName(t.probabilities),
          risk: byName(t.risk),
          challenges: t.challenges
            .filter((c) => c !== null)
            .map((c) => ({
              initiator: name(c.initiator),
              target: name(c.target),
              p: c.p,
              deltaEU: c.deltaEU,
            })),
          bargains: t.bargains.map((b) => ({
            id: b.id,
            initiator: name(b.initiator),
            receiver: name(b.receiver),
            perspective: b.perspective,
            initiatorPosition: b.initiatorPosition,
            receiverPosition: b.receiverPosition,
          })),
          movers: Object.fromEntries(
            t.choices.map((c) => {
              const b = c.chosen === null ? null : bargains.get(c.chosen);
              return [
                name(c.actor),
                b ? { bargain: b.id, initiator: name(b.initiator), receiver: name(b.receiver) } : null,
              ];
            }),
          ),
        };
      }),
    };
  }
  return {
    ...common,
    stopTurn: f.turns,
    variant: f.eu?.[0]?.variant,
    options: f.eu?.[0]?.options,
    perDimension: (f.eu ?? []).map((r, k) => ({
      dimension: f.dimensions[k],
      forecast: r.forecast,
      rounds: r.rounds.map((x) => ({
        round: x.round,
        positions: byName(x.positions),
        median: x.median,
        mean: x.mean,
        risk: byName(x.risk),
        interactions: x.interactions,
        moves: byName(x.moves.map((m) => m && { from: f.actors[m.from], type: m.type, to: m.to, eu: m.eu })),
      })),
    })),
    turns: (f.eu?.[0]?.rounds ?? []).map((_, t) => ({
      turn: t,
      positions: byName(f.actors.map((_a, i) => (f.eu ?? []).map((r) => r.rounds[t].positions[i]))),
    })),
  };
}
