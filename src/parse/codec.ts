/**
 * The parser model's file form: gzip of a magic line, a JSON header (tag classes, labels, tag
 * dictionary, lemma table, word clusters) and each weight table as sorted key deltas, per-row pair
 * counts, class ids and weights quantised to 8 bits (no loss of accuracy measured on EWT dev).
 */
import { gunzipSync, gzipSync } from "node:zlib";
import type { ParserModel } from "./parser.ts";
import { SparseWeights } from "./perceptron.ts";

const MAGIC = "YALU-PARSER 3\n";

interface Header {
  classes: string[];
  upos: string[];
  classUpos: number[];
  labels: string[];
  dictionary: [string, number][];
  clusters: [string, number][];
  /** Absent in models before the tagger's known-word feature. */
  known?: string[];
  /** Lemma → parts of speech (lexicon.ts). */
  lexicon: [string, number][];
  lemmas: [string, string][];
  /** The tagger's `sure` (absent: the second pass tags every word again). */
  sure?: number;
  tables: { name: string; classes: number; rows: number; pairs: number; scale: number }[];
  /** Free-form provenance: corpus, seed, epochs, date. */
  about: Record<string, unknown>;
}

/** A model file that cannot be read. */
export class ModelError extends Error {
  override name = "ModelError";
}

/** The weight of one unit when `vals` are stored as signed bytes (the largest at ±127). */
export function byteScale(vals: Float32Array): number {
  let max = 0;
  for (const v of vals) max = Math.max(max, Math.abs(v));
  return max > 0 ? max / 127 : 1;
}

function packWeights(w: SparseWeights): { bytes: Buffer[]; scale: number } {
  const rows = w.keys.length;
  const order = Array.from({ length: rows }, (_, i) => i).sort(
    (a, b) => (w.keys[a] >>> 0) - (w.keys[b] >>> 0),
  );
  const scale = byteScale(w.vals);
  const deltas = new Uint32Array(rows);
  const counts = new Uint8Array(rows);
  const cls = new Uint8Array(w.cls.length);
  const vals = new Int8Array(w.vals.length);
  let prev = 0;
  let p = 0;
  for (let r = 0; r < rows; r++) {
    const row = order[r];
    const key = w.keys[row] >>> 0;
    deltas[r] = key - prev;
    prev = key;
    const start = w.starts[row];
    const end = w.starts[row + 1];
    counts[r] = end - start;
    for (let i = start; i < end; i++, p++) {
      cls[p] = w.cls[i];
      vals[p] = Math.round(w.vals[i] / scale);
    }
  }
  const buf = (a: ArrayBufferView): Buffer => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
  return { bytes: [buf(deltas), buf(counts), buf(cls), buf(vals)], scale };
}

/** The model as the bytes of its file. */
export function encodeModel(m: ParserModel, about: Record<string, unknown> = {}): Buffer {
  const tables: [string, unknown][] = [
    ["tagger", m.tagger.weights],
    ["transitions", m.transitions],
    ["labeller", m.labeller],
  ];
  if (m.tagger.second) tables.push(["tagger second pass", m.tagger.second]);
  const blocks: Buffer[] = [];
  const header: Header = {
    classes: m.tagger.classes,
    upos: m.upos,
    classUpos: Array.from(m.classUpos),
    labels: m.labels,
    dictionary: [...m.tagger.dictionary],
    clusters: [...m.tagger.clusters],
    known: [...m.tagger.known],
    lexicon: [...m.tagger.lexicon],
    lemmas: [...m.lemmas],
    ...(m.tagger.sure !== undefined && { sure: m.tagger.sure }),
    tables: [],
    about,
  };
  for (const [name, w] of tables) {
    if (!(w instanceof SparseWeights)) throw new ModelError(`table ${name} is not averaged`);
    const { bytes, scale } = packWeights(w);
    header.tables.push({ name, classes: w.classes, rows: w.keys.length, pairs: w.cls.length, scale });
    blocks.push(...bytes);
  }
  const head = Buffer.from(JSON.stringify(header));
  const len = Buffer.alloc(4);
  len.writeUInt32LE(head.length);
  return gzipSync(Buffer.concat([Buffer.from(MAGIC), len, head, ...blocks]), { level: 9 });
}

/** Read a model from the bytes of its file. */
export function decodeModel(bytes: Uint8Array): ParserModel & { about: Record<string, unknown> } {
  let raw: Buffer;
  try {
    raw = gunzipSync(bytes);
  } catch {
    throw new ModelError("not a gzip file");
  }
  const magic = raw.subarray(0, MAGIC.length).toString();
  if (magic !== MAGIC)
    throw new ModelError(
      magic.startsWith("YALU-PARSER ")
        ? `a parser model of another version (${magic.trim()}); this Yalu reads ${MAGIC.trim()}: retrain it with npm run train:parser`
        : "not a Yalu parser model",
    );
  let at = MAGIC.length;
  const len = raw.readUInt32LE(at);
  at += 4;
  const header = JSON.parse(raw.subarray(at, at + len).toString()) as Header;
  at += len;
  // A copy in an ArrayBuffer of its own: a small Buffer shares Node's pool, whose `.buffer` is not it.
  const take = (n: number): Uint8Array => {
    if (at + n > raw.length) throw new ModelError("model file is truncated");
    const b = new Uint8Array(n);
    b.set(raw.subarray(at, at + n));
    at += n;
    return b;
  };
  const weights = new Map<string, SparseWeights>();
  for (const t of header.tables) {
    const deltas = new Uint32Array(take(t.rows * 4).buffer);
    const counts = take(t.rows);
    const cls = new Uint8Array(take(t.pairs));
    const q = new Int8Array(take(t.pairs).buffer);
    const keys = new Int32Array(t.rows);
    const starts = new Int32Array(t.rows + 1);
    let key = 0;
    for (let r = 0; r < t.rows; r++) {
      key = (key + deltas[r]) >>> 0;
      keys[r] = key | 0;
      starts[r + 1] = starts[r] + counts[r];
    }
    const vals = new Float32Array(t.pairs);
    for (let i = 0; i < t.pairs; i++) vals[i] = q[i] * t.scale;
    weights.set(t.name, new SparseWeights(t.classes, keys, starts, cls, vals));
  }
  const get = (name: string): SparseWeights => {
    const w = weights.get(name);
    if (!w) throw new ModelError(`model has no ${name} table`);
    return w;
  };
  return {
    tagger: {
      classes: header.classes,
      dictionary: new Map(header.dictionary),
      clusters: new Map(header.clusters),
      known: new Set(header.known ?? []),
      lexicon: new Map(header.lexicon),
      ...(header.sure !== undefined && { sure: header.sure }),
      weights: get("tagger"),
      ...(weights.has("tagger second pass") && { second: get("tagger second pass") }),
    },
    upos: header.upos,
    classUpos: Int32Array.from(header.classUpos),
    labels: header.labels,
    transitions: get("transitions"),
    labeller: get("labeller"),
    lemmas: new Map(header.lemmas),
    about: header.about,
  };
}
