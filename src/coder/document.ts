import {
  looksLikePetrarchXml,
  markdownToText,
  readPetrarchXml,
  readPetrarchXmlStream,
} from "../formats/index.ts";
import { type Event, eventId } from "../model/index.ts";
import { headerDate } from "./dates.ts";
import { citationIn, originalOffset, stripFootnotes } from "./footnotes.ts";
import { type CoderContext, NativeCoder, newContext } from "./native.ts";
import { splitSentences } from "./sentences.ts";
import type { SentenceCoder } from "./types.ts";

export type InputFormat = "text" | "markdown" | "xml";

export interface CodeDocumentOptions {
  /** Document id for the events' evidence (default: null; XML records use their own ids). */
  docId: string | null;
  /**
   * The date relative dates resolve against and undated sentences take (YYYY-MM-DD). When null, a
   * date in the document's head ("October 01, 2025") is used; with neither, undated sentences
   * give no events.
   */
  docDate: string | null;
  format: InputFormat | "auto";
  /** The sentence coder: Yalu's own {@link NativeCoder} (`defaultCoder()` of shipped.ts), or another. */
  coder: SentenceCoder;
}

/** The result of coding a document. */
export interface CodedDocument {
  events: Event[];
  sentences: number;
  /** Sentences not coded (over-long, or no date to give their events). */
  skipped: number;
  warnings: string[];
  docDate: string | null;
}

/** Guess the format of an input from its name and first characters. */
export function detectFormat(name: string, head: string): InputFormat {
  if (/\.xml$/i.test(name) || looksLikePetrarchXml(head)) return "xml";
  if (/\.(md|markdown)$/i.test(name) || /^#{1,6} \S/m.test(head.slice(0, 2000))) return "markdown";
  return "text";
}

const MAX_SENTENCE = 3000;

/** Code one block of a text document (a whole document, or a piece of a streamed one). */
export function codeTextBlock(
  block: string,
  base: number,
  state: { ctx: CoderContext; n: number; docId: string | null },
  coder: SentenceCoder,
  out: CodedDocument,
): void {
  const clean = stripFootnotes(block);
  for (const span of splitSentences(clean.text)) {
    out.sentences++;
    if (span.end - span.start > MAX_SENTENCE) {
      out.skipped++;
      if (out.warnings.length < 20)
        out.warnings.push(
          `sentence at offset ${base + originalOffset(clean, span.start)} is over ${MAX_SENTENCE} characters: not coded`,
        );
      continue;
    }
    const raw = clean.text.slice(span.start, span.end);
    const text = /\s\s|[\n\t\r]/.test(raw) ? raw.replace(/\s+/g, " ") : raw;
    const start = base + originalOffset(clean, span.start);
    const end = base + originalOffset(clean, span.end);
    const citation = citationIn(clean, span.start, span.end);
    const input = {
      id: `${state.docId ?? "doc"}:${state.n++}`,
      text,
      date: state.ctx.dates.docDate,
      docId: state.docId,
      offset: start,
    };
    const events =
      coder instanceof NativeCoder ? coder.codeInContext(input, state.ctx, citation, end) : coder.code(input);
    for (const e of events) {
      if (!(coder instanceof NativeCoder)) {
        e.evidence = { ...e.evidence, end, citation: e.evidence.citation ?? citation };
        e.id = eventId(e);
      }
      out.events.push(e);
    }
  }
}

/**
 * Code a whole document held in memory: plain text, Markdown or PETRARCH XML.
 *
 * @example codeDocument("On 4 September 2025 Xi Jinping met Kim Jong Un in Beijing.", { docDate: "2025-09-05", coder: defaultCoder() })
 */
export function codeDocument(
  text: string,
  options: Partial<CodeDocumentOptions> & Pick<CodeDocumentOptions, "coder">,
): CodedDocument {
  const opts = { docId: null, docDate: null, format: "auto", ...options } satisfies CodeDocumentOptions;
  const format = opts.format === "auto" ? detectFormat(opts.docId ?? "", text) : opts.format;
  const docDate = opts.docDate ?? (format === "xml" ? null : headerDate(text));
  const out: CodedDocument = { events: [], sentences: 0, skipped: 0, warnings: [], docDate };
  if (format === "xml") {
    for (const r of readPetrarchXml(text, opts.docId ?? "input")) codeXmlRecord(r, opts.coder, out);
    return out;
  }
  const body = format === "markdown" ? markdownToText(text) : text;
  codeTextBlock(body, 0, { ctx: newContext(docDate), n: 0, docId: opts.docId }, opts.coder, out);
  return out;
}

/** Code one PETRARCH XML record (its own id and date). */
export function codeXmlRecord(
  r: { id: string; date: string | null; text: string; parse: string | null },
  coder: SentenceCoder,
  out: CodedDocument,
): void {
  out.sentences++;
  const input = { id: r.id, text: r.text, date: r.date, docId: r.id, offset: 0, parse: r.parse };
  const events =
    coder instanceof NativeCoder ? coder.codeInContext(input, newContext(r.date), null) : coder.code(input);
  out.events.push(...events);
}

export { readPetrarchXmlStream };
