import { createReadStream, statSync } from "node:fs";
import { basename } from "node:path";
import type { Readable, Writable } from "node:stream";
import { codeStream, defaultCoder, type SentenceCoder, type StreamStats } from "../coder/index.ts";
import { decodeUtf8, gdeltRow, PetrarchXmlError, TextInputError } from "../formats/index.ts";
import { type Citation, datePrecisionOf, type Event } from "../model/index.ts";
import { filterShape } from "../store/index.ts";
import { CliError, usage } from "./error.ts";

export interface CodeCommandOptions {
  docDate?: string;
  format?: string;
  input?: string;
  store?: boolean;
  db?: string;
  dictionaries?: string;
  skipBad?: boolean;
  /** Also code clauses the lexicon is silent on by the learned event sense. */
  sense?: boolean;
  /** Keep only events whose confidence is at least this (0–1). */
  minConfidence?: string;
  /** The coded document's citation: URL, title, publication and publication date (YYYY-MM-DD). */
  url?: string;
  title?: string;
  publication?: string;
  published?: string;
}

/**
 * The `--min-confidence` flag as a number, or undefined when absent. The dictionary coder gives no
 * confidence, so the flag is refused with `--dictionaries`.
 */
export function minConfidenceOf(opts: { minConfidence?: string; dictionaries?: string }): number | undefined {
  if (opts.minConfidence === undefined) return undefined;
  // The rule of the events filter of the same name (store/filter.ts), so both flags read alike.
  const r = filterShape.minConfidence.safeParse(opts.minConfidence);
  if (!r.success || r.data === undefined)
    throw usage(`invalid --min-confidence "${opts.minConfidence}" (a number from 0 to 1)`);
  const p = r.data;
  if (opts.dictionaries)
    throw usage(
      "--min-confidence cannot be used with --dictionaries: the dictionary coder gives no confidence",
    );
  return p;
}

/** The events of `events` as confident as `min` (all of them when `min` is undefined). */
export function confident(events: Event[], min: number | undefined): Event[] {
  return min === undefined ? events : events.filter((e) => e.confidence !== null && e.confidence >= min);
}

/** Yalu's coder with the shipped learned event sense. */
export async function senseCoder(): Promise<SentenceCoder> {
  const { NativeCoder, shippedCoderData, shippedSense } = await import("../coder/index.ts");
  const sense = shippedSense();
  if (!sense) throw new CliError("the learned event sense model is missing (npm run train:sense)");
  return new NativeCoder({ ...shippedCoderData(), sense });
}

export interface CodeIo {
  stdin: Readable;
  stdout: Writable;
  stderr: Writable;
}

const OUTPUT_FORMATS = ["jsonl", "tsv", "gdelt2"] as const;
const INPUT_FORMATS = ["auto", "text", "markdown", "xml"] as const;
const TSV_HEADER =
  "id\tdate\tprecision\tsource\ttarget\tcameo\troot\tquad\tgoldstein\tplover\tdoc\tstart\tend\tcitation\tsentence";

function tsvRow(e: Event): string {
  const c = e.evidence.citation;
  const cells = [
    e.id,
    e.date,
    e.datePrecision,
    e.source.code,
    e.target.code,
    e.cameo,
    e.root,
    String(e.quadClass),
    String(e.goldstein),
    e.plover ?? "",
    e.evidence.docId ?? "",
    String(e.evidence.start ?? ""),
    String(e.evidence.end ?? ""),
    c ? [c.publication, c.title, c.date].filter(Boolean).join(", ") : "",
    e.evidence.sentence ?? "",
  ];
  return cells.map((v) => v.replace(/[\t\r\n]+/g, " ")).join("\t");
}

/** The document's citation from `--url`, `--title`, `--publication` and `--published`, or null. */
function documentCitation(opts: CodeCommandOptions): Citation | null {
  if (opts.published !== undefined && datePrecisionOf(opts.published) !== "day")
    throw usage(`invalid --published "${opts.published}" (expected YYYY-MM-DD)`);
  if (opts.url !== undefined && !URL.canParse(opts.url))
    throw usage(`invalid --url "${opts.url}" (expected an absolute URL)`);
  const c = {
    publication: opts.publication || null,
    title: opts.title || null,
    date: opts.published ?? null,
    url: opts.url || null,
  } satisfies Citation;
  return Object.values(c).some((v) => v !== null) ? c : null;
}

/**
 * Give events the document's citation (a footnote's citation, more specific, is kept) and its
 * publication date.
 */
function cite(events: Event[], citation: Citation | null): void {
  if (!citation) return;
  for (const e of events) {
    e.evidence.citation ??= citation;
    if (citation.date) e.publicationDate = citation.date;
  }
}

function write(out: Writable, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    if (out.write(text)) resolve();
    else out.once("drain", resolve).once("error", reject);
  });
}

