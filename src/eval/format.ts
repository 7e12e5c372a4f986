import type { Confusion, EvalReport, LevelScore } from "./score.ts";

/** Text and JSON renderings of an evaluation report. */

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

function levelLine(name: string, s: LevelScore | null): string {
  if (!s) return `${name.padEnd(6)} n/a (the gold has no actor codes)`;
  return `${name.padEnd(6)} P ${pct(s.precision).padStart(6)}  R ${pct(s.recall).padStart(6)}  F1 ${pct(s.f1).padStart(6)}   (${s.tp} matched, ${s.predicted} predicted, ${s.gold} gold)`;
}

/** The confusion table as aligned text: rows gold, columns predicted. */
export function formatConfusion(c: Confusion): string {
  const w = Math.max(4, ...c.labels.map((l) => l.length)) + 1;
  const head = `${"gold\\pred".padEnd(10)}${c.labels.map((l) => l.padStart(w)).join("")}`;
  const rows = c.labels
    .filter((g) => c.counts.has(g))
    .map((g) => {
      const row = c.counts.get(g)!;
      return `${g.padEnd(10)}${c.labels.map((p) => String(row.get(p) ?? ".").padStart(w)).join("")}`;
    });
  return [head, ...rows].join("\n");
}

export function formatReport(r: EvalReport, title: string): string {
  return [
    `${title}: ${r.units} gold units`,
    levelLine("event", r.event),
    levelLine("root", r.root),
    levelLine("quad", r.quad),
    "",
    `confusion by ${r.confusion.by} (rows gold, columns predicted; "none" = no counterpart)`,
    formatConfusion(r.confusion),
  ].join("\n");
}

/** The report as plain JSON (maps turned into objects). */
export function reportJson(r: EvalReport): unknown {
  const counts: Record<string, Record<string, number>> = {};
  for (const [g, row] of r.confusion.counts) counts[g] = Object.fromEntries(row);
  return {
    units: r.units,
    event: r.event,
    root: r.root,
    quad: r.quad,
    confusion: { by: r.confusion.by, labels: r.confusion.labels, counts },
  };
}
