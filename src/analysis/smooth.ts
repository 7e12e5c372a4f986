/**
 * Tukey's running median of three with his end-point rule ("3" in Tukey 1977, Velleman & Hoaglin 1981):
 * each value becomes the median of itself and its two neighbours; the first and last become the
 * median of themselves, their smoothed neighbour and the value one step beyond the end on the line
 * through the two smoothed values next to them (as R's `smooth(x, "3", endrule = "Tukey")`).
 * Series of fewer than three values are returned as they are.
 *
 * Why before segmenting: a value that runs against both neighbours (one period's spike) gives way
 * to a neighbour's, while a shift held for two or more periods passes unchanged, edge and all. And
 * a change to one value `i` reaches the smooth only at `i − 1`, `i` and `i + 1` (and an end value
 * when `i` is within three of it), and an interior one stays between the two values in its window
 * that did not change, however large the change: a median of three lies between the other two.
 * @example runningMedian3([1, 1, 9, 1, 5, 5, 5]) // [1, 1, 1, 5, 5, 5, 5]
 */
export function runningMedian3(x: number[]): number[] {
  const n = x.length;
  if (n < 3) return [...x];
  const y = x.map((v, i) => (i === 0 || i === n - 1 ? v : median3(x[i - 1], v, x[i + 1])));
  y[0] = median3(x[0], y[1], 3 * y[1] - 2 * y[2]);
  y[n - 1] = median3(x[n - 1], y[n - 2], 3 * y[n - 2] - 2 * y[n - 3]);
  return y;
}

function median3(a: number, b: number, c: number): number {
  return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
}
