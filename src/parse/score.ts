/**
 * Scoring parses against a gold treebank: UAS, LAS and UPOS accuracy, with and without
 * punctuation (gold UPOS PUNCT), and a per-relation table (gold relation: count, attachment and
 * label precision/recall). Multiword-token ranges and empty nodes are not words and are ignored.
 */
import type { ConlluSentence } from "./conllu.ts";

export interface RelationScore {
  deprel: string;
  gold: number;
  predicted: number;
  /** Gold words of this relation whose head and label are both right. */
  correct: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface ParseScore {
  sentences: number;
  words: number;
  /** Without punctuation. */
  uas: number;
  las: number;
  /** With punctuation. */
  uasPunct: number;
  lasPunct: number;
  /**
   * LAS as the CoNLL 2018 shared task scores it: every word, punctuation too, and relations
   * compared without their subtypes (nsubj:pass is nsubj).
   */
  lasUniversal: number;
  upos: number;
  xpos: number;
  relations: RelationScore[];
}

/** A gold/predicted pair that does not line up. */
export class AlignmentError extends Error {
  override name = "AlignmentError";
}

/** A relation without its subtype: "nsubj:pass" → "nsubj". */
const universal = (deprel: string): string => {
  const colon = deprel.indexOf(":");
  return colon < 0 ? deprel : deprel.slice(0, colon);
};

/** Score `pred` against `gold`, sentence by sentence (same words in the same order). */
export function scoreParses(gold: readonly ConlluSentence[], pred: readonly ConlluSentence[]): ParseScore {
  if (gold.length !== pred.length)
    throw new AlignmentError(`gold has ${gold.length} sentences, the parse ${pred.length}`);
  let words = 0;
  let content = 0;
  let uas = 0;
  let las = 0;
  let uasP = 0;
  let lasP = 0;
  let lasU = 0;
  let upos = 0;
  let xpos = 0;
  const rel = new Map<string, { gold: number; predicted: number; correct: number }>();
  const row = (d: string) => {
    const r = rel.get(d) ?? { gold: 0, predicted: 0, correct: 0 };
    rel.set(d, r);
    return r;
  };
  for (let s = 0; s < gold.length; s++) {
    const g = gold[s].words;
    const p = pred[s].words;
    if (g.length !== p.length)
      throw new AlignmentError(
        `sentence ${s + 1} (gold line ${gold[s].line}) has ${g.length} gold words and ${p.length} parsed`,
      );
    for (let i = 0; i < g.length; i++) {
      const gw = g[i];
      const pw = p[i];
      words++;
      const head = gw.head === pw.head;
      const label = head && gw.deprel === pw.deprel;
      if (gw.upos === pw.upos) upos++;
      if (gw.xpos === pw.xpos) xpos++;
      if (head) uasP++;
      if (label) lasP++;
      if (head && universal(gw.deprel) === universal(pw.deprel)) lasU++;
      row(gw.deprel).gold++;
      row(pw.deprel).predicted++;
      if (label) row(gw.deprel).correct++;
      if (gw.upos === "PUNCT") continue;
      content++;
      if (head) uas++;
      if (label) las++;
    }
  }
  const pct = (a: number, b: number): number => (b === 0 ? 0 : (100 * a) / b);
  const relations = [...rel]
    .map(([deprel, r]) => {
      const precision = pct(r.correct, r.predicted);
      const recall = pct(r.correct, r.gold);
      const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
      return { deprel, ...r, precision, recall, f1 };
    })
    .sort((a, b) => b.gold - a.gold || a.deprel.localeCompare(b.deprel));
  return {
    sentences: gold.length,
    words,
    uas: pct(uas, content),
    las: pct(las, content),
    uasPunct: pct(uasP, words),
    lasPunct: pct(lasP, words),
    lasUniversal: pct(lasU, words),
    upos: pct(upos, words),
    xpos: pct(xpos, words),
    relations,
  };
}

/** The score as a plain-text report. */
export function formatParseScore(s: ParseScore): string {
  const f = (x: number): string => x.toFixed(2).padStart(6);
  const lines = [
    `${s.sentences} sentences, ${s.words} words`,
    "",
    "               UAS     LAS",
    `no punct    ${f(s.uas)}  ${f(s.las)}`,
    `with punct  ${f(s.uasPunct)}  ${f(s.lasPunct)}`,
    `UPOS ${f(s.upos)}   XPOS ${f(s.xpos)}`,
    `CoNLL 2018 LAS (with punct, relations without subtypes) ${f(s.lasUniversal)}`,
    "",
    "deprel            gold   pred  correct  precision  recall     F1",
  ];
  for (const r of s.relations)
    lines.push(
      `${r.deprel.padEnd(16)} ${String(r.gold).padStart(5)}  ${String(r.predicted).padStart(5)}  ${String(r.correct).padStart(7)}     ${f(r.precision)}  ${f(r.recall)} ${f(r.f1)}`,
    );
  return `${lines.join("\n")}\n`;
}
