import type { Citation } from "../model/index.ts";
import { findDates } from "./dates.ts";

/**
 * Footnotes of briefs and reports. Footnote lines ("¹ Author, "Title", Publication, 7 March 2013.")
 * are taken out of the text to be coded, their citations parsed, and the markers in the body
 * ("Resolution⁶", "strained.⁵", "borders. 7", "^{11}") blanked and remembered by position. A
 * sentence that a footnote block interrupts (a page break: "…Soviet leader" [footnotes]
 * "Joseph Stalin.⁴") is rejoined.
 */

/** A piece of the cleaned text and where it sits in the original document. */
export interface Piece {
  /** Offset in the cleaned text. */
  at: number;
  /** Offset in the original document. */
  from: number;
  length: number;
}

/** The text to code, with footnotes removed and markers blanked. */
export interface CleanText {
  text: string;
  pieces: Piece[];
  /** Footnote markers: offset in the cleaned text → footnote number. */
  markers: { at: number; n: number }[];
  footnotes: Map<number, Citation>;
}

const SUPERSCRIPT = "⁰¹²³⁴⁵⁶⁷⁸⁹";
const supToNumber = (s: string): number => Number([...s].map((c) => SUPERSCRIPT.indexOf(c)).join(""));
const FOOTNOTE_LINE_RE =
  /^[ \t]*(?:([⁰¹²³⁴⁵⁶⁷⁸⁹]+)|\^(?:\{(\d{1,3})[^}\n]{0,4}\}|(\d{1,3}))|\[(\d{1,3})\]|(\d{1,3})[.)]?)[ \t]*(\S.*)$/;

