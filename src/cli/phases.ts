import { type EvidenceEvent, loadPhases, type WindowedPhases } from "../analysis/index.ts";
import { phaseShape, toEventQuery } from "../store/index.ts";
import { table } from "./events.ts";
import { type FilterFlags, parseFlags } from "./options.ts";
import { analyse, apiParams, requireActors } from "./record.ts";

export interface PhasesFlags extends FilterFlags {
  db?: string;
  json?: boolean;
  bucket?: string;
  penalty?: string;
  threshold?: string;
  minSize?: string;
  minPeriodEvents?: string;
}

/** What `/api/phases` answers and `yalu phases --json` prints. */
export type PhasesAnswer = WindowedPhases & { dyad: string };

const signed = (x: number | null) => (x === null ? "-" : `${x > 0 ? "+" : ""}${x.toFixed(2)}`);
const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** One evidence event in a line: date, direction, code and what happened. */
export function evidenceLine(e: EvidenceEvent): string {
  const what = (e.description ?? e.sentence ?? e.action ?? "").replace(/\s+/g, " ");
  return `${e.date} ${e.source}→${e.target} ${e.cameo} ${clip(what, 70)}`;
}

/** The phases as text: the model, a table of phases, their evidence, the turning points. */
export function phasesText(r: PhasesAnswer): string {
  const m = r.model;
  const window = r.window
    ? `; computed on the whole record, shown for ${r.window.from ?? "its start"}..${r.window.to ?? "its end"}`
    : "";
  if (r.thin) return `${r.dyad}: no phases per ${m.bucket}, ${r.thin}\n`;
  const head = `${r.dyad}: ${r.phases.length} phases of mean Goldstein per ${m.bucket} (${m.method}, σ ${m.sigma.toFixed(2)}, penalty ${m.penalty.toFixed(1)}, threshold ${m.threshold}${window})\n\n`;
  const rows = r.phases.map((p) => [
    p.from,
    p.to,
    p.label,
    p.goldsteinMean.toFixed(2),
    signed(p.change),
    String(p.totals.count),
    p.evidence[0] ? evidenceLine(p.evidence[0]) : "",
  ]);
  const phases = table(["from", "to", "label", "mean", "change", "events", "evidence"], rows);
  const turns = r.turningPoints.map((t) => `  ${t.period} ${t.label} (${signed(t.change)})`);
  return `${head}${phases}${turns.length ? `\nturning points\n${turns.join("\n")}\n` : ""}`;
}

/**
 * `yalu phases --dyad A-B [filters] [--bucket --penalty --threshold --min-size --min-period-events]
 * [--json]`: the
 * phases and turning points of a dyad, as `/api/phases` gives them (the same schema and model).
 */
export async function runPhases(flags: PhasesFlags): Promise<void> {
  const f = parseFlags(phaseShape, flags);
  const route = { path: "/api/phases", params: apiParams(phaseShape, flags) };
  const r = await analyse<PhasesAnswer>(flags.db, route, async (store) => {
    await requireActors(store, [f.dyad.a, f.dyad.b], "--dyad");
    const options = {
      penalty: f.penalty,
      threshold: f.threshold,
      minSize: f.minSize,
      minPeriodEvents: f.minPeriodEvents,
    };
    const result = await loadPhases(store, toEventQuery(f), f.bucket ?? "year", options);
    return { dyad: `${f.dyad.a}-${f.dyad.b}`, ...result };
  });
  process.stdout.write(flags.json ? `${JSON.stringify(r)}\n` : phasesText(r));
}
