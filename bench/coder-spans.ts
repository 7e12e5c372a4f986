/**
 * Generality check on news prose the coder was not written for: the ConfliBERT CAMEO NER sentences
 * (source span S, target span T per sentence). Codes each sentence and reports how often Yalu finds
 * an event at all, and how often its source and target fall on the annotated spans.
 *
 *   node --import tsx bench/coder-spans.ts
 */
import { existsSync, readFileSync } from "node:fs";
import { defaultCoder } from "../src/coder/shipped.ts";
import { tokenize } from "../src/coder/tokens.ts";

const FILE = "../shared/reference/eventdata/ConfliBERT/data/cameo_ner/train.txt";
if (!existsSync(FILE)) {
  console.log(`${FILE} is absent; nothing to measure`);
  process.exit(0);
}

interface Sentence {
  words: string[];
  source: Set<string>;
  target: Set<string>;
}

const STOP = new Set(["the", "a", "an", "'s", "of", "and", ","]);
const sentences: Sentence[] = [];
let cur: Sentence = { words: [], source: new Set(), target: new Set() };
for (const line of readFileSync(FILE, "utf8").split("\n")) {
  if (line.trim() === "") {
    if (cur.words.length > 0) sentences.push(cur);
    cur = { words: [], source: new Set(), target: new Set() };
    continue;
  }
  const [word, tag] = line.split(" ");
  cur.words.push(word);
  const w = word.toLowerCase();
  if (STOP.has(w)) continue;
  if (tag?.endsWith("-S")) cur.source.add(w);
  if (tag?.endsWith("-T")) cur.target.add(w);
}
if (cur.words.length > 0) sentences.push(cur);

const coder = defaultCoder();
const words = (name: string | null) =>
  tokenize(name ?? "")
    .map((t) => t.lower)
    .filter((w) => !STOP.has(w));
const overlaps = (name: string | null, span: Set<string>) => words(name).some((w) => span.has(w));

let withBoth = 0;
let coded = 0;
let sourceHit = 0;
let targetHit = 0;
let pairHit = 0;
let anyPair = 0;
let events = 0;
for (const [i, s] of sentences.entries()) {
  const text = s.words
    .join(" ")
    .replace(/ ([,.;:!?)]|'s)/g, "$1")
    .replace(/\( /g, "(");
  const out = coder.code({ id: String(i), text, date: "2010-01-01", docId: "conflibert", offset: 0 });
  events += out.length;
  if (s.source.size === 0 || s.target.size === 0) continue;
  withBoth++;
  if (out.length === 0) continue;
  coded++;
  const first = out[0];
  if (overlaps(first.source.name, s.source)) sourceHit++;
  if (overlaps(first.target.name, s.target)) targetHit++;
  if (overlaps(first.source.name, s.source) && overlaps(first.target.name, s.target)) pairHit++;
  if (out.some((e) => overlaps(e.source.name, s.source) && overlaps(e.target.name, s.target))) anyPair++;
}
const pct = (a: number, b: number) => `${((100 * a) / Math.max(1, b)).toFixed(1)}%`;
console.log(
  `ConfliBERT cameo_ner: ${sentences.length} sentences, ${withBoth} with both a source and a target span`,
);
console.log(
  `Yalu events: ${events}; sentences (with both spans) given ≥ 1 event: ${coded} (${pct(coded, withBoth)})`,
);
console.log(
  `first event of a coded sentence: source on the S span ${pct(sourceHit, coded)}, target on the T span ${pct(targetHit, coded)}, both ${pct(pairHit, coded)}`,
);
console.log(
  `some event with source on S and target on T: ${anyPair} of ${withBoth} annotated sentences (recall ${pct(anyPair, withBoth)})`,
);
