/**
 * Reader for PETRARCH / TABARI XML sentence files (`<Sentence date id><Text>…</Text><Parse>…</Parse>`
 * with optional `<EventCoding sourcecode targetcode eventcode>` gold codings). Tolerant of the
 * spacing variants found in the wild (`date = "…"`, single-quoted values); strict about structure:
 * anything broken is reported with the file and line.
 */

import { utcDate } from "../model/index.ts";

/** One gold coding of a PETRARCH validation record. */
export interface PetrarchCoding {
  source: string;
  target: string;
  code: string;
}

/** One `<Sentence>` record. */
export interface PetrarchRecord {
  id: string;
  /** The record date as YYYY-MM-DD (from `date="19950101"` or `date="950101"`), null if absent. */
  date: string | null;
  /** The sentence text with its whitespace collapsed. */
  text: string;
  /** The Penn Treebank parse as written, null if absent. */
  parse: string | null;
  /** Gold codings (`<EventCoding sourcecode targetcode eventcode>`), empty if none. */
  codings: PetrarchCoding[];
  /** True when the record says `<EventCoding noevents="True">`. */
  noEvents: boolean;
  /** The expected error of `<EventCoding error="…">` records (e.g. "storydiscard"), else null. */
  error: string | null;
  category: string | null;
  /** Line of the opening `<Sentence` tag (1-based). */
  line: number;
}

/** A malformed PETRARCH XML file; the message names the file and line. */
export class PetrarchXmlError extends Error {
  constructor(
    message: string,
    readonly file: string,
    readonly line: number,
  ) {
    super(`${file}:${line}: ${message}`);
    this.name = "PetrarchXmlError";
  }
}

const TAG_RE = /<(\/?)(Sentence|Text|Parse|EventCoding)\b([^>]*)>/g;
const NAME_START = /[A-Za-z_]/;
const NAME_CHAR = /[\w-]/;
const SPACE = /\s/;

/**
 * The `name="value"` (or `'value'`) pairs of a tag, skipping anything else. A scan, not a regex: a
 * regex backtracks through every start inside a long run of name characters not followed by `=`,
 * quadratic in the run (minutes on a 200 KB attribute).
 */
function attributes(s: string): Map<string, string> {
  const out = new Map<string, string>();
  const unclosed = new Set<string>();
  let i = 0;
  while (i < s.length) {
    if (!NAME_START.test(s[i])) {
      i++;
      continue;
    }
    const start = i;
    while (++i < s.length && NAME_CHAR.test(s[i]));
    const name = s.slice(start, i);
    let j = i;
    while (SPACE.test(s[j] ?? "")) j++;
    if (s[j] !== "=") continue;
    while (SPACE.test(s[++j] ?? ""));
    const quote = s[j];
    if ((quote !== '"' && quote !== "'") || unclosed.has(quote)) continue;
    const end = s.indexOf(quote, j + 1);
    if (end === -1) {
      unclosed.add(quote);
      continue;
    }
    out.set(name.toLowerCase(), s.slice(j + 1, end));
    i = end + 1;
  }
  return out;
}

/** Comments replaced by spaces of the same length, so offsets and line numbers are preserved. */
function blankComments(text: string): string {
  return text.replace(/<!--[\s\S]*?(?:-->|$)/g, (c) => c.replace(/[^\n]/g, " "));
}

const XML_ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

function decodeEntities(s: string): string {
  return s.replace(/&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/g, (_, e: string) => {
    if (e[0] !== "#") return XML_ENTITIES[e];
    const n = e[1] === "x" ? Number.parseInt(e.slice(2), 16) : Number(e.slice(1));
    return n > 0 && n <= 0x10ffff ? String.fromCodePoint(n) : "";
  });
}

/** Two-digit years below this are 20YY, the others 19YY (`121108` → 2012-11-08, `950101` → 1995-01-01). */
const CENTURY_PIVOT = 30;

/** A record date as YYYY-MM-DD: `YYYYMMDD`, `YYYY-MM-DD` or TABARI's `YYMMDD`; null if invalid. */
export function petrarchDate(raw: string): string | null {
  const d = raw.trim();
  const m = /^(\d{4})-?(\d{2})-?(\d{2})$/.exec(d) ?? /^(\d{2})(\d{2})(\d{2})$/.exec(d);
  if (!m) return null;
  const [, yy, mo, da] = m;
  const y = yy.length === 2 ? String((Number(yy) < CENTURY_PIVOT ? 2000 : 1900) + Number(yy)) : yy;
  const t = utcDate(Number(y), Number(mo) - 1, Number(da));
  if (t.getUTCFullYear() !== Number(y) || t.getUTCMonth() !== Number(mo) - 1 || t.getUTCDate() !== Number(da))
    return null;
  return `${y}-${mo}-${da}`;
}

/** Options of {@link readPetrarchXml}. */
export interface ReadPetrarchXmlOptions {
  /** Line of the text's first character, when `text` is a slice of a larger file. */
  firstLine: number;
  /**
   * Called with each malformed record (or stray tag) instead of throwing; the reader then goes on
   * with the next record. Without it the first error is thrown.
   */
  onBad: ((err: PetrarchXmlError) => void) | null;
}

/**
 * Read every `<Sentence>` record of a PETRARCH XML text. A malformed record is named by its id
 * and line: `unit.xml:42: invalid date "1211" in record "AFP-1" (…)`; with `onBad` it is reported
 * and skipped.
 *
 * @example for (const r of readPetrarchXml(xml, "unit.xml")) console.log(r.id, r.codings);
 */
