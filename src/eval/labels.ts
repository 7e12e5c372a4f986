import { type LevelScore, levelScore } from "./level.ts";

/** A confusion table of gold against predicted labels. */
export interface Confusion {
  /** "root" (CAMEO roots), "class" (quad/ConfliBERT classes) or "type" (PLOVER types). */
  by: "root" | "class" | "type";
  labels: string[];
  /** counts[gold label][predicted label]; "none" = no counterpart. */
  counts: Map<string, Map<string, number>>;
}

/** One label of a sentence-labelled gold: precision, recall and F1, with its gold support. */
export interface LabelRow extends LevelScore {
  label: string;
}

/** Per-label scores of a sentence-labelled gold, its accuracy and macro-F1. */
export interface LabelTable {
  /** "class" (quad or ConfliBERT classes) or "type" (PLOVER types). */
  by: Confusion["by"];
  units: number;
  /** Sentences whose predicted label is their gold label, over all sentences ("none" is wrong). */
  accuracy: number;
  /** Mean F1 over every label of the gold or the predictions ("none" excluded). */
  macroF1: number;
  rows: LabelRow[];
}

/**
 * The label table of a sentence confusion (rows gold, columns predicted; "none" = no label).
 * Each row's `gold` is its support; `predicted` the sentences given that label.
 */
export function labelTable(c: Confusion): LabelTable {
  const labels = c.labels.filter((l) => l !== "none");
  let units = 0;
  let right = 0;
  const predicted = new Map<string, number>();
  for (const [g, row] of c.counts)
    for (const [p, n] of row) {
      units += n;
      if (p === g && g !== "none") right += n;
      predicted.set(p, (predicted.get(p) ?? 0) + n);
    }
  const rows = labels.map((label) => {
    const row = c.counts.get(label);
    const support = row ? [...row.values()].reduce((a, b) => a + b, 0) : 0;
    return { label, ...levelScore(row?.get(label) ?? 0, predicted.get(label) ?? 0, support) };
  });
  const macroF1 = rows.length > 0 ? rows.reduce((a, r) => a + r.f1, 0) / rows.length : 0;
  return { by: c.by, units, accuracy: units > 0 ? right / units : 0, macroF1, rows };
}
