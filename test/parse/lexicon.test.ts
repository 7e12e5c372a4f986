import { describe, expect, it } from "vitest";
import { decodeModel, encodeModel } from "../../src/parse/codec.ts";
import { addWordNetIndex, lexicalReadings, WORDNET_PARTS } from "../../src/parse/lexicon.ts";
import { mixModels } from "../../src/parse/mix.ts";
import { lemmaOf } from "../../src/parse/parser.ts";
import { wordAtoms } from "../../src/parse/tagger.ts";
import { trainModel } from "../../src/parse/train.ts";
import { small, treebank } from "./small-treebank.ts";

// Index lines in WordNet's format, written for these tests: lemma, part, senses, pointer count,
// pointers, senses again, senses tagged in the sense-tagged corpus, synset offsets.
const nouns = [
  "  1 This software and database is being provided to you, the LICENSEE, by",
  "sanction n 2 2 @ ~ 2 1 00000001 00000002",
  "run n 3 1 @ 3 2 00000003 00000004 00000005",
  "missile n 1 1 @ 1 6 00000006",
  "ballistic_missile n 1 1 @ 1 0 00000007",
].join("\n");
const verbs = [
  "sanction v 2 1 @ 2 0 00000011 00000012",
  "run v 4 1 @ 4 9 00000013 00000014 00000015 00000016",
].join("\n");
const adjs = [
  "hostile a 2 1 & 2 3 00000021 00000022",
  "happy a 1 1 & 1 2 00000023",
  "simple a 1 1 & 1 1 00000024",
].join("\n");

function lexicon(): Map<string, number> {
  const lex = new Map<string, number>();
  addWordNetIndex(lex, nouns, "noun");
  addWordNetIndex(lex, verbs, "verb");
  addWordNetIndex(lex, adjs, "adj");
  return lex;
}

describe("the tagger's lexicon", () => {
  it("reads WordNet index lines: each part of speech in two bits, graded by tagged senses", () => {
    const lex = lexicon();
    const noun = (w: string) => ((lex.get(w) ?? 0) >> WORDNET_PARTS.noun) & 3;
    const verb = (w: string) => ((lex.get(w) ?? 0) >> WORDNET_PARTS.verb) & 3;
    expect([noun("sanction"), verb("sanction")]).toEqual([2, 1]);
    expect([noun("run"), verb("run")]).toEqual([2, 3]);
    expect(noun("missile")).toBe(3);
    // Multiword lemmas and the licence's lines are left out.
    expect(lex.has("ballistic_missile")).toBe(false);
    expect(lex.size).toBe(6);
  });

  it("names the bad line of a file that is not a WordNet index", () => {
    expect(() => addWordNetIndex(new Map(), "sanction n two", "noun")).toThrow(
      /not a WordNet index line: "sanction n two"/,
    );
  });

  it("reads inflected words as forms of their lemmas", () => {
    const lex = lexicon();
    const inflections = (w: string) => lexicalReadings(w, lex) >> 8;
    expect(inflections("sanctions")).toBe(1 | 2);
    expect(inflections("sanctioned")).toBe(4);
    expect(inflections("sanctioning")).toBe(8);
    expect(inflections("running")).toBe(8);
    expect(inflections("missiles")).toBe(1);
    expect(inflections("happier")).toBe(16);
    expect(inflections("happiest")).toBe(16);
    // Known gap: "-le" adjectives drop their "e" before "-ly" ("simply"), which no rule undoes.
    expect(inflections("simply")).toBe(0);
    expect(inflections("hostilely")).toBe(32);
    expect(lexicalReadings("hostile", lex)).toBe(lex.get("hostile"));
    expect(lexicalReadings("pyongyang", lex)).toBe(0);
  });

  it("gives each word its readings as an atom, and travels with the model through its file and a mix", () => {
    const lex = lexicon();
    const atoms = wordAtoms(["Sanctioned", "missiles", "Pyongyang"], { lexicon: lex });
    expect(Array.from(atoms.lex, (r) => r >> 8)).toEqual([4, 1, 0]);
    const a = trainModel(treebank, { ...small, members: 1, lexicon: lex });
    expect(decodeModel(encodeModel(a)).tagger.lexicon).toEqual(lex);
    const b = trainModel(treebank, { ...small, members: 1, seed: 2, lexicon: new Map() });
    expect(() => mixModels([a, b])).toThrow(/share their lexicon/);
  });

  it("gives an inflected word the lemma the lexicon knows, and common words in lower case", () => {
    const a = trainModel(treebank, { ...small, members: 1, lexicon: lexicon() });
    const lemma = (form: string, xpos: string) => lemmaOf(a, form, form.toLowerCase(), xpos);
    expect(lemma("sanctioned", "VBD")).toBe("sanction");
    expect(lemma("hostilest", "JJS")).toBe("hostile");
    expect(lemma("runs", "VBZ")).toBe("run");
    // Unknown to the lexicon: the suffix rules.
    expect(lemma("vetoes", "VBZ")).toBe("veto");
    expect(lemma("Missiles", "NNS")).toBe("missile");
    expect(lemma("The", "DT")).toBe("the");
    expect(lemma("Pyongyang", "NNP")).toBe("Pyongyang");
  });
});
