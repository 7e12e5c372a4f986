/**
 * PELT (Killick, Fearnhead & Eckley 2012) for changes in mean, with a weighted Gaussian cost.
 *
 * Model: each event's Goldstein score is drawn from N(μ_k, σ²), where μ_k is constant within a
 * phase k and phases change only at bucket boundaries. A bucket i holds n_i events with mean m_i.
 * Up to a constant that no segmentation changes, the cost of a segment is the weighted residual sum
 * of squares Σ n_i (m_i − μ̂)² / σ², and each changepoint pays the penalty β.
 */

export interface ChangepointOptions {
  /** Penalty per changepoint in units of σ²; default 2·ln(n) with n the number of events (BIC). */
  penalty?: number;
  /** Fewest observations (non-empty buckets) in a segment. */
  minSize: number;
  /** Noise scale; default estimated from the data by {@link estimateSigma}. */
  sigma?: number;
}

const defaults: ChangepointOptions = { minSize: 1 };

export interface Segmentation {
  /** Indices where a new segment starts (never 0). */
  changepoints: number[];
  /** σ used and the penalty actually paid per changepoint (in squared Goldstein units). */
  sigma: number;
  beta: number;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * Robust event-level σ from bucket means: consecutive differences scaled by their standard error,
 * σ̂ = 1.4826 · MAD. A few true changes barely move it; over-dispersed buckets raise it, which
 * keeps the model from reading noise between buckets as phases.
 */
export function estimateSigma(means: number[], weights: number[]): number {
  const d: number[] = [];
  for (let i = 1; i < means.length; i++) {
    d.push((means[i] - means[i - 1]) / Math.sqrt(1 / weights[i] + 1 / weights[i - 1]));
  }
  if (d.length < 2) return 1;
  const med = median(d);
  const sigma = 1.4826 * median(d.map((x) => Math.abs(x - med)));
  return sigma > 1e-9 ? sigma : 1;
}

/**
 * Optimal segmentation of weighted observations (bucket means `x`, event counts `w`) under the
 * model above. Exact (PELT returns the same optimum as full dynamic programming), O(n) to O(n²).
 * @example pelt([−3, −3, 4, 4], [5, 5, 5, 5]).changepoints // [2]
 */
export function pelt(x: number[], w: number[], options: Partial<ChangepointOptions> = {}): Segmentation {
  const given = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
  const opts = { ...defaults, ...given } satisfies ChangepointOptions;
  const n = x.length;
  const sigma = opts.sigma ?? estimateSigma(x, w);
  const events = w.reduce((a, b) => a + b, 0);
  const beta = (opts.penalty ?? 2 * Math.log(Math.max(events, 2))) * sigma * sigma;
  if (n === 0) return { changepoints: [], sigma, beta };
  // Prefix sums of weights, weighted values and weighted squares give each segment's cost in O(1).
  const W = [0];
  const S = [0];
  const Q = [0];
  for (let i = 0; i < n; i++) {
    W.push(W[i] + w[i]);
    S.push(S[i] + w[i] * x[i]);
    Q.push(Q[i] + w[i] * x[i] * x[i]);
  }
  const cost = (s: number, t: number) => {
    const ww = W[t] - W[s];
    if (ww <= 0) return 0;
    const ss = S[t] - S[s];
    return Q[t] - Q[s] - (ss * ss) / ww;
  };
  const F = new Array<number>(n + 1).fill(Number.POSITIVE_INFINITY);
  const last = new Array<number>(n + 1).fill(0);
  F[0] = -beta;
  // Candidate segment starts, each with the time from which it may be dropped (Infinity: keep).
  let candidates: { s: number; dropAt: number }[] = [{ s: 0, dropAt: Number.POSITIVE_INFINITY }];
  const m = Math.max(1, opts.minSize);
  for (let t = 1; t <= n; t++) {
    candidates = candidates.filter((c) => c.dropAt > t);
    let best = Number.POSITIVE_INFINITY;
    let arg = 0;
    for (const { s } of candidates) {
      if (t - s < m) continue;
      const v = F[s] + cost(s, t) + beta;
      if (v < best) {
        best = v;
        arg = s;
      }
    }
    F[t] = best;
    last[t] = arg;
    // Prune: a start already worse than the optimum at t can never win once a segment may start
    // at t, i.e. from t + minSize on (the cost is superadditive).
    for (const c of candidates) {
      if (c.dropAt === Number.POSITIVE_INFINITY && t - c.s >= m && F[c.s] + cost(c.s, t) > best)
        c.dropAt = t + m;
    }
    candidates.push({ s: t, dropAt: Number.POSITIVE_INFINITY });
  }
  const changepoints: number[] = [];
  for (let t = n; t > 0; t = last[t]) if (last[t] > 0) changepoints.push(last[t]);
  return { changepoints: changepoints.reverse(), sigma, beta };
}
