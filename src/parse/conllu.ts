/**
 * CoNLL-U (Universal Dependencies) sentences, read and written. Comments, multiword-token ranges
 * ("1-2") and empty nodes ("8.1") are kept as they were, in place, so a treebank read and written
 * back differs only in the columns a parser fills.
 */

/** One syntactic word (a line whose ID is an integer). */
export interface Word {
  id: number;
  form: string;
  lemma: string;
  upos: string;
  xpos: string;
  feats: string;
  /** Head word's id; 0 for the root. */
  head: number;
  deprel: string;
  deps: string;
  misc: string;
}

/** A sentence: its words, plus the other lines (comments, ranges, empty nodes) in their places. */
export interface ConlluSentence {
  comments: string[];
  words: Word[];
  /** Range and empty-node lines, each written before the word whose index is `before`. */
  extras: { before: number; line: string }[];
  /** First line of the sentence in its file (1-based), for messages. */
  line: number;
}

/** A malformed CoNLL-U line, named by line number. */
export class ConlluError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(`${message} at line ${line}`);
    this.name = "ConlluError";
  }
}

const blank = (s: string): string => (s === "" ? "_" : s);

/** The sentences of a CoNLL-U text. */
export function readConllu(text: string): ConlluSentence[] {
  const out: ConlluSentence[] = [];
  let cur: ConlluSentence | null = null;
  const lines = text.split(/\r?\n/);
  const close = (): void => {
    if (cur && (cur.words.length > 0 || cur.extras.length > 0)) out.push(cur);
    cur = null;
  };
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i];
    const n = i + 1;
    if (raw.trim() === "") {
      close();
      continue;
    }
    cur ??= { comments: [], words: [], extras: [], line: n };
    if (raw.startsWith("#")) {
      cur.comments.push(raw);
      continue;
    }
    const cols = raw.split("\t");
    if (cols.length !== 10)
      throw new ConlluError(`expected 10 tab-separated columns, found ${cols.length}`, n);
    const id = cols[0];
    if (/^\d+-\d+$/.test(id) || /^\d+\.\d+$/.test(id)) {
      cur.extras.push({ before: cur.words.length, line: raw });
      continue;
    }
    if (!/^\d+$/.test(id)) throw new ConlluError(`invalid word id "${id}"`, n);
    if (Number(id) !== cur.words.length + 1)
      throw new ConlluError(`word id ${id} out of sequence (expected ${cur.words.length + 1})`, n);
    const head = cols[6] === "_" ? -1 : Number(cols[6]);
    if (!Number.isInteger(head)) throw new ConlluError(`invalid head "${cols[6]}"`, n);
    cur.words.push({
      id: Number(id),
      form: cols[1],
      lemma: cols[2],
      upos: cols[3],
      xpos: cols[4],
      feats: cols[5],
      head,
      deprel: cols[7],
      deps: cols[8],
      misc: cols[9],
    });
  }
  close();
  for (const s of out)
    for (const w of s.words)
      if (w.head > s.words.length)
        throw new ConlluError(`head ${w.head} of word ${w.id} is beyond the sentence`, s.line);
  return out;
}

/** A word line in CoNLL-U. */
export function wordLine(w: Word): string {
  return [
    w.id,
    blank(w.form),
    blank(w.lemma),
    blank(w.upos),
    blank(w.xpos),
    blank(w.feats),
    w.head < 0 ? "_" : w.head,
    blank(w.deprel),
    blank(w.deps),
    blank(w.misc),
  ].join("\t");
}

/** One sentence as CoNLL-U, ending with its blank line. */
export function writeSentence(s: ConlluSentence): string {
  const lines = [...s.comments];
  let e = 0;
  for (let i = 0; i <= s.words.length; i++) {
    while (e < s.extras.length && s.extras[e].before === i) lines.push(s.extras[e++].line);
    if (i < s.words.length) lines.push(wordLine(s.words[i]));
  }
  return `${lines.join("\n")}\n\n`;
}
