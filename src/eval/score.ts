import { classOf } from "./classes.ts";
import type { Predictions } from "./predictions.ts";
import type { EvalEvent, Gold } from "./types.ts";

/**
 * Scoring: precision, recall and F1 at three levels, and a confusion table.
 * - event: same unit, source, target and full code (a PLOVER-only gold compares PLOVER types)
 * - root: same unit, source, target and two-digit root
 * - quad: same unit and class (actors ignored); for sentence-labelled golds each sentence's
 *   prediction is the most frequent class among its events
 * Matching within a unit is one-to-one (multisets).
 */

export interface LevelScore {
  tp: number;
  predicted: number;
  gold: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface Confusion {
  /** "root" (CAMEO roots) or "class" (quad/ConfliBERT classes). */
  by: "root" | "class";
  labels: string[];
  /** counts[gold label][predicted label]; "none" = no counterpart. */
  counts: Map<string, Map<string, number>>;
}

export interface EvalReport {
  units: number;
  event: LevelScore | null;
  root: LevelScore | null;
  quad: LevelScore;
  confusion: Confusion;
}

/** P/R/F1 from counts; 0 when undefined. */
export function levelScore(tp: number, predicted: number, gold: number): LevelScore {
  const precision = predicted > 0 ? tp / predicted : 0;
  const recall = gold > 0 ? tp / gold : 0;
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { tp, predicted, gold, precision, recall, f1 };
}

/** Size of the one-to-one match between two multisets of keys. */
export function matchCount(gold: readonly string[], pred: readonly string[]): number {
  const pool = new Map<string, number>();
  for (const g of gold) pool.set(g, (pool.get(g) ?? 0) + 1);
  let tp = 0;
  for (const p of pred) {
    const n = pool.get(p) ?? 0;
    if (n > 0) {
      tp++;
      pool.set(p, n - 1);
    }
  }
  return tp;
}

const eventKey = (e: EvalEvent, usePlover: boolean) =>
  `${e.source ?? ""}|${e.target ?? ""}|${usePlover ? (e.plover ?? "") : (e.code ?? "")}`;
const rootKey = (e: EvalEvent, usePlover: boolean) =>
  `${e.source ?? ""}|${e.target ?? ""}|${usePlover ? (e.plover ?? "") : (e.code ?? "").slice(0, 2)}`;

function majority(classes: number[]): number | null {
  if (classes.length === 0) return null;
  const n = new Map<number, number>();
  for (const c of classes) n.set(c, (n.get(c) ?? 0) + 1);
  let best = classes[0];
  for (const c of classes) if ((n.get(c) ?? 0) > (n.get(best) ?? 0)) best = c;
  return best;
}

function bump(c: Confusion, g: string, p: string): void {
  const row = c.counts.get(g) ?? new Map<string, number>();
  row.set(p, (row.get(p) ?? 0) + 1);
  c.counts.set(g, row);
}

/** Pair gold and predicted events of a unit for the confusion table: same dyad first, then in order. */
function pairs(gold: EvalEvent[], pred: EvalEvent[]): [EvalEvent | null, EvalEvent | null][] {
  const g = [...gold];
  const p = [...pred];
  const out: [EvalEvent | null, EvalEvent | null][] = [];
  for (const same of [
    (a: EvalEvent, b: EvalEvent) => eventKey(a, false) === eventKey(b, false),
    (a: EvalEvent, b: EvalEvent) => a.source === b.source && a.target === b.target,
    () => true,
  ]) {
    for (let i = 0; i < g.length; ) {
      const j = p.findIndex((x) => same(g[i], x));
      if (j === -1) {
        i++;
        continue;
      }
      out.push([g[i], p[j]]);
      g.splice(i, 1);
      p.splice(j, 1);
    }
  }
  for (const x of g) out.push([x, null]);
  for (const x of p) out.push([null, x]);
  return out;
}

/**
 * Score predictions against a gold standard. `outside` are predictions that fell in no gold unit;
 * for golds keyed by date (every dated event is in the gold) they count as false positives.
 */
export function scoreEval(
  gold: Gold,
  predictions: Predictions,
  outside: readonly EvalEvent[] = [],
): EvalReport {
  const tally = { event: [0, 0, 0], root: [0, 0, 0], quad: [0, 0, 0] };
  const confusion: Confusion = { by: gold.hasCodes ? "root" : "class", labels: [], counts: new Map() };
  const cls = (e: EvalEvent) => e.quad ?? classOf(e.code, e.plover, gold.quadScheme);
  for (const u of gold.units) {
    const pred = predictions.get(u.key) ?? [];
    const usePlover = u.events.some((e) => e.code === null && e.plover !== null);
    if (gold.hasCodes) {
      const ge = u.events.map((e) => eventKey(e, usePlover));
      const pe = pred.map((e) => eventKey(e, usePlover));
      tally.event[0] += matchCount(ge, pe);
      tally.event[1] += pe.length;
      tally.event[2] += ge.length;
      const gr = u.events.map((e) => rootKey(e, usePlover));
      const pr = pred.map((e) => rootKey(e, usePlover));
      tally.root[0] += matchCount(gr, pr);
      tally.root[1] += pr.length;
      tally.root[2] += gr.length;
      for (const [g, p] of pairs(u.events, pred))
        bump(confusion, g?.code?.slice(0, 2) ?? "none", p?.code?.slice(0, 2) ?? "none");
    }
    const gq = u.events.map(cls).filter((c): c is number => c !== null);
    const pq = pred.map(cls).filter((c): c is number => c !== null);
    if (gold.sentenceLabels) {
      const p = majority(pq);
      tally.quad[0] += p !== null && gq.includes(p) ? 1 : 0;
      tally.quad[1] += p === null ? 0 : 1;
      tally.quad[2] += gq.length > 0 ? 1 : 0;
      if (!gold.hasCodes) bump(confusion, String(gq[0] ?? "none"), p === null ? "none" : String(p));
    } else {
      tally.quad[0] += matchCount(gq.map(String), pq.map(String));
      tally.quad[1] += pq.length;
      tally.quad[2] += gq.length;
    }
  }
  for (const e of outside) {
    if (gold.hasCodes) {
      tally.event[1]++;
      tally.root[1]++;
      bump(confusion, "none", e.code?.slice(0, 2) ?? "none");
    }
    if (cls(e) !== null) tally.quad[1]++;
  }
  const labels = new Set<string>();
  for (const [g, row] of confusion.counts) {
    labels.add(g);
    for (const p of row.keys()) labels.add(p);
  }
  confusion.labels = [...labels].sort((a, b) => (a === "none" ? 1 : b === "none" ? -1 : a.localeCompare(b)));
  const level = (t: number[]) => levelScore(t[0], t[1], t[2]);
  return {
    units: gold.units.length,
    event: gold.hasCodes ? level(tally.event) : null,
    root: gold.hasCodes ? level(tally.root) : null,
    quad: level(tally.quad),
    confusion,
  };
}
