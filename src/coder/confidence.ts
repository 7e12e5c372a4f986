/**
 * How sure the coder is of an event: a logistic model over the evidence the event was coded on
 * (its CAMEO root, whether a lexicon phrase or a bare verb or the learned sense gave it, whether its
 * source was carried over from an earlier sentence, whether its actors were named or only implied
 * by a demonym, capital or role noun). `npm run train:confidence` fits it to labelled news, so a
 * confidence of 0.7 means that about 70% of the events coded on such evidence had the right type
 * there (PLV: the right PLOVER type and actors; ConfliBERT: the right class). See docs/coding.md.
 */

/** What an event was coded on. */
export interface CodingEvidence {
  /** The event's CAMEO code. */
  code: string;
  /** Given by the learned event sense, not by the lexicon. */
  sense: boolean;
  /** The lexicon pattern had words beyond its head ("sign ~agreement", not "meet"). */
  phrase: boolean;
  /** The pattern's head was a noun ("Kim's visit to China"). */
  noun: boolean;
  /** The source was not named in the sentence ("it", "both countries"): carried from an earlier one. */
  carried: boolean;
  /** An actor was implied (a demonym, capital or role noun: "Chinese police"), not named. */
  implied: boolean;
}

/** The fitted model: a bias and one weight per feature name (see {@link featuresOf}). */
export interface ConfidenceModel {
  bias: number;
  weights: Record<string, number>;
}

/** The feature names of an event's evidence. */
export function featuresOf(e: CodingEvidence): string[] {
  const f = [`root:${e.code.slice(0, 2)}`];
  if (e.sense) f.push("sense");
  if (e.phrase) f.push("phrase");
  if (e.noun) f.push("noun");
  if (e.carried) f.push("carried");
  if (e.implied) f.push("implied");
  return f;
}

/** The confidence of an event coded on `e`, rounded to two decimals. */
export function confidenceOf(m: ConfidenceModel, e: CodingEvidence): number {
  let z = m.bias;
  for (const f of featuresOf(e)) z += m.weights[f] ?? 0;
  return Math.round(100 / (1 + Math.exp(-z))) / 100;
}

/** A confidence model from its JSON text; the error names the file and the bad field. */
export function parseConfidence(text: string, file: string): ConfidenceModel {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new Error(`${file}: not JSON (${(err as Error).message})`);
  }
  const o = json as Partial<ConfidenceModel> | null;
  if (typeof o?.bias !== "number" || !Number.isFinite(o.bias))
    throw new Error(`${file}: "bias" must be a number`);
  if (typeof o.weights !== "object" || o.weights === null)
    throw new Error(`${file}: "weights" must be an object`);
  for (const [k, v] of Object.entries(o.weights))
    if (typeof v !== "number" || !Number.isFinite(v))
      throw new Error(`${file}: weight "${k}" must be a number`);
  return { bias: o.bias, weights: o.weights };
}

/**
 * Fit the model by gradient descent on the log-loss with an L2 penalty (`lambda` per example),
 * from events' evidence and whether each was right.
 */
export function fitConfidence(
  examples: readonly { evidence: CodingEvidence; right: boolean }[],
  { lambda = 0.01, epochs = 400, rate = 0.5 } = {},
): ConfidenceModel {
  const rows = examples.map((x) => ({ f: featuresOf(x.evidence), y: x.right ? 1 : 0 }));
  const weights: Record<string, number> = {};
  let bias = 0;
  const n = Math.max(1, rows.length);
  for (let epoch = 0; epoch < epochs; epoch++) {
    const grad: Record<string, number> = {};
    let gb = 0;
    for (const r of rows) {
      let z = bias;
      for (const f of r.f) z += weights[f] ?? 0;
      const err = 1 / (1 + Math.exp(-z)) - r.y;
      gb += err;
      for (const f of r.f) grad[f] = (grad[f] ?? 0) + err;
    }
    bias -= (rate * gb) / n;
    for (const [f, g] of Object.entries(grad)) {
      const w = weights[f] ?? 0;
      weights[f] = w - rate * (g / n + lambda * w);
    }
  }
  for (const f of Object.keys(weights)) weights[f] = Math.round(weights[f] * 1000) / 1000;
  return { bias: Math.round(bias * 1000) / 1000, weights };
}
