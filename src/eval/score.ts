import { type ActorAgreement, tallyActors } from "./actors.ts";
import { classOf, labelOf } from "./classes.ts";
import { type Confusion, type LabelTable, labelTable } from "./labels.ts";
import { type LevelScore, levelScore } from "./level.ts";
import type { Predictions } from "./predictions.ts";
import type { EvalEvent, Gold } from "./types.ts";

export type { Confusion };
export { type LevelScore, levelScore };

/**
 * Scoring: precision, recall and F1 at three levels, and a confusion table.
 * - event: same unit, source, target and full code (a PLOVER-only gold compares PLOVER types)
 * - root: same unit, source, target and two-digit root
 * - quad: same unit and class (actors ignored); for sentence-labelled golds each sentence's
 *   prediction is the most frequent class among its events
 * Matching within a unit is one-to-one (multisets). Sentence-labelled golds without actor codes
 * (ConfliBERT, PLV) also get a per-label table (the label being the sentence's most frequent
 * class or PLOVER type) and, where the gold marks actor spans, actor agreement.
 */

export interface EvalReport {
  units: number;
  event: LevelScore | null;
  root: LevelScore | null;
  quad: LevelScore;
  confusion: Confusion;
  /** Per-label scores, accuracy and macro-F1 of a sentence-labelled gold without actor codes. */
  labels: LabelTable | null;
  /** Agreement of predicted actor names with the gold's actor spans, where it marks them. */
  actors: ActorAgreement | null;
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

/** The most frequent value (the first of the most frequent), or null for none. */
function majority<T>(classes: T[]): T | null {
  if (classes.length === 0) return null;
  const n = new Map<T, number>();
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
  const by = gold.hasCodes ? "root" : gold.labels === "plover" ? "type" : "class";
  const confusion: Confusion = { by, labels: [], counts: new Map() };
  const cls = (e: EvalEvent) => e.quad ?? classOf(e.code, e.plover, gold.quadScheme);
  const label = (e: EvalEvent) => labelOf(e, gold);
  const labelled = gold.sentenceLabels && !gold.hasCodes;
  const actors: ActorAgreement | null = gold.units.some((u) => u.events[0]?.names)
    ? { units: 0, source: 0, target: 0, both: 0 }
    : null;
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
      if (labelled) {
        const pl = majority(pred.map(label).filter((l) => l !== null));
        bump(confusion, (u.events[0] && label(u.events[0])) ?? "none", pl ?? "none");
        const chosen = pred.find((e) => label(e) === pl);
        if (actors && chosen && u.events[0]?.names) tallyActors(actors, u.events[0], chosen);
      }
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
    labels: labelled ? labelTable(confusion) : null,
    actors,
  };
}
