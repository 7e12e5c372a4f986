/**
 * Sentence splitting with character offsets. Blank lines always end a sentence; `.`, `!` and `?`
 * end one when followed by a space and a capital, digit or quote — except after known abbreviations
 * ("Mr.", "Gen.", "U.S.", "No.") and single initials ("M. S. Prathibha"). Measured several times
 * faster than wink-nlp's sentence boundary detection on the KCNA corpus (see bench/coder.ts).
 */

/** A sentence as a span of the text it was split from. */
export interface SentenceSpan {
  start: number;
  end: number;
}

const ABBREVIATIONS = new Set(
  (
    "mr mrs ms dr prof gen lt col maj capt cmdr adm sgt rep sen gov pres st sr jr rev hon amb " +
    "fig ed eds est approx dept univ inc ltd co corp bros mt ft e.g i.e etc vs cf al u.s u.k u.n e.u"
  ).split(" "),
);

/** Abbreviations only when a number follows ("No. 6", "p. 9", "Jan. 2019"). */
const BEFORE_NUMBER = new Set(
  "no nos vol vols pp p art sec ch jan feb mar apr jun jul aug sep sept oct nov dec".split(" "),
);

const BOUNDARY_RE = /([.!?]+)(["'”’)\]]*)(\s+)(?=["'“‘(]?[\p{Lu}\p{N}])|\n[ \t]*\n\s*/gu;

/** Sentence spans of `text` (trimmed, never empty). */
export function splitSentences(text: string): SentenceSpan[] {
  const out: SentenceSpan[] = [];
  let start = 0;
  const push = (end: number): void => {
    let s = start;
    let e = end;
    while (s < e && /\s/.test(text[s])) s++;
    while (e > s && /\s/.test(text[e - 1])) e--;
    if (e > s) out.push({ start: s, end: e });
  };
  BOUNDARY_RE.lastIndex = 0;
  for (let m = BOUNDARY_RE.exec(text); m !== null; m = BOUNDARY_RE.exec(text)) {
    if (m[1] !== undefined) {
      if (
        m[1] === "." &&
        !m[2] &&
        isAbbreviation(text, m.index, /\d/.test(text[m.index + m[0].length] ?? ""))
      )
        continue;
      const end = m.index + m[1].length + m[2].length;
      push(end);
      start = end;
    } else {
      push(m.index);
      start = m.index + m[0].length;
    }
  }
  push(text.length);
  return out;
}

function isAbbreviation(text: string, dot: number, numberFollows: boolean): boolean {
  let i = dot;
  while (i > 0 && /[\p{L}.]/u.test(text[i - 1])) i--;
  const word = text.slice(i, dot);
  if (word.length === 1 && /\p{Lu}/u.test(word)) return true;
  const lower = word.toLowerCase();
  return ABBREVIATIONS.has(lower) || (numberFollows && BEFORE_NUMBER.has(lower));
}