/** Is a line after a bare number a citation (quotes, "n. 9", "ibid", "p. 4", a URL)? */
function strongCitation(body: string): boolean {
  return /["“”]|\bibid\b|\bn\.\s?\d|\bpp?\.\s?\d|https?:\/\/|www\./i.test(body);
}

/** Does this line look like a citation (quotes, a year, "n. 9", "ibid", a URL)? */
function citationLike(body: string): boolean {
  return /["“”]|\b(?:1[5-9]|20)\d{2}\b|\bibid\b|\bn\.\s?\d|https?:\/\/|www\./i.test(body);
}

/** The parsed citation of a footnote's text. */
export function parseCitation(body: string): Citation {
  const plain = body
    .replace(/<[^>]+>/g, "")
    .replace(/\*\*?|__?/g, "")
    .replace(/&?quot;/g, '"')
    .replace(/&amp;/g, "&")
    .replace(/&#39;|&apos;/g, "'");
  const url = /(https?:\/\/\S+|www\.\S+)/.exec(plain)?.[1]?.replace(/[.,;)]+$/, "") ?? null;
  const quoted = /["“]([^"”]{3,}?)["”]/.exec(plain);
  const title = quoted ? quoted[1].replace(/[,.]$/, "").trim() : null;
  let publication: string | null = null;
  if (quoted) {
    const rest = plain.slice(quoted.index + quoted[0].length).replace(/^\s*\([^)]*\)/, "");
    const part = rest
      .split(/[,;]/)
      .map((s) => s.trim())
      .find((s) => s.length > 0 && !/^(?:also|see|n\.|no\.|in\b)/i.test(s));
    if (part && !/^\d/.test(part) && part.length < 80) publication = part.replace(/[.;]+$/, "");
  }
  // The first date after the title: a footnote citing two works is dated by the first.
  const after = quoted ? plain.slice(quoted.index + quoted[0].length) : plain;
  const dates = findDates(after, { docDate: null, last: null });
  const date = dates.length > 0 ? dates[0].date : null;
  return { publication, title, date, url };
}

/** Clean a document: drop footnote blocks, blank markers, rejoin sentences split by a footnote block. */
export function stripFootnotes(doc: string): CleanText {
  type Line = { start: number; end: number };
  const footnotes = new Map<number, Citation>();
  const paragraphs: { lines: Line[]; note: boolean }[] = [];
  let current: { lines: Line[]; note: boolean } | null = null;
  let pos = 0;
  for (const line of doc.split("\n")) {
    const l = { start: pos, end: pos + line.length };
    pos += line.length + 1;
    if (line.trim() === "") {
      current = null;
      continue;
    }
    const m = FOOTNOTE_LINE_RE.exec(line);
    const bare = m?.[5] !== undefined;
    if (m && (bare ? /^\d{1,3}[.)]?[ \t]/.test(line.trim()) && strongCitation(m[6]) : citationLike(m[6]))) {
      const n = m[1] ? supToNumber(m[1]) : Number(m[2] ?? m[3] ?? m[4] ?? m[5]);
      // A bare number only counts when it continues the footnotes already seen (1, 2, 3…).
      if (!bare || n === footnotes.size + 1 || (footnotes.size > 0 && n > Math.max(...footnotes.keys()))) {
        footnotes.set(n, parseCitation(m[6]));
        current = { lines: [l], note: true };
        paragraphs.push(current);
        continue;
      }
    }
    if (current) current.lines.push(l);
    else {
      current = { lines: [l], note: false };
      paragraphs.push(current);
    }
  }
  const pieces: Piece[] = [];
  let text = "";
  let previous: string | null = null;
  let notesBetween = false;
  for (const p of paragraphs) {
    if (p.note) {
      notesBetween = true;
      continue;
    }
    if (previous !== null) {
      const open = !/[.!?:"”’)\]]\s*$/.test(previous.replace(/[⁰¹²³⁴⁵⁶⁷⁸⁹]+\s*$/, ""));
      text += notesBetween && open ? " " : "\n\n";
    }
    p.lines.forEach((l, i) => {
      if (i > 0) text += "\n";
      pieces.push({ at: text.length, from: l.start, length: l.end - l.start });
      text += doc.slice(l.start, l.end);
    });
    const last = p.lines[p.lines.length - 1];
    previous = doc.slice(last.start, last.end);
    notesBetween = false;
  }
  return blankMarkers({ text, pieces, markers: [], footnotes });
}

const MARKER_RE =
  /([⁰¹²³⁴⁵⁶⁷⁸⁹]+)|\^(?:\{(\d{1,3})\}|(\d{1,3}))|(?<=[.,;:!?"”'’)\]])[ \t]?(\d{1,3})(?=\s|$)/g;

function blankMarkers(c: CleanText): CleanText {
  const known = c.footnotes;
  const text = c.text.replace(MARKER_RE, (whole: string, ...groups: unknown[]) => {
    const [sup, braced, caret, bare] = groups as (string | undefined)[];
    const at = groups[4] as number;
    const n = sup ? supToNumber(sup) : Number(braced ?? caret ?? bare);
    if (bare !== undefined && !known.has(n)) return whole;
    c.markers.push({ at, n });
    return " ".repeat(whole.length);
  });
  return { ...c, text };
}

/** Map an offset of the cleaned text back to the original document. */
export function originalOffset(c: CleanText, at: number): number {
  let lo = 0;
  let hi = c.pieces.length - 1;
  let best = c.pieces[0];
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (c.pieces[mid].at <= at) {
      best = c.pieces[mid];
      lo = mid + 1;
    } else hi = mid - 1;
  }
  if (!best) return at;
  return best.from + Math.min(at - best.at, best.length);
}

/**
 * The citation of the first footnote marker of a sentence [start, end) of the cleaned text: inside
 * it, or right after its final punctuation ("strained.⁵").
 */
export function citationIn(c: CleanText, start: number, end: number): Citation | null {
  for (const m of c.markers) {
    if (m.at < start) continue;
    if (m.at >= end && c.text.slice(end, m.at).trim() !== "") break;
    return c.footnotes.get(m.n) ?? null;
  }
  return null;
}