export function* readPetrarchXml(
  text: string,
  file: string,
  options: Partial<ReadPetrarchXmlOptions> = {},
): Generator<PetrarchRecord> {
  const { firstLine, onBad } = { firstLine: 1, onBad: null, ...options } satisfies ReadPetrarchXmlOptions;
  const src = blankComments(text);
  let lineAt = 0;
  let line = firstLine;
  const lineOf = (offset: number): number => {
    for (let i = src.indexOf("\n", lineAt); i !== -1 && i < offset; i = src.indexOf("\n", i + 1)) {
      line++;
      lineAt = i + 1;
    }
    return line;
  };
  let open: { line: number; attrs: Map<string, string>; start: number; bad: boolean } | null = null;
  let textSpan: { start: number; end: number | null } | null = null;
  let parseSpan: { start: number; end: number | null } | null = null;
  let codings: PetrarchCoding[] = [];
  let noEvents = false;
  let error: string | null = null;
  /** Report an error (throw, or hand it to `onBad` and mark the open record to be skipped). */
  const fail = (message: string, at: number, hint = ""): void => {
    const id = open?.attrs.get("id");
    const err = new PetrarchXmlError(`${message}${id ? ` in record "${id}"` : ""}${hint}`, file, at);
    if (!onBad) throw err;
    if (open) {
      if (open.bad) return;
      open.bad = true;
    }
    onBad(err);
  };
  // Tags are matched only up to the last ">": a "<Text" with no ">" after it would otherwise
  // scan to the end of the text, quadratic over many of them.
  for (const m of src.slice(0, src.lastIndexOf(">") + 1).matchAll(TAG_RE)) {
    const [whole, close, name, rest] = m;
    const at = lineOf(m.index);
    if (name === "Sentence") {
      if (!close) {
        if (open) fail(`<Sentence> opened before the one at line ${open.line} closed`, open.line);
        open = { line: at, attrs: attributes(rest), start: m.index + whole.length, bad: false };
        textSpan = parseSpan = null;
        codings = [];
        noEvents = false;
        error = null;
        continue;
      }
      if (!open) {
        fail("</Sentence> without an opening <Sentence>", at);
        continue;
      }
      const id = open.attrs.get("id");
      const rawDate = open.attrs.get("date");
      const date = rawDate ? petrarchDate(rawDate) : null;
      if (!id) fail("<Sentence> without an id attribute", open.line);
      else if (!textSpan || textSpan.end === null) fail("no complete <Text>", open.line);
      else if (rawDate && !date)
        fail(`invalid date "${rawDate}"`, open.line, " (expected YYYYMMDD or YYMMDD)");
      if (!open.bad && id && textSpan && textSpan.end !== null)
        yield {
          id,
          date,
          text: decodeEntities(src.slice(textSpan.start, textSpan.end)).replace(/\s+/g, " ").trim(),
          parse:
            parseSpan && parseSpan.end !== null ? src.slice(parseSpan.start, parseSpan.end).trim() : null,
          codings,
          noEvents,
          error,
          category: open.attrs.get("category") ?? null,
          line: open.line,
        };
      open = null;
      continue;
    }
    if (!open) {
      if (name === "EventCoding" || close) continue;
      fail(`<${name}> outside a <Sentence>`, at);
      continue;
    }
    if (name === "Text" || name === "Parse") {
      const span = name === "Text" ? textSpan : parseSpan;
      if (!close) {
        if (span) fail(`second <${name}>`, at);
        const next = { start: m.index + whole.length, end: null };
        if (name === "Text") textSpan = next;
        else parseSpan = next;
      } else if (!span || span.end !== null) fail(`</${name}> without <${name}>`, at);
      else span.end = m.index;
      continue;
    }
    if (name === "EventCoding" && !close) {
      const a = attributes(rest);
      if (a.has("noevents")) noEvents = /^true$/i.test(a.get("noevents")!);
      else if (a.has("error")) error = a.get("error")!;
      else {
        const source = a.get("sourcecode");
        const target = a.get("targetcode");
        const code = a.get("eventcode");
        if (source === undefined || target === undefined || code === undefined)
          fail("<EventCoding> needs sourcecode, targetcode and eventcode", at);
        else codings.push({ source, target, code });
      }
    }
  }
  if (open) fail("<Sentence> is never closed", open.line);
}

/** True if a text looks like PETRARCH XML (a `<Sentence` tag near the start). */
export function looksLikePetrarchXml(head: string): boolean {
  return /<Sentences?\b/.test(head.slice(0, 20_000)) || /^\s*<(?:\?xml|Validation)\b/.test(head);
}

/**
 * Stream the records of a PETRARCH XML file given as text chunks, holding at most one chunk plus
 * one unfinished record in memory. `onBad` as for {@link readPetrarchXml}.
 */
export async function* readPetrarchXmlStream(
  chunks: AsyncIterable<string>,
  file: string,
  onBad: ReadPetrarchXmlOptions["onBad"] = null,
): AsyncGenerator<PetrarchRecord> {
  let buffer = "";
  let line = 1;
  const CLOSE = "</Sentence>";
  for await (const chunk of chunks) {
    buffer += chunk;
    const cut = buffer.lastIndexOf(CLOSE);
    if (cut === -1) continue;
    const head = buffer.slice(0, cut + CLOSE.length);
    buffer = buffer.slice(cut + CLOSE.length);
    yield* readPetrarchXml(head, file, { firstLine: line, onBad });
    for (let i = head.indexOf("\n"); i !== -1; i = head.indexOf("\n", i + 1)) line++;
  }
  yield* readPetrarchXml(buffer, file, { firstLine: line, onBad });
}
