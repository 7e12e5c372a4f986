/** `yalu eval`: gold readers, prediction readers, scoring and reports. */
export { pentaClassOf } from "./classes.ts";
export { codeGold } from "./code-gold.ts";
export { formatConfusion, formatReport, reportJson } from "./format.ts";
export {
  readConflibertGold,
  readCsvGold,
  readGold,
  readPloverGold,
  readPlvGold,
  readXmlGold,
} from "./gold-readers.ts";
export { type Predictions, readPredictions } from "./predictions.ts";
export { type EvalReport, type LevelScore, levelScore, matchCount, scoreEval } from "./score.ts";
export { type EvalEvent, type Gold, GoldError, type GoldUnit } from "./types.ts";
