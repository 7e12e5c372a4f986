/** Precision, recall and F1 of one level (or one label) of an evaluation. */
export interface LevelScore {
  tp: number;
  predicted: number;
  gold: number;
  precision: number;
  recall: number;
  f1: number;
}

/** P/R/F1 from counts; 0 when undefined. */
export function levelScore(tp: number, predicted: number, gold: number): LevelScore {
  const precision = predicted > 0 ? tp / predicted : 0;
  const recall = gold > 0 ? tp / gold : 0;
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { tp, predicted, gold, precision, recall, f1 };
}
