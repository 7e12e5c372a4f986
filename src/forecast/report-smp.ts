import type { ForecastOutcome } from "./forecast.ts";
import type { Scenario } from "./scenario.ts";

const f1 = (x: number) => x.toFixed(1);
const brief = (why: string | undefined, max = 80) =>
  why ? ` (the input's why: ${why.length > max ? `${why.slice(0, max - 1).trimEnd()}…` : why})` : "";

/**
 * Each actor's path in the SMP, per dimension it moved on: where it started (the input, with its
 * `why`), where it ended, and the bargains that took it there, with the other side named.
 */
export function smpPathLog(f: ForecastOutcome, scenario: Scenario | undefined): string[] {
  const s = f.smp;
  if (!s) return [];
  const out: string[] = [];
  s.actors.forEach((actor, i) => {
    const via: string[] = [];
    for (const t of s.turns) {
      const c = t.choices.find((x) => x.actor === i);
      const b = c?.chosen == null ? undefined : t.bargains.find((x) => x.id === c.chosen);
      if (!b) continue;
      const other = s.actors[b.initiator === i ? b.receiver : b.initiator];
      via.push(
        `${b.initiator === i ? `its own proposal to ${other}` : `${other}'s proposal`} (turn ${t.turn})`,
      );
    }
    const first = s.turns[0].positions[i];
    const last = s.turns[s.turns.length - 1].positions[i];
    s.dimensions.forEach((dim, k) => {
      if (Math.abs(last[k] - first[k]) < 0.05) return;
      const why = scenario?.rationale[actor]?.position[dim];
      out.push(`  ${actor} on ${dim}: ${f1(first[k])} → ${f1(last[k])}${brief(why)}`);
    });
    if (via.length > 0 && out.length > 0 && out[out.length - 1].startsWith(`  ${actor} on`))
      out.push(`    moved by accepting ${via.join(", ")}`);
  });
  return out.length ? ["where each actor ended, from its input:", ...out] : [];
}
