/**
 * A check on news the lexicon was not written from: the leads (first paragraphs) of NGEC's
 * synthetic stories (Halterman 2023, ../shared/reference/eventdata/NGEC-synthetic), each with a
 * document-level PLOVER pseudo-label. The default coder codes each lead; its most frequent PLOVER
 * type (or none) is compared with the label: accuracy, per-type P/R/F1 and macro-F1.
 *
 * The stories are invented and name many actors no dictionary knows, so the figure measures change
 * between coder versions, not a level. The opt-in sense model (`--sense`) is trained on these leads'
 * first sentences; the default coder never saw them.
 *
 *   npm run eval:ngec [-- --stories 3000]
 */
import { existsSync } from "node:fs";
import { codeDocument } from "../src/coder/document.ts";
import { defaultCoder } from "../src/coder/shipped.ts";
import { NGEC_FILE, readNgecStories } from "./ngec.ts";

const FILE = NGEC_FILE;
if (!existsSync(FILE)) {
  console.error(`eval:ngec: ${FILE} not found (the ../shared reference data)`);
  process.exit(2);
}
const at = process.argv.indexOf("--stories");
const limit = at > 0 ? Number(process.argv[at + 1]) : 3000;
if (!Number.isInteger(limit) || limit <= 0) {
  console.error(`eval:ngec: --stories must be a positive integer, not ${process.argv[at + 1]}`);
  process.exit(2);
}

const leads = readNgecStories(FILE, limit).map(({ text, label }) => ({
  text: text.split(/\n\s*\n/)[0],
  label,
}));

const coder = defaultCoder();
const gold: string[] = [];
const pred: string[] = [];
for (const { text, label } of leads) {
  const counts = new Map<string, number>();
  for (const e of codeDocument(text, { docDate: "2020-01-01", coder }).events)
    if (e.plover) counts.set(e.plover, (counts.get(e.plover) ?? 0) + 1);
  gold.push(label);
  pred.push([...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? "none");
}

const pct = (x: number) => (100 * x).toFixed(1).padStart(5);
let sum = 0;
const labels = [...new Set(gold)].sort();
console.log("type            P      R     F1  stories");
for (const l of labels) {
  const tp = gold.filter((g, i) => g === l && pred[i] === l).length;
  const p = pred.filter((x) => x === l).length;
  const g = gold.filter((x) => x === l).length;
  const precision = p ? tp / p : 0;
  const recall = g ? tp / g : 0;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  sum += f1;
  console.log(`${l.padEnd(12)} ${pct(precision)}  ${pct(recall)}  ${pct(f1)}  ${String(g).padStart(7)}`);
}
const right = gold.filter((g, i) => g === pred[i]).length;
console.log(
  `${gold.length} leads: accuracy ${pct(right / gold.length)}, macro-F1 ${pct(sum / labels.length)}, ` +
    `no event on ${pred.filter((p) => p === "none").length}`,
);
