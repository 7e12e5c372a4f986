import { existsSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { usage } from "./error.ts";

/** The shipped scenarios (data/scenarios). */
export const SCENARIO_DIR = fileURLToPath(new URL("../../data/scenarios/", import.meta.url));

/** The shipped backtests (data/backtests). */
export const BACKTEST_DIR = fileURLToPath(new URL("../../data/backtests/", import.meta.url));

/** A file path, or the name of a file shipped in `dir` ("china-dprk"); `what` names it in errors. */
export function resolveShipped(arg: string, dir: string, what: string): string {
  if (existsSync(arg)) return arg;
  for (const ext of [".yaml", ".yml", ".json"]) {
    const p = `${dir}${arg}${ext}`;
    if (existsSync(p)) return p;
  }
  const shipped = existsSync(dir) ? readdirSync(dir).map((f) => f.replace(/\.(ya?ml|json)$/, "")) : [];
  throw usage(`no ${what} "${arg}" (a file path, or one of: ${shipped.join(", ")})`);
}
