/** Yalu's dependency parser: tokenised English sentences → Universal Dependencies trees. */
export { decodeModel, encodeModel, ModelError } from "./codec.ts";
export { ConlluError, type ConlluSentence, readConllu, type Word, writeSentence } from "./conllu.ts";
export { parseConlluSentence } from "./conllu-parse.ts";
export { DEFAULT_MODEL_FILE, loadParser } from "./default.ts";
export { featureKey, hashString } from "./hash.ts";
export { type ParsedWord, type ParserModel, parse } from "./parser.ts";
export { argmax, SparseWeights, TrainWeights } from "./perceptron.ts";
export { AlignmentError, formatParseScore, type ParseScore, scoreParses } from "./score.ts";
export { type Tree, tree } from "./tree.ts";
