/**
 * Fit the coder's confidence model (src/coder/confidence.ts) and write data/lexicon/confidence.json.
 *
 *   npm run train:confidence [-- --folds 5]
 *
 * Data (from ../shared): the PLV news sentences and the ConfliBERT CAMEO-class sentences. Each is
 * coded by the default coder; an event is right on PLV when its PLOVER type is the sentence's and
 * its source and target share a word with the gold's spans, on ConfliBERT when its class is the
 * sentence's. Printed first: k-fold cross-validated log-loss, Brier score and a reliability table
 * (held-out events by predicted confidence, against the share right), beside a constant model.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import {
  type CodingEvidence,
  type ConfidenceModel,
  confidenceOf,
  fitConfidence,
} from "../src/coder/confidence.ts";
import { NativeCoder } from "../src/coder/native.ts";
import { CONFIDENCE_FILE, shippedCoderData } from "../src/coder/shipped.ts";
import { namesOverlap } from "../src/eval/actors.ts";
import { labelOf } from "../src/eval/classes.ts";
import { UNDATED } from "../src/eval/code-gold.ts";
import { type Gold, readGold } from "../src/eval/index.ts";

const REF = "../shared/reference/eventdata";
const SETS = [`${REF}/ZSP-PLV/PLV_train.tsv`, `${REF}/ConfliBERT/data/cameo_class/train.tsv`];
const i = process.argv.indexOf("--folds");
const folds = i === -1 ? 5 : Number(process.argv[i + 1]);
const log = (m: string): void => {
  process.stderr.write(`${m}\n`);
};

for (const file of SETS)
  if (!existsSync(file)) {
    log(`train:confidence: ${file} is missing (../shared/reference, see its README)`);
    process.exit(1);
  }

interface Example {
  evidence: CodingEvidence;
  right: boolean;
  /** The gold sentence's number in its set, for folds. */
  unit: number;
}

const coder = new NativeCoder({ ...shippedCoderData(), confidence: null });

/** Every event the coder codes in a gold's sentences, with whether it is right. */
function examples(gold: Gold): Example[] {
  const out: Example[] = [];
  gold.units.forEach((u, unit) => {
    const golds = u.events;
    const labels = new Set(golds.map((g) => labelOf(g, gold)));
    const s = { id: u.key, text: u.text ?? "", date: u.date ?? UNDATED, docId: u.key, offset: 0 };
    for (const { event: e, evidence } of coder.explain(s)) {
      const predicted = {
        source: e.source.code,
        target: e.target.code,
        code: e.cameo,
        plover: e.plover,
        quad: null,
      };
      const label = labelOf(predicted, gold);
      const typeRight = label !== null && labels.has(label);
      // Where the gold has actor spans (PLV), the actors must agree too.
      const spans = golds.filter((g) => g.names && labelOf(g, gold) === label);
      const actorsRight =
        golds.every((g) => !g.names) ||
        spans.some(
          (g) =>
            namesOverlap(e.source.name, g.names?.source ?? null) &&
            namesOverlap(e.target.name, g.names?.target ?? null),
        );
      out.push({ evidence, right: typeRight && actorsRight, unit });
    }
  });
  return out;
}

const all: Example[] = [];
for (const file of SETS) {
  const gold = readGold(readFileSync(file, "utf8"), file);
  const xs = examples(gold);
  const right = xs.filter((x) => x.right).length;
  log(`${file}: ${gold.units.length} sentences, ${xs.length} events coded, ${right} right`);
  all.push(...xs);
}

const logLoss = (p: number, y: boolean): number =>
  -Math.log(Math.min(1 - 1e-6, Math.max(1e-6, y ? p : 1 - p)));
const bins = [0, 0.2, 0.4, 0.6, 0.8, 1.0001];
const tally = bins.slice(1).map(() => ({ n: 0, right: 0, p: 0 }));
let loss = 0;
let brier = 0;
let flatLoss = 0;
let flatBrier = 0;
for (let f = 0; f < folds; f++) {
  const train = all.filter((x) => x.unit % folds !== f);
  const held = all.filter((x) => x.unit % folds === f);
  const model = fitConfidence(train);
  const base = train.filter((x) => x.right).length / Math.max(1, train.length);
  for (const x of held) {
    const p = confidenceOf(model, x.evidence);
    loss += logLoss(p, x.right);
    brier += (p - (x.right ? 1 : 0)) ** 2;
    flatLoss += logLoss(base, x.right);
    flatBrier += (base - (x.right ? 1 : 0)) ** 2;
    const b = bins.findIndex((edge, k) => p >= edge && p < bins[k + 1]);
    tally[b].n++;
    tally[b].p += p;
    if (x.right) tally[b].right++;
  }
}
const n = all.length;
log(
  `${folds}-fold held-out: log-loss ${(loss / n).toFixed(3)} (constant ${(flatLoss / n).toFixed(3)}), ` +
    `Brier ${(brier / n).toFixed(3)} (constant ${(flatBrier / n).toFixed(3)})`,
);
log("confidence   events  mean confidence  share right");
tally.forEach((t, k) => {
  if (t.n === 0) return;
  const range = `${bins[k].toFixed(1)}–${Math.min(1, bins[k + 1]).toFixed(1)}`;
  log(
    `${range.padEnd(12)} ${String(t.n).padStart(6)}  ${(t.p / t.n).toFixed(2).padStart(15)}  ${(t.right / t.n).toFixed(2).padStart(11)}`,
  );
});

const model: ConfidenceModel = fitConfidence(all);
const weights = Object.fromEntries(Object.entries(model.weights).sort(([a], [b]) => a.localeCompare(b)));
const out = {
  about:
    "Yalu coder confidence: logistic weights over coding evidence (src/coder/confidence.ts), fitted by " +
    "`npm run train:confidence` to the default coder's events on PLV (ZSP-PLV PLV_train.tsv) and " +
    "ConfliBERT (cameo_class train.tsv) sentences.",
  events: n,
  crossValidated: { folds, logLoss: +(loss / n).toFixed(4), brier: +(brier / n).toFixed(4) },
  bias: model.bias,
  weights,
};
writeFileSync(CONFIDENCE_FILE, `${JSON.stringify(out, null, 2)}\n`);
log(`wrote ${CONFIDENCE_FILE}`);
