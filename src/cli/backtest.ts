import {
  type Backtest,
  ForecastInputError,
  type ForecastOptions,
  loadBacktestFile,
  readOutcomes,
  renderBacktest,
  runBacktest,
} from "../forecast/index.ts";
import { CliError } from "./error.ts";
import { BACKTEST_DIR, resolveShipped } from "./shipped.ts";

/**
 * `yalu forecast BACKTEST --backtest`: read what happened over the backtest's horizon from the
 * record (`db`), run the models on the inputs as of its date, and print each one's error.
 */
export async function backtestCommand(
  arg: string,
  options: Omit<ForecastOptions, "model">,
  opts: { db?: string; json?: boolean },
  out: (s: string) => void,
): Promise<void> {
  let bt: Backtest;
  try {
    bt = await loadBacktestFile(resolveShipped(arg, BACKTEST_DIR, "backtest"));
  } catch (err) {
    if (err instanceof ForecastInputError) throw new CliError(err.message);
    throw err;
  }
  const { openRecord } = await import("./record.ts");
  const store = await openRecord(opts.db);
  let outcome: Awaited<ReturnType<typeof readOutcomes>>;
  try {
    outcome = await readOutcomes(bt, store);
  } catch (err) {
    if (err instanceof ForecastInputError) throw new CliError(err.message);
    throw err;
  } finally {
    await store.close();
  }
  const result = runBacktest(bt, outcome, options);
  out(opts.json ? JSON.stringify(result) : renderBacktest(result));
}
