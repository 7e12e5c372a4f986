/** Shared line handling for PETRARCH/TABARI dictionary files: comments, errors, dates. */

/** A malformed dictionary entry; the message names the file and line. */
export class DictionaryError extends Error {
  constructor(
    message: string,
    readonly file: string,
    readonly line: number,
  ) {
    super(`${file}:${line}: ${message}`);
    this.name = "DictionaryError";
  }
}

/** The longest dictionary line accepted, in characters. */
export const MAX_LINE = 4000;

/** One content line of a dictionary: comments removed, 1-based line number kept. */
export interface DictLine {
  text: string;
  line: number;
  /** True if the raw line started with white space (TABARI date restrictions are indented). */
  indented: boolean;
}

/**
 * The lines of a dictionary with `<!-- … -->` (possibly multi-line) and `#` / `;` comments
 * removed. Blank lines are kept as empty `text` because they end verb blocks and synsets; lines
 * holding only a comment are dropped.
 */
export function dictionaryLines(source: string, file = "dictionary", hashComments = true): DictLine[] {
  const out: DictLine[] = [];
  let inComment = false;
  const raw = source.replace(/^\uFEFF/, "").split(/\r?\n/);
  for (let i = 0; i < raw.length; i++) {
    let s = raw[i];
    // No real entry comes near this; refusing longer lines keeps every pattern below linear enough.
    if (s.length > MAX_LINE) {
      throw new DictionaryError(`line is ${s.length} characters long (at most ${MAX_LINE})`, file, i + 1);
    }
    let kept = "";
    while (s.length > 0) {
      if (inComment) {
        const end = s.indexOf("-->");
        if (end === -1) {
          s = "";
        } else {
          s = s.slice(end + 3);
          inComment = false;
        }
      } else {
        const start = s.search(/<!\s*-?-?/);
        if (start === -1) {
          kept += s;
          s = "";
        } else {
          kept += s.slice(0, start);
          s = s.slice(start).replace(/^<!\s*-*/, "");
          inComment = true;
        }
      }
    }
    const indented = /^[ \t]/.test(kept);
    // "#" starts a comment unless it sits inside a code bracket ("[###]" is TABARI's discard code).
    if (hashComments) kept = kept.replace(/#(?![^[]*\]).*$/, "").replace(/;(?![^[]*\]).*$/, "");
    const text = kept.trim();
    // A line that held only a comment is dropped: only truly blank lines end blocks and synsets.
    if (text === "" && raw[i].trim() !== "") continue;
    out.push({ text, line: i + 1, indented });
  }
  return out;
}

/**
 * A dictionary date as YYYYMMDD number; two-digit-year TABARI dates (YYMMDD) are read as 19YY
 * for YY > 30, else 20YY.
 */
export function dictionaryDate(raw: string): number | null {
  const s = raw.trim();
  if (/^\d{8}$/.test(s)) return Number(s);
  // Operational dictionaries carry a few nine-digit typos ("201005011"); PETRARCH reads the first eight.
  if (/^\d{9}$/.test(s)) return Number(s.slice(0, 8));
  if (/^\d{6}$/.test(s)) {
    const yy = Number(s.slice(0, 2));
    return (yy > 30 ? 19000000 : 20000000) + Number(s);
  }
  return null;
}

/** A sentence date "YYYY-MM-DD" as a YYYYMMDD number, or null. */
export function sentenceDate(date: string | null): number | null {
  if (!date) return null;
  const m = /^(\d{4})-?(\d{2})-?(\d{2})/.exec(date);
  return m ? Number(m[1] + m[2] + m[3]) : null;
}

/** Split a phrase string ("NEW_ZEALAND", "HAMAS WING") into upper-case words. */
export function phraseWords(phrase: string): string[] {
  return phrase
    .toUpperCase()
    .split(/[\s_]+/)
    .filter((w) => w.length > 0);
}

/**
 * Which words of a phrase may follow a gap: in dictionary phrases a blank lets other words
 * intervene ("ITHILEN TELEVISION" matches "Ithilen state-run television"), `_` does not.
 */
export function phraseGaps(phrase: string): boolean[] {
  const out: boolean[] = [];
  let gap = false;
  for (const piece of phrase.trim().split(/(\s+|_+)/)) {
    if (piece === "") continue;
    if (/^\s+$/.test(piece)) gap = true;
    else if (/^_+$/.test(piece)) gap = false;
    else {
      out.push(out.length > 0 && gap);
      gap = false;
    }
  }
  return out;
}
