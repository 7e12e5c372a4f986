import { readConllu } from "../../src/parse/conllu.ts";

/** A tiny treebank of our own: form, UPOS, XPOS, head, relation per word. */
const trees: [string, string, string, number, string][][] = [
  [
    ["China", "PROPN", "NNP", 2, "nsubj"],
    ["condemned", "VERB", "VBD", 0, "root"],
    ["the", "DET", "DT", 4, "det"],
    ["test", "NOUN", "NN", 2, "obj"],
    [".", "PUNCT", ".", 2, "punct"],
  ],
  [
    ["Japan", "PROPN", "NNP", 3, "nsubj"],
    ["did", "AUX", "VBD", 3, "aux"],
    ["not", "PART", "RB", 3, "advmod"],
    ["attend", "VERB", "VB", 0, "root"],
    ["the", "DET", "DT", 6, "det"],
    ["talks", "NOUN", "NNS", 4, "obj"],
  ],
  [
    ["Seoul", "PROPN", "NNP", 2, "nsubj"],
    ["said", "VERB", "VBD", 0, "root"],
    ["Pyongyang", "PROPN", "NNP", 4, "nsubj"],
    ["fired", "VERB", "VBD", 2, "ccomp"],
    ["two", "NUM", "CD", 6, "nummod"],
    ["missiles", "NOUN", "NNS", 4, "obj"],
    [".", "PUNCT", ".", 2, "punct"],
  ],
  [
    ["Russia", "PROPN", "NNP", 4, "nsubj"],
    ["and", "CCONJ", "CC", 3, "cc"],
    ["China", "PROPN", "NNP", 1, "conj"],
    ["vetoed", "VERB", "VBD", 0, "root"],
    ["the", "DET", "DT", 6, "det"],
    ["draft", "NOUN", "NN", 4, "obj"],
  ],
];
const text = trees
  .map(
    (words, s) =>
      `# sent_id = t${s}\n${words.map(([f, u, x, h, r], i) => `${i + 1}\t${f}\t_\t${u}\t${x}\t_\t${h}\t${r}\t_\t_`).join("\n")}\n`,
  )
  .join("\n");
export const treebank = readConllu(`${text}\n`).flatMap((s) => [s, s, s]);
/** Training options for a model of it in a second or so. */
export const small = { folds: 2, tagEpochs: 2, parseEpochs: 2, clusters: new Map<string, number>() };