/** `yalu code FILE|-`: code a text, Markdown or PETRARCH XML input and print (or store) its events. */
export async function runCode(
  file: string,
  opts: CodeCommandOptions,
  io: CodeIo = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr },
): Promise<void> {
  const format = (opts.format ?? "jsonl") as (typeof OUTPUT_FORMATS)[number];
  if (!OUTPUT_FORMATS.includes(format))
    throw usage(`invalid --format "${opts.format}" (jsonl, tsv or gdelt2)`);
  const input = (opts.input ?? "auto") as (typeof INPUT_FORMATS)[number];
  if (!INPUT_FORMATS.includes(input))
    throw usage(`invalid --input "${opts.input}" (auto, text, markdown or xml)`);
  if (opts.docDate !== undefined && datePrecisionOf(opts.docDate) !== "day")
    throw usage(`invalid --doc-date "${opts.docDate}" (expected YYYY-MM-DD)`);
  const citation = documentCitation(opts);
  const min = minConfidenceOf(opts);
  let size = 0;
  if (file !== "-") {
    try {
      const st = statSync(file);
      if (st.isDirectory()) throw usage(`${file}: is a directory`);
      size = st.size;
    } catch (err) {
      if (err instanceof CliError) throw err;
      throw new CliError(`${file}: no such file`);
    }
  }
  const coder: SentenceCoder = opts.dictionaries
    ? await (await import("../coder/index.ts")).loadDictionaryCoder(opts.dictionaries)
    : opts.sense
      ? await senseCoder()
      : defaultCoder();
  const bytes = file === "-" ? io.stdin : createReadStream(file, { highWaterMark: 256 * 1024 });
  const name = file === "-" ? "stdin" : file;
  const stats: StreamStats = {
    sentences: 0,
    events: 0,
    skipped: 0,
    warnings: [],
    format: null,
    docDate: null,
  };
  const store = opts.store ? await (await import("./record.ts")).openRecord(opts.db) : null;
  const progress = file !== "-" && (io.stderr as { isTTY?: boolean }).isTTY === true && size > 1_000_000;
  let read = 0;
  const counted = async function* () {
    for await (const chunk of bytes as AsyncIterable<Uint8Array>) {
      read += chunk.length;
      if (progress) {
        const pct = Math.floor((100 * read) / size);
        io.stderr.write(
          `\r[${"#".repeat(pct / 4).padEnd(25)}] ${pct}% ${stats.sentences} sentences, ${stats.events} events`,
        );
      }
      yield chunk;
    }
  };
  let inserted = 0;
  let duplicates = 0;
  let bad = 0;
  const onBad = (err: PetrarchXmlError): void => {
    bad++;
    io.stderr.write(`yalu: ${err.message}: skipped\n`);
  };
  try {
    if (format === "tsv") await write(io.stdout, `${TSV_HEADER}\n`);
    const text = decodeUtf8(counted(), name);
    const run = codeStream(text, stats, {
      name: basename(name),
      // The URL names the article wherever its text comes from, so copies of it share event ids.
      docId: opts.url ?? (file === "-" ? "stdin" : basename(file)),
      docDate: opts.docDate ?? opts.published ?? null,
      format: input,
      onBad: opts.skipBad ? onBad : null,
      coder,
    });
    for await (const all of run) {
      const events = confident(all, min);
      if (events.length === 0) continue;
      cite(events, citation);
      if (store) {
        const r = await store.importEvents(events);
        inserted += r.inserted;
        duplicates += r.duplicates;
        continue;
      }
      const lines = events.map((e) =>
        format === "jsonl" ? JSON.stringify(e) : format === "tsv" ? tsvRow(e) : gdeltRow(e, 2),
      );
      await write(io.stdout, `${lines.join("\n")}\n`);
    }
  } catch (err) {
    if (err instanceof TextInputError || err instanceof PetrarchXmlError) throw new CliError(err.message);
    throw err;
  } finally {
    if (progress) io.stderr.write("\n");
    await store?.close();
  }
  if (stats.format === null) io.stderr.write(`yalu: ${name}: empty input, no events\n`);
  for (const w of stats.warnings) io.stderr.write(`yalu: ${name}: ${w}\n`);
  // An event needs a date: without the document's, only sentences that give their own are coded.
  if (stats.format !== null && stats.format !== "xml" && stats.docDate === null && stats.sentences > 0)
    io.stderr.write(
      `yalu: ${name}: no document date (none in the text's header, no --doc-date or --published): sentences without a date of their own give no events\n`,
    );
  const dated = stats.docDate ? ` (document date ${stats.docDate})` : "";
  const stored = store ? `; stored ${inserted} new, ${duplicates} already present` : "";
  const skipped = bad > 0 ? `; ${bad} bad records skipped` : "";
  io.stderr.write(`coded ${stats.sentences} sentences → ${stats.events} events${dated}${stored}${skipped}\n`);
}
