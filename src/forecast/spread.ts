// The Monte Carlo's summary of a sample: its own module, read by sensitivity and robustness.
/** Summary of a sample: mean, standard deviation, 5th and 95th percentiles. */
export interface Spread {
  mean: number;
  sd: number;
  p5: number;
  p95: number;
}

function quantile(sorted: number[], q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/** The spread of a sample (the sample standard deviation; percentiles interpolated). */
export function spread(xs: number[]): Spread {
  const n = xs.length;
  const mean = xs.reduce((t, x) => t + x, 0) / n;
  const sd = n > 1 ? Math.sqrt(xs.reduce((t, x) => t + (x - mean) ** 2, 0) / (n - 1)) : 0;
  const sorted = [...xs].sort((a, b) => a - b);
  return { mean, sd, p5: quantile(sorted, 0.05), p95: quantile(sorted, 0.95) };
}
