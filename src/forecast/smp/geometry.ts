/**
 * Pure numeric pieces of the SMP (SPEC §1.2) over flat typed arrays: x[i*m+k] positions, s[i*m+k]
 * saliences, both on the [0,1] scale.
 */

/** Salience-weighted distance from actor i's ideal to actor j's position, for all i, j. */
export function distances(ideal: Float64Array, pos: Float64Array, sal: Float64Array, n: number, m: number) {
  const d = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    let ss = 0;
    for (let k = 0; k < m; k++) ss += sal[i * m + k] * sal[i * m + k];
    for (let j = 0; j < n; j++) d[i * n + j] = distance(ideal, i, pos, j, sal, m, ss);
  }
  return d;
}

/** Distance from row `i` of `ideal` to row `j` of `pos`, normalised by i's salience vector. */
export function distance(
  ideal: Float64Array,
  i: number,
  pos: Float64Array,
  j: number,
  sal: Float64Array,
  m: number,
  salSq: number,
): number {
  if (salSq <= 0) return 0;
  let s = 0;
  for (let k = 0; k < m; k++) {
    const t = sal[i * m + k] * (ideal[i * m + k] - pos[j * m + k]);
    s += t * t;
  }
  return Math.sqrt(s / salSq);
}

/** Utility of distance d to an actor with risk attitude r ∈ [−1, 1]. */
export function utility(d: number, r: number): number {
  return d <= 1 ? (1 - d) * (1 + d * r) : (1 - d) * (1 + r);
}

/** Round half up to 4 decimals on the [0,1] scale. */
export function round4(x: number): number {
  return Math.floor(x * 1e4 + 0.5) / 1e4;
}
