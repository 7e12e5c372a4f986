/**
 * Train a parser model's arc labeller again, alone, on top of its fixed transitions (see
 * src/parse/train-labeller.ts), and score EWT dev with the old and the new labeller: a labeller
 * feature is so tried in minutes, not a whole training.
 *
 *   npm run train:labeller -- --model FILE [--seed 1 --epochs 15 --with-dev --out FILE]
 *
 * The model should be one trained on the same splits (train only, to be scored on dev).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { decodeModel, encodeModel } from "../src/parse/codec.ts";
import { readConllu } from "../src/parse/conllu.ts";
import { parseConlluSentence } from "../src/parse/conllu-parse.ts";
import type { ParserModel } from "../src/parse/parser.ts";
import { formatParseScore, scoreParses } from "../src/parse/score.ts";
import { defaultLabellerOptions, trainLabeller } from "../src/parse/train-labeller.ts";
import { arg, num } from "./args.ts";

const UD = "../shared/reference/ud/UD_English-EWT";
const file = arg("model", "");
if (file === "") throw new Error("--model FILE is required");
const started = Date.now();
const progress = (m: string): void => {
  process.stderr.write(`[${((Date.now() - started) / 1000).toFixed(0)} s] ${m}\n`);
};
const read = (split: string) => readConllu(readFileSync(`${UD}/en_ewt-ud-${split}.conllu`, "utf8"));
const dev = read("dev");
const train = process.argv.includes("--with-dev") ? [...read("train"), ...dev] : read("train");

/** The first lines of the dev score (UAS, LAS, UPOS). */
const devScore = (m: ParserModel): string =>
  formatParseScore(
    scoreParses(
      dev,
      dev.map((s) => parseConlluSentence(m, s)),
    ),
  )
    .split("\n")
    .slice(0, 6)
    .join("\n");

const model = decodeModel(readFileSync(file));
const options = {
  seed: num("seed", defaultLabellerOptions.seed),
  epochs: num("epochs", defaultLabellerOptions.epochs),
};
const labeller = trainLabeller(model, train, { ...options, progress });
// Scored as saved: the file holds 8-bit weights.
const bytes = encodeModel({ ...model, labeller }, { ...model.about, labeller: { retrained: options } });
process.stderr.write(`dev, labeller as trained with the parser:\n${devScore(model)}\n`);
process.stderr.write(`dev, labeller trained alone:\n${devScore(decodeModel(bytes))}\n`);
const out = arg("out", "");
if (out !== "") {
  writeFileSync(out, bytes);
  progress(`wrote ${out}`);
}
