/**
 * Parser speed: splits and tokenises the KCNA 2011 stories as the coder does, then parses every
 * sentence (tagging included) and prints sentences per second on one core beside wink-nlp's
 * tokenisation alone on the same text, interleaved batch by batch in the same run. Also prints the
 * model's size on disk, its load time, and RSS before, during and after (memory should stay flat).
 *
 *   npm run bench:parse [-- --stories N] [-- --rounds R] [-- --model FILE]
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import model from "wink-eng-lite-web-model";
import winkNLP from "wink-nlp";
import { splitSentences } from "../src/coder/sentences.ts";
import { tokenize } from "../src/coder/tokens.ts";
import { decodeModel } from "../src/parse/codec.ts";
import { DEFAULT_MODEL_FILE } from "../src/parse/default.ts";
import { parse } from "../src/parse/parser.ts";

const CORPUS = "../shared/reference/corpora/kcna_xmarquez/kcna_stories_2011_en.jsonl.gz";
const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : Number(process.argv[i + 1]);
};
if (!existsSync(CORPUS)) {
  console.log(`bench:parse: ${CORPUS} is absent; nothing to measure`);
  process.exit(0);
}

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
const rss = () => {
  (globalThis as { gc?: () => void }).gc?.();
  return mb(process.memoryUsage().rss);
};
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

let t = performance.now();
const modelIndex = process.argv.indexOf("--model");
const modelFile = modelIndex === -1 ? DEFAULT_MODEL_FILE : process.argv[modelIndex + 1];
if (!modelFile || !existsSync(modelFile)) {
  console.error(`bench:parse: --model: no model file "${modelFile ?? ""}"`);
  process.exit(2);
}
const bytes = readFileSync(modelFile);
const m = decodeModel(bytes);
const loadMs = performance.now() - t;
console.log(
  `model: ${modelFile}: ${mb(statSync(modelFile).size)} on disk, loaded in ${loadMs.toFixed(0)} ms`,
);

const texts = gunzipSync(readFileSync(CORPUS))
  .toString("utf8")
  .split("\n")
  .filter((l) => l.trim() !== "")
  .slice(0, arg("stories", Number.POSITIVE_INFINITY))
  .map((l) => JSON.parse(l) as { title: string; story: string })
  .map((s) => `${s.title}\n\n${s.story.replace(/,\s*,\s+/g, "\n\n")}`);
const sentences = texts.flatMap((text) => splitSentences(text).map((sp) => text.slice(sp.start, sp.end)));
const words = sentences.reduce((n, s) => n + tokenize(s).length, 0);
console.log(`KCNA 2011: ${texts.length} stories, ${sentences.length} sentences, ${words} words`);

const nlp = winkNLP(model, []);
for (const s of sentences.slice(0, 2000)) {
  nlp.readDoc(s);
  parse(
    m,
    tokenize(s).map((w) => w.text),
  );
}
console.log(`RSS after warm-up: ${rss()}`);

const rounds = arg("rounds", 1);
let tokCpu = 0;
let parseCpu = 0;
let parseWall = 0;
let arcs = 0;
const BATCH = 1000;
for (let r = 0; r < rounds; r++)
  for (let i = 0; i < sentences.length; i += BATCH) {
    const batch = sentences.slice(i, i + BATCH);
    let c = cpu();
    for (const s of batch) nlp.readDoc(s).tokens().length();
    tokCpu += cpu() - c;
    c = cpu();
    t = performance.now();
    for (const s of batch)
      arcs += parse(
        m,
        tokenize(s).map((w) => w.text),
      ).length;
    parseCpu += cpu() - c;
    parseWall += performance.now() - t;
    if (r === 0 && i === Math.floor(sentences.length / 2 / BATCH) * BATCH)
      console.log(`RSS in the middle: ${rss()}`);
  }
const n = sentences.length * rounds;
const rate = (s: number) => Math.round(n / s);
console.log(`wink-nlp tokenise only: ${rate(tokCpu)} sentences/s CPU (${tokCpu.toFixed(2)} s)`);
console.log(
  `yalu parse (tokenise, tag, parse): ${arcs} words; ${rate(parseCpu)} sentences/s CPU (${parseCpu.toFixed(2)} s), ${rate(parseWall / 1000)} sentences/s wall; ${Math.round(arcs / parseCpu)} words/s`,
);
console.log(`ratio parse/tokenise: ${(tokCpu / parseCpu).toFixed(2)} (goal: ≥ 3,000 sentences/s)`);
console.log(`RSS at the end: ${rss()}`);
