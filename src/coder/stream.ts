import { markdownToText, type PetrarchXmlError, readPetrarchXmlStream } from "../formats/index.ts";
import type { Event } from "../model/index.ts";
import { headerDate } from "./dates.ts";
import {
  type CodedDocument,
  codeTextBlock,
  codeXmlRecord,
  detectFormat,
  type InputFormat,
} from "./document.ts";
import { newContext } from "./native.ts";
import type { SentenceCoder } from "./types.ts";

export interface CodeStreamOptions {
  /** Name of the input (file name), for format detection and error messages. */
  name: string;
  docId: string | null;
  docDate: string | null;
  format: InputFormat | "auto";
  coder: SentenceCoder;
  /** Characters per block of a text input; blocks end at paragraph breaks where possible. */
  blockSize: number;
  /** PETRARCH XML: called with each malformed record, which is skipped (default: null, an error). */
  onBad: ((err: PetrarchXmlError) => void) | null;
}

/** Running totals of a streamed coding run. */
export interface StreamStats {
  sentences: number;
  events: number;
  skipped: number;
  warnings: string[];
  format: InputFormat | null;
  docDate: string | null;
}

/** The end of the last sentence in `text` (after its ".", "!" or "?"), or -1. */
function lastSentenceEnd(text: string): number {
  for (let i = text.length - 2; i > 0; i--)
    if (".!?".includes(text[i]) && /\s/.test(text[i + 1])) return i + 1;
  return -1;
}

/** Cut a text stream into blocks at paragraph breaks (else sentence ends, else spaces). */
async function* blocks(
  chunks: AsyncIterable<string>,
  size: number,
): AsyncGenerator<{ text: string; base: number }> {
  let buffer = "";
  let base = 0;
  for await (const chunk of chunks) {
    buffer += chunk;
    while (buffer.length >= size) {
      let cut = buffer.lastIndexOf("\n\n", size * 4);
      if (cut < size / 2) {
        // No paragraph break yet: wait for more text, up to four blocks, then cut at a sentence end.
        if (buffer.length < size * 4) break;
        const window = buffer.slice(0, size * 4);
        cut = lastSentenceEnd(window);
        if (cut < size / 2) cut = window.lastIndexOf(" ");
        if (cut <= 0) cut = window.length;
      }
      yield { text: buffer.slice(0, cut), base };
      base += cut;
      buffer = buffer.slice(cut);
    }
  }
  if (buffer.length > 0) yield { text: buffer, base };
}

/** A stream whose first chunk has been read (for format detection) and is replayed. */
async function* replay(first: string, rest: AsyncIterator<string>): AsyncGenerator<string> {
  yield first;
  for (let r = await rest.next(); !r.done; r = await rest.next()) yield r.value;
}

/**
 * Code a text stream (plain text, Markdown or PETRARCH XML) block by block, yielding each block's
 * events: memory stays flat however long the input. `stats` is updated as it goes.
 */
export async function* codeStream(
  chunks: AsyncIterable<string>,
  stats: StreamStats,
  options: Partial<CodeStreamOptions> & Pick<CodeStreamOptions, "coder">,
): AsyncGenerator<Event[]> {
  const opts = {
    name: "input",
    docId: null,
    docDate: null,
    format: "auto",
    blockSize: 256 * 1024,
    onBad: null,
    ...options,
  } satisfies CodeStreamOptions;
  const it = chunks[Symbol.asyncIterator]();
  let head = "";
  const pending: string[] = [];
  while (head.length < 20_000) {
    const r = await it.next();
    if (r.done) break;
    pending.push(r.value);
    head += r.value;
  }
  if (head.trim() === "") {
    stats.format = null;
    return;
  }
  const format = opts.format === "auto" ? detectFormat(opts.name, head) : opts.format;
  stats.format = format;
  const input = replay(pending.join(""), it);
  const out: CodedDocument = {
    events: [],
    sentences: 0,
    skipped: 0,
    warnings: stats.warnings,
    docDate: null,
  };
  const flush = (): Event[] => {
    stats.sentences += out.sentences;
    stats.skipped += out.skipped;
    stats.events += out.events.length;
    const events = out.events;
    out.events = [];
    out.sentences = out.skipped = 0;
    return events;
  };
  if (format === "xml") {
    let n = 0;
    for await (const r of readPetrarchXmlStream(input, opts.name, opts.onBad)) {
      // A record's own date first; the document date (--doc-date, --published) for undated ones.
      codeXmlRecord(r.date || !opts.docDate ? r : { ...r, date: opts.docDate }, opts.coder, out);
      if (++n % 200 === 0) yield flush();
    }
    yield flush();
    return;
  }
  const docDate = opts.docDate ?? headerDate(head);
  stats.docDate = docDate;
  const state = { ctx: newContext(docDate), n: 0, docId: opts.docId ?? opts.name };
  for await (const b of blocks(input, opts.blockSize)) {
    codeTextBlock(format === "markdown" ? markdownToText(b.text) : b.text, b.base, state, opts.coder, out);
    yield flush();
  }
}
