/**
 * Coder speed: codes the KCNA 2011 stories and prints sentences per second beside wink-nlp's
 * tokenisation alone on the same text in the same run, then streams a ~100 MB input (the corpus
 * repeated into a temporary file) printing RSS at the start, middle and end.
 *
 *   npm run bench:coder [-- --mb 100] [-- --stories N]
 *
 * The corpus stores paragraph breaks as ", , " (its newlines were flattened); they are restored as
 * blank lines before coding.
 */
import {
  createReadStream,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import model from "wink-eng-lite-web-model";
import winkNLP from "wink-nlp";
import { codeDocument } from "../src/coder/document.ts";
import { splitSentences } from "../src/coder/sentences.ts";
import { defaultCoder } from "../src/coder/shipped.ts";
import { codeStream, type StreamStats } from "../src/coder/stream.ts";
import { decodeUtf8 } from "../src/formats/text.ts";

const CORPUS = "../shared/reference/corpora/kcna_xmarquez/kcna_stories_2011_en.jsonl.gz";
const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : Number(process.argv[i + 1]);
};

if (!existsSync(CORPUS)) {
  console.log(`bench:coder: ${CORPUS} is absent; nothing to measure`);
  process.exit(0);
}

const stories = gunzipSync(readFileSync(CORPUS))
  .toString("utf8")
  .split("\n")
  .filter((l) => l.trim() !== "")
  .slice(0, arg("stories", Number.POSITIVE_INFINITY))
  .map((l) => JSON.parse(l) as { date: string; title: string; story: string })
  .map((s) => ({ date: s.date, text: `${s.title}\n\n${s.story.replace(/,\s*,\s+/g, "\n\n")}` }));
const chars = stories.reduce((n, s) => n + s.text.length, 0);
const sentences = stories.reduce((n, s) => n + splitSentences(s.text).length, 0);
const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
/** RSS and live heap, after a full collection when run with --expose-gc (as `npm run bench:coder` does). */
const rss = () => {
  (globalThis as { gc?: () => void }).gc?.();
  const m = process.memoryUsage();
  return `${mb(m.rss)} (heap ${mb(m.heapUsed)})`;
};
console.log(`KCNA 2011: ${stories.length} stories, ${sentences} sentences, ${mb(chars)} of text`);

// Warm up both (model loading, registry and lexicon compilation, JIT).
const nlp = winkNLP(model, []);
const coder = defaultCoder();
for (const s of stories.slice(0, 50)) {
  nlp.readDoc(s.text);
  codeDocument(s.text, { docDate: s.date, coder });
}

// The machine is shared: the two are interleaved batch by batch, and timed in CPU time (user +
// system of this single-threaded process) as well as wall time, so both see the same load.
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};
let tokWall = 0;
let tokCpu = 0;
let codeWall = 0;
let codeCpu = 0;
let tokens = 0;
let events = 0;
for (let i = 0; i < stories.length; i += 250) {
  const batch = stories.slice(i, i + 250);
  let w = performance.now();
  let c = cpu();
  for (const s of batch) tokens += nlp.readDoc(s.text).tokens().length();
  tokWall += (performance.now() - w) / 1000;
  tokCpu += cpu() - c;
  w = performance.now();
  c = cpu();
  for (const s of batch)
    events += codeDocument(s.text, { docDate: s.date, docId: s.date, coder }).events.length;
  codeWall += (performance.now() - w) / 1000;
  codeCpu += cpu() - c;
}
const rate = (seconds: number) => Math.round(sentences / seconds);
console.log(
  `wink-nlp tokenise only: ${tokens} tokens; ${rate(tokCpu)} sentences/s CPU (${tokCpu.toFixed(2)} s), ${rate(tokWall)} sentences/s wall`,
);
console.log(
  `yalu code:              ${events} events; ${rate(codeCpu)} sentences/s CPU (${codeCpu.toFixed(2)} s), ${rate(codeWall)} sentences/s wall`,
);
console.log(
  `ratio code/tokenise:    ${(tokCpu / codeCpu).toFixed(2)} CPU, ${(tokWall / codeWall).toFixed(2)} wall (goal: ≥ 3,000 sentences/s on one core, parse included)`,
);
let t = performance.now();

// Memory on a large input: the corpus repeated into a temporary file, streamed through the coder.
const targetMb = arg("mb", 100);
if (targetMb > 0) {
  const dir = mkdtempSync(join(tmpdir(), "yalu-bench-"));
  const file = join(dir, "kcna-repeated.txt");
  const body = stories.map((s) => s.text).join("\n\n");
  const copies = Math.max(1, Math.ceil((targetMb * 1024 * 1024) / Buffer.byteLength(body)));
  writeFileSync(file, "");
  for (let i = 0; i < copies; i++) writeFileSync(file, `${body}\n\n`, { flag: "a" });
  const size = statSync(file).size;
  console.log(`\nstreaming ${mb(size)} (${copies} copies): RSS at start ${rss()}`);
  const stats: StreamStats = {
    sentences: 0,
    events: 0,
    skipped: 0,
    warnings: [],
    format: null,
    docDate: null,
  };
  let read = 0;
  let middle = false;
  const bytes = async function* () {
    for await (const chunk of createReadStream(file, {
      highWaterMark: 256 * 1024,
    }) as AsyncIterable<Buffer>) {
      read += chunk.length;
      if (!middle && read >= size / 2) {
        middle = true;
        console.log(`  RSS in the middle ${rss()}`);
      }
      yield chunk;
    }
  };
  t = performance.now();
  for await (const _ of codeStream(decodeUtf8(bytes(), file), stats, { docDate: "2011-12-31", coder }))
    void _;
  const s = (performance.now() - t) / 1000;
  console.log(`  RSS at the end ${rss()}`);
  console.log(
    `  ${stats.sentences} sentences, ${stats.events} events in ${s.toFixed(1)} s: ${Math.round(stats.sentences / s)} sentences/s`,
  );
  rmSync(dir, { recursive: true, force: true });
}
