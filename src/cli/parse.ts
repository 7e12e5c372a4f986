import { readFileSync } from "node:fs";
import type { Writable } from "node:stream";
import { detectFormat, splitSentences, type Token, tokenize } from "../coder/index.ts";
import { firstInvalidUtf8, looksBinary, markdownToText, readPetrarchXml } from "../formats/index.ts";
import {
  ConlluError,
  type ConlluSentence,
  formatParseScore,
  loadParser,
  type ParsedWord,
  type ParserModel,
  parse,
  parseConlluSentence,
  readConllu,
  scoreParses,
  writeSentence,
} from "../parse/index.ts";
import { CliError, usage } from "./error.ts";

export interface ParseOptions {
  input?: string;
  json?: boolean;
  model?: string;
}

const INPUTS = ["auto", "text", "markdown", "xml", "conllu"] as const;

function readInput(file: string): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file === "-" ? 0 : file);
  } catch {
    throw usage(`cannot read input "${file}"`);
  }
  const name = file === "-" ? "standard input" : file;
  if (looksBinary(bytes)) throw new CliError(`${name}: binary input, not text`);
  const bad = firstInvalidUtf8(bytes);
  if (bad) throw new CliError(`${name}: invalid UTF-8 at line ${bad.line} (byte ${bad.byte})`);
  return bytes.toString("utf8").replace(/^\uFEFF/, "");
}

function model(opts: ParseOptions): ParserModel {
  try {
    return loadParser(opts.model);
  } catch (err) {
    throw new CliError((err as Error).message);
  }
}

function conllu(text: string, file: string): ConlluSentence[] {
  try {
    return readConllu(text);
  } catch (err) {
    if (err instanceof ConlluError) throw new CliError(`${file}: ${err.message}`);
    throw err;
  }
}

/** A sentence of raw text: its words with character offsets into the input. */
interface TextSentence {
  id: string;
  text: string;
  start: number;
  tokens: Token[];
}

function* textSentences(
  text: string,
  format: "text" | "markdown" | "xml",
  file: string,
): Generator<TextSentence> {
  if (format === "xml") {
    for (const r of readPetrarchXml(text, file))
      for (const [k, span] of splitSentences(r.text).entries()) {
        const s = r.text.slice(span.start, span.end);
        yield { id: `${r.id}-${k + 1}`, text: s, start: span.start, tokens: tokenize(s, span.start) };
      }
    return;
  }
  const body = format === "markdown" ? markdownToText(text) : text;
  let n = 0;
  for (const span of splitSentences(body)) {
    const s = body.slice(span.start, span.end);
    yield {
      id: String(++n),
      text: s.replace(/\s+/g, " "),
      start: span.start,
      tokens: tokenize(s, span.start),
    };
  }
}

function conlluOfText(s: TextSentence, words: ParsedWord[]): string {
  const lines = [`# sent_id = ${s.id}`, `# text = ${s.text}`];
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    const t = s.tokens[i];
    const misc = [`TokenRange=${t.start}:${t.end}`];
    if (s.tokens[i + 1]?.start === t.end) misc.push("SpaceAfter=No");
    lines.push(
      [w.id, w.form, w.lemma, w.upos, w.xpos, "_", w.head, w.deprel, "_", misc.join("|")].join("\t"),
    );
  }
  return `${lines.join("\n")}\n\n`;
}

/**
 * `yalu parse FILE|- [--input KIND] [--json]`: Universal Dependencies parses, as CoNLL-U (or JSON
 * Lines, one sentence a line). Raw text is split and tokenised as `yalu code` does, so
 * `TokenRange` offsets are the coder's; CoNLL-U input keeps its words, ranges and comments.
 */
export async function runParse(
  file: string,
  opts: ParseOptions,
  out: Writable = process.stdout,
): Promise<void> {
  const kind = opts.input ?? "auto";
  if (!(INPUTS as readonly string[]).includes(kind))
    throw usage(`invalid --input "${kind}" (expected ${INPUTS.join(", ")})`);
  const text = readInput(file);
  const m = model(opts);
  const format =
    kind === "auto"
      ? /\.conllu$/i.test(file) || /^(#[^\n]*\n)*\d+\t[^\t\n]*\t/.test(text)
        ? "conllu"
        : detectFormat(file, text.slice(0, 4000))
      : kind;
  const write = (s: string): boolean => out.write(s);
  if (format === "conllu") {
    for (const s of conllu(text, file)) {
      const p = parseConlluSentence(m, s);
      write(opts.json ? `${JSON.stringify({ comments: p.comments, words: p.words })}\n` : writeSentence(p));
    }
    return;
  }
  for (const s of textSentences(text, format as "text" | "markdown" | "xml", file)) {
    if (s.tokens.length === 0) continue;
    const words = parse(
      m,
      s.tokens.map((t) => t.text),
    );
    if (opts.json) {
      const ws = words.map((w, i) => ({ ...w, start: s.tokens[i].start, end: s.tokens[i].end }));
      write(`${JSON.stringify({ id: s.id, text: s.text, start: s.start, words: ws })}\n`);
    } else write(conlluOfText(s, words));
  }
}

/**
 * `yalu eval-parse GOLD.conllu [--pred FILE] [--json]`: UAS, LAS, UPOS and XPOS of the parser (or
 * of a given parse) against a gold treebank, with and without punctuation, and per relation.
 */
export async function runEvalParse(
  goldFile: string,
  opts: { pred?: string; json?: boolean; model?: string },
  out: Writable = process.stdout,
): Promise<void> {
  const gold = conllu(readInput(goldFile), goldFile);
  let pred: ConlluSentence[];
  if (opts.pred) pred = conllu(readInput(opts.pred), opts.pred);
  else {
    const m = model(opts);
    pred = gold.map((s) => parseConlluSentence(m, s));
  }
  let score: ReturnType<typeof scoreParses>;
  try {
    score = scoreParses(gold, pred);
  } catch (err) {
    throw new CliError((err as Error).message);
  }
  out.write(opts.json ? `${JSON.stringify(score, null, 2)}\n` : formatParseScore(score));
}
