/**
 * Train the coder's learned event sense (src/coder/sense.ts) and write data/lexicon/sense.model.gz.
 *
 *   npm run train:sense [-- --seed 1 --epochs 10 --folds 5]
 *
 * Data (from ../shared): the PLV news sentences (PLOVER type per sentence; PLV's YIELD is taken as
 * CONCEDE) and the lead sentence of each of NGEC's 4,500 synthetic stories (document-level type).
 * The confidence threshold is chosen by k-fold cross-validation on PLV, coding each held-out fold
 * with the whole coder and a model trained on the other folds plus NGEC; the figures printed are
 * those held-out scores, beside the coder without the sense model.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { NativeCoder } from "../src/coder/native.ts";
import {
  encodeSense,
  type SenseExample,
  type SenseModel,
  senseExample,
  trainSense,
} from "../src/coder/sense.ts";
import { splitSentences } from "../src/coder/sentences.ts";
import { shippedCoderData } from "../src/coder/shipped.ts";
import { codeGold, readGold, scoreEval } from "../src/eval/index.ts";
import { loadParser } from "../src/parse/index.ts";
import { mulberry32 } from "../src/parse/train.ts";
import { readNgecStories } from "./ngec.ts";

const REF = "../shared/reference/eventdata";
const PLV = `${REF}/ZSP-PLV/PLV_train.tsv`;
const NGEC = `${REF}/NGEC-synthetic/gpt_synthetic_events_2023-10-19_19.csv.gz`;
const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : Number(process.argv[i + 1]);
};
const seed = arg("seed", 1);
const epochs = arg("epochs", 10);
const folds = arg("folds", 5);
const log = (m: string): void => {
  process.stderr.write(`${m}\n`);
};

const parser = loadParser();
const example = (text: string, type: string) => senseExample(parser, text, type);

const plvText = readFileSync(PLV, "utf8");
const gold = readGold(plvText, PLV);
const plv = gold.units.map((u) =>
  example(u.text ?? "", u.events[0]?.plover === "YIELD" ? "CONCEDE" : (u.events[0]?.plover ?? "")),
);

const ngec: SenseExample[] = [];
for (const { text, label } of readNgecStories(NGEC)) {
  const first = splitSentences(text)[0];
  if (first) ngec.push(example(text.slice(first.start, first.end), label));
}
log(`${plv.length} PLV sentences, ${ngec.length} NGEC leads`);

const scoreWith = (sense: SenseModel | null, keys: Set<string>): number => {
  const sub = { ...gold, units: gold.units.filter((u) => keys.has(u.key)) };
  const coder = new NativeCoder({ ...shippedCoderData(), sense });
  return scoreEval(sub, codeGold(sub, coder), []).labels?.macroF1 ?? 0;
};

const thresholds = [0.3, 0.5, 0.7, 0.9];
const sums = new Map<number, number>(thresholds.map((t) => [t, 0]));
let baseline = 0;
for (let f = 0; f < folds; f++) {
  const held = new Set(gold.units.filter((_, i) => i % folds === f).map((u) => u.key));
  const train = [...ngec, ...plv.filter((_, i) => i % folds !== f)];
  const model = trainSense(train, epochs, mulberry32(seed + f));
  const base = scoreWith(null, held);
  baseline += base;
  const row = [`fold ${f + 1}/${folds}: lexicon only ${(100 * base).toFixed(1)}`];
  for (const t of thresholds) {
    const s = scoreWith({ ...model, threshold: t }, held);
    sums.set(t, sums.get(t)! + s);
    row.push(`θ=${t} ${(100 * s).toFixed(1)}`);
  }
  log(`${row.join(", ")} (PLOVER macro-F1, held-out)`);
}
let best = thresholds[0];
for (const t of thresholds) if (sums.get(t)! > sums.get(best)!) best = t;
log(
  `mean held-out macro-F1: lexicon only ${((100 * baseline) / folds).toFixed(1)}; ${thresholds
    .map((t) => `θ=${t} ${((100 * sums.get(t)!) / folds).toFixed(1)}`)
    .join(", ")}; chosen θ=${best}`,
);

const model = { ...trainSense([...ngec, ...plv], epochs, mulberry32(seed)), threshold: best };
const out = "data/lexicon/sense.model.gz";
writeFileSync(
  out,
  encodeSense(model, {
    data: "ZSP-PLV train (Hu et al. 2024) and NGEC synthetic story leads (Halterman 2023)",
    seed,
    epochs,
    crossValidated: { folds, baseline: baseline / folds, macroF1: sums.get(best)! / folds },
  }),
);
log(`wrote ${out}`);
