/**
 * A fast tokeniser with character offsets. Words joined by hyphens or dashes are split ("Jong-un"
 * → "Jong", "un"; "US-China" → "US", "China") so actor names match whichever way they are written;
 * possessive "'s" and negative "n't" are tokens of their own; a title's abbreviation before a name
 * ("Mr. Erdogan", "Gen. Haftar") keeps its full stop, as in the UD treebank.
 */

export interface Token {
  text: string;
  /** Lower-cased text, with a curly apostrophe folded to a straight one. */
  lower: string;
  start: number;
  end: number;
  /** Joined to the word before by a hyphen or dash, with no space ("Saudi-led": "led"). */
  joined: boolean;
}

const TOKEN_RE =
  /(?:Mr|Mrs|Ms|Dr|Gen|Sen|Rep|Lt|Col|Gov|Prof|Sgt|Capt|Maj|Adm|Pres)\.(?=\s+\p{Lu})|(?:\p{Lu}\.){2,}|\p{L}+(?=n['’]t\b)|n['’]t\b|['’]s\b|\p{N}+(?:[.,:]\p{N}+)*(?:st|nd|rd|th|s)?\b|[\p{L}\p{M}\p{N}]+(?:['’](?![st]\b)\p{L}+)*|[^\s\p{L}\p{M}\p{N}\-–‐‑]/gu;

const HYPHENS = new Set(["-", "–", "‐", "‑"]);

/** Tokens of `text`; offsets are relative to `text` plus `base`. */
export function tokenize(text: string, base = 0): Token[] {
  const out: Token[] = [];
  TOKEN_RE.lastIndex = 0;
  for (let m = TOKEN_RE.exec(text); m !== null; m = TOKEN_RE.exec(text)) {
    const t = m[0];
    const before = out.length > 0 ? out[out.length - 1].end - base : -1;
    out.push({
      text: t,
      lower: t.toLowerCase().replace("’", "'"),
      start: base + m.index,
      end: base + m.index + t.length,
      joined: before === m.index - 1 && HYPHENS.has(text[before]),
    });
  }
  return out;
}

/** Lower-cased word keys of a phrase, tokenised like the text it is matched against. */
export function phraseKeys(phrase: string): string[] {
  return tokenize(phrase).map((t) => t.lower);
}

const PUNCT_RE = /^[^\p{L}\p{N}]/u;

/** True if the token is punctuation rather than a word or number. */
export function isPunct(t: Token): boolean {
  return PUNCT_RE.test(t.text);
}

/**
 * How many tokens of a sentence are a wire dateline before its first word ("TEL AVIV --",
 * "KABUL (Pajhwok) :", "LA PAZ, Bolivia --", "Washington - "), or 0. The dateline ends at a dash
 * set off by a space (or doubled, or an en or em dash) or a colon; everything before is capitalised
 * words, commas, parentheses and numbers, and opens with a word in capitals ("UN-backed forces" is
 * not a dateline: its hyphen joins words) or, before a spaced dash, with a name ("Washington - ").
 */
export function datelineLength(tokens: Token[], text: string, base = 0): number {
  const limit = Math.min(tokens.length - 3, 10);
  for (let j = 1; j <= limit; j++) {
    const before = tokens[j - 1];
    if (before.text === ":") return j === 1 || !allCaps(tokens[0]) ? 0 : j;
    const gap = text.slice(before.end - base, tokens[j].start - base);
    if (/\s[-–—]|[-–—]\s|--|[–—]/.test(gap)) return allCaps(tokens[0]) || /^\s+[-–—]+\s+$/.test(gap) ? j : 0;
    if (!DATELINE_WORD.test(before.text)) return 0;
  }
  return 0;
}

/** A token that may stand in a dateline: a capitalised word or abbreviation, a number, a comma or parenthesis. */
const DATELINE_WORD = /^(?:\p{Lu}[\p{L}.'’]*|\d+|[,()])$/u;
const allCaps = (t: Token): boolean => t.text.length >= 2 && /^\p{Lu}[\p{Lu}.'’]*$/u.test(t.text);
