import type { BacktestResult } from "./backtest-schema.ts";

const f1 = (x: number) => x.toFixed(1);

/**
 * A backtest in words: what happened on each dimension and how it was read, then each model's
 * forecast with its error beside the baselines', and the mean absolute error.
 */
export function renderBacktest(r: BacktestResult): string {
  const dimWidth = Math.max(10, ...r.dimensions.map((d) => d.length + 2));
  const cellWidth = Math.max(16, ...r.dimensions.map((d) => d.length + 2));
  const labelWidth = Math.max(...r.rows.map((x) => x.label.length)) + 2;
  const lines = [
    `backtest ${r.name}: scenario ${r.scenario} with inputs as of ${r.asOf}, against what happened from ${r.horizon.from} to ${r.horizon.to}`,
    ...(r.description ? [r.description] : []),
    "",
    "what happened (0–100, on each dimension's scale):",
    ...r.outcome.map((o) => `  ${o.dimension.padEnd(dimWidth)}${f1(o.value).padStart(6)}  ${o.text}`),
    "",
    "forecast (error = |forecast − what happened|):",
    `  ${"".padEnd(labelWidth)}${r.dimensions.map((d) => d.padStart(cellWidth)).join("")}${"mean error".padStart(12)}`,
    ...r.rows.map(
      (x) =>
        `  ${x.label.padEnd(labelWidth)}${x.forecast.map((v, k) => `${f1(v)} (${f1(x.error[k])})`.padStart(cellWidth)).join("")}${f1(x.meanAbsoluteError).padStart(12)}`,
    ),
  ];
  for (const x of r.rows)
    x.errorRange.forEach((e, k) => {
      if (e)
        lines.push(
          `  ${x.label}, ${r.dimensions[k]}: the forecast depends on the stopping round; over its cycle the error is ${f1(e[0])}–${f1(e[1])}`,
        );
    });
  const best = Math.min(...r.rows.map((x) => x.meanAbsoluteError));
  lines.push(
    `  smallest mean error: ${r.rows
      .filter((x) => x.meanAbsoluteError === best)
      .map((x) => x.label)
      .join(", ")}`,
    "",
    "One case with a few dimensions illustrates the models' error; it does not validate them (docs/forecast.md).",
  );
  return lines.join("\n");
}
