import type { ActorAgreement } from "./actors.ts";
import type { LabelTable } from "./labels.ts";
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

/** The per-label table: accuracy and macro-F1, then P/R/F1 and support per label. */
export function formatLabels(t: LabelTable): string[] {
  const w = Math.max(6, ...t.rows.map((r) => r.label.length)) + 2;
  const num = (x: number) => String(x).padStart(9);
  return [
    `${t.by} accuracy ${pct(t.accuracy)}  macro-F1 ${pct(t.macroF1)}  (${t.units} sentences; a sentence's label is its events' most frequent ${t.by})`,
    `${t.by.padEnd(w)}${["P", "R", "F1"].map((h) => h.padStart(8)).join("")}${["support", "predicted"].map((h) => h.padStart(10)).join("")}`,
    ...t.rows.map(
      (r) =>
        `${r.label.padEnd(w)}${[r.precision, r.recall, r.f1].map((x) => pct(x).padStart(8)).join("")} ${num(r.gold)} ${num(r.predicted)}`,
    ),
  ];
}

function actorsLine(a: ActorAgreement): string {
  const of = (n: number) => (a.units > 0 ? pct(n / a.units) : "n/a");
  return `actors (name shares a word with the gold span, on ${a.units} sentences with a predicted event): source ${of(a.source)}  target ${of(a.target)}  both ${of(a.both)}`;
}

export function formatReport(r: EvalReport, title: string): string {
  return [
    `${title}: ${r.units} gold units`,
    levelLine("event", r.event),
    levelLine("root", r.root),
    levelLine("quad", r.quad),
    ...(r.labels ? ["", ...formatLabels(r.labels)] : []),
    ...(r.actors ? ["", actorsLine(r.actors)] : []),
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
    labels: r.labels,
    actors: r.actors,
  };
}
