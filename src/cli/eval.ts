import { readFile } from "node:fs/promises";
import type { SentenceCoder } from "../coder/index.ts";
import {
  codeGold,
  type EvalEvent,
  formatReport,
  GoldError,
  type Predictions,
  readGold,
  readPredictions,
  reportJson,
  scoreEval,
} from "../eval/index.ts";
import { CliError, usage } from "./error.ts";

export interface EvalOptions {
  pred?: string;
  sense?: boolean;
  dictionaries?: string;
  json?: boolean;
  minConfidence?: string;
  /** Skip malformed gold records, reporting each on stderr, instead of failing. */
  skipBad?: boolean;
}

async function readText(path: string, what: string): Promise<string> {
  try {
    return await readFile(path, "utf8");
  } catch {
    throw usage(`cannot read ${what} "${path}"`);
  }
}

async function coderFor(opts: EvalOptions): Promise<SentenceCoder> {
  if (opts.dictionaries) {
    const { loadDictionaryCoder } = await import("../coder/index.ts");
    let coder: Awaited<ReturnType<typeof loadDictionaryCoder>>;
    try {
      coder = await loadDictionaryCoder(opts.dictionaries);
    } catch (err) {
      throw new CliError((err as Error).message);
    }
    if (coder.warnings.length > 0)
      process.stderr.write(
        `yalu: ${coder.warnings.length} malformed dictionary entries skipped, e.g. ${coder.warnings[0]}\n`,
      );
    return coder;
  }
  if (opts.sense) return (await import("./code.ts")).senseCoder();
  const { defaultCoder } = await import("../coder/index.ts");
  return defaultCoder();
}

/**
 * `yalu eval GOLD [--pred FILE] [--dictionaries DIR] [--json]`: score coder output against a gold
 * standard. Without `--pred` the gold's sentences are coded here (by the dictionary coder with
 * `--dictionaries`, else by Yalu's own coder).
 */
export async function runEval(
  goldPath: string,
  opts: EvalOptions,
  write: (s: string) => void = (s) => process.stdout.write(s),
): Promise<void> {
  const text = await readText(goldPath, "gold file");
  try {
    let skipped = 0;
    const onBad = (err: GoldError): void => {
      skipped++;
      process.stderr.write(`yalu: ${err.message}: skipped\n`);
    };
    const gold = readGold(text, goldPath, opts.skipBad ? { onBad } : {});
    if (skipped > 0) process.stderr.write(`yalu: ${skipped} malformed gold records skipped\n`);
    if (gold.units.length === 0) throw new CliError(`no gold records in "${goldPath}"`);
    let predictions: Predictions;
    let outside: EvalEvent[] = [];
    let note = "";
    if (opts.pred) {
      const r = readPredictions(await readText(opts.pred, "prediction file"), opts.pred, gold);
      predictions = r.predictions;
      if (gold.dateKeyed) {
        // Every dated event of the period is in a date-keyed gold: other dates are false positives.
        outside = r.outside;
        if (r.unmatched > 0) note = ` (${r.unmatched} predictions on dates with no gold event)`;
      } else if (r.unmatched > 0)
        note = ` (${r.unmatched} predictions matched no gold unit and were ignored)`;
    } else {
      const { confident, minConfidenceOf } = await import("./code.ts");
      const min = minConfidenceOf(opts);
      const coder = await coderFor(opts);
      predictions = codeGold(
        gold,
        min === undefined ? coder : { name: coder.name, code: (s) => confident(coder.code(s), min) },
      );
      note = ` (coded by ${coder.name}${min === undefined ? "" : `, confidence ≥ ${min}`})`;
    }
    const report = scoreEval(gold, predictions, outside);
    if (opts.json) write(`${JSON.stringify(reportJson(report), null, 2)}\n`);
    else write(`${formatReport(report, `${goldPath} [${gold.format}]${note}`)}\n`);
  } catch (err) {
    if (err instanceof GoldError) throw new CliError(err.message);
    throw err;
  }
}
