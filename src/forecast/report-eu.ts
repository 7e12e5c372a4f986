import type { EuMove, EuResult } from "./eu.ts";
import type { ForecastOutcome } from "./forecast.ts";
import type { Scenario } from "./scenario.ts";

const f1 = (x: number) => x.toFixed(1);
const eu2 = (x: number) => `${x >= 0 ? "+" : "−"}${Math.abs(x).toFixed(2)}`;

/** One accepted offer in plain words, with the two expected utilities behind it. */
export function euMoveText(run: EuResult, actor: number, m: EuMove, from: number): string {
  const a = run.actors[actor];
  const b = run.actors[m.from];
  const [own, other] = m.eu;
  const move = `${f1(from)} → ${f1(m.to)}`;
  // Under the evaluator perspective both expected utilities are the moving actor's estimates.
  const reads = run.options.perspective === "evaluator" ? `as ${a} reads it, ` : "";
  if (m.type === "conflict") {
    return `${move}: lost a confrontation to ${b} and took its position (${reads}${b} expects ${eu2(other)} from challenging ${a}, more than ${a}'s ${eu2(own)} from challenging ${b})`;
  }
  if (m.type === "compromise") {
    const share = Math.abs(own / other);
    return `${move}: compromised with ${b}, ${Math.round(share * 100)}% of the way to its position (${reads}${b} expects ${eu2(other)} from challenging ${a}; ${a} expects ${eu2(own)} from challenging ${b})`;
  }
  return `${move}: gave in to ${b} and took its position (${reads}${b} expects ${eu2(other)} from challenging ${a}; ${a} expects ${eu2(own)}, a loss larger than ${b}'s gain)`;
}

/** The first words of a rationale, for a line beside the number. */
const brief = (why: string | undefined, max = 90) =>
  why ? ` (why: ${why.length > max ? `${why.slice(0, max - 1).trimEnd()}…` : why})` : "";

/**
 * Why the expected-utility model moved each actor, per dimension: every accepted offer in plain
 * words, beside the input's position and its `why`. A cycle is told once, then "repeats".
 */
export function euMoverLog(f: ForecastOutcome, scenario: Scenario | undefined): string[] {
  const out: string[] = [];
  (f.eu ?? []).forEach((run, k) => {
    const dim = f.dimensions[k];
    const c = f.convergence[k];
    // A cycle is told up to the end of its first repetition; later rounds only repeat it.
    const until =
      c?.kind === "cycle" && c.from !== null && c.period !== null ? c.from + c.period : run.rounds.length - 1;
    const lines: string[] = [];
    run.actors.forEach((actor, i) => {
      const steps: string[] = [];
      for (let t = 1; t <= until; t++) {
        const m = run.rounds[t - 1].moves[i];
        const before = run.rounds[t - 1].positions[i];
        if (m && m.to !== before) steps.push(`    round ${t}: ${euMoveText(run, i, m, before)}`);
      }
      if (steps.length === 0) return;
      lines.push(
        `  ${actor}, from ${f1(run.rounds[0].positions[i])}${brief(scenario?.rationale[actor]?.position[dim])}:`,
        ...steps,
      );
      if (until < run.rounds.length - 1) lines.push(`    … and the same again every ${c.period} rounds`);
    });
    out.push(`why the model moved (${dim}):`, ...(lines.length ? lines : ["  nobody moved"]));
  });
  return out;
}
