/**
 * Baselines shown beside every forecast: the compromise (capability×salience-weighted mean) and
 * the capability×salience-weighted median of the actors' positions, per dimension.
 */
export interface BaselineActor {
  capability: number;
  position: number[];
  salience: number[];
}

export interface Baselines {
  /** Σ c·s·x / Σ c·s per dimension. */
  compromise: number[];
  /** First position, in order, where the cumulative c·s weight reaches half the total. */
  weightedMedian: number[];
}

/** Weighted mean of xs; NaN when every weight is zero. */
export function weightedMean(xs: readonly number[], ws: readonly number[]): number {
  let sw = 0;
  let sx = 0;
  for (let i = 0; i < xs.length; i++) {
    sw += ws[i];
    sx += ws[i] * xs[i];
  }
  return sw > 0 ? sx / sw : Number.NaN;
}

/** Weighted median: sort by x, take the first x where the cumulative weight reaches half. */
export function weightedMedian(xs: readonly number[], ws: readonly number[]): number {
  const order = xs.map((_, i) => i).sort((a, b) => xs[a] - xs[b] || a - b);
  const total = ws.reduce((t, w) => t + w, 0);
  if (!(total > 0)) return Number.NaN;
  let cum = 0;
  for (const i of order) {
    cum += ws[i];
    if (cum >= total / 2) return xs[i];
  }
  return xs[order[order.length - 1]];
}

/** Both baselines for every dimension. */
export function baselines(actors: readonly BaselineActor[], dimensions: number): Baselines {
  const compromise: number[] = [];
  const median: number[] = [];
  for (let k = 0; k < dimensions; k++) {
    const xs = actors.map((a) => a.position[k]);
    const ws = actors.map((a) => a.capability * a.salience[k]);
    compromise.push(weightedMean(xs, ws));
    median.push(weightedMedian(xs, ws));
  }
  return { compromise, weightedMedian: median };
}
