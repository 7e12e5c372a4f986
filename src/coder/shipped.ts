/**
 * The coder's shipped data, read from data/ once: the event lexicon, the role nouns, the
 * confidence and sense models, with the project's actor registry (formats) and parser model
 * (parse). The only file of the coder that reads files (test/architecture.test.ts keeps it so):
 * the rest of the coder takes these as arguments.
 */
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { shippedRegistry } from "../formats/index.ts";
import { loadParser } from "../parse/index.ts";
import { type ConfidenceModel, parseConfidence } from "./confidence.ts";
import { compileLexicon, type Lexicon } from "./lexicon.ts";
import { type CoderData, NativeCoder } from "./native.ts";
import { decodeSense, type SenseModel } from "./sense.ts";

export const LEXICON_FILE = fileURLToPath(new URL("../../data/lexicon/events.yaml", import.meta.url));
export const ROLES_FILE = fileURLToPath(new URL("../../data/lexicon/roles.yaml", import.meta.url));
export const CONFIDENCE_FILE = fileURLToPath(new URL("../../data/lexicon/confidence.json", import.meta.url));
export const SENSE_FILE = fileURLToPath(new URL("../../data/lexicon/sense.model.gz", import.meta.url));

let lexicon: Lexicon | undefined;
let confidence: ConfidenceModel | null | undefined;
let sense: SenseModel | null | undefined;
let data: CoderData | undefined;
let coder: NativeCoder | undefined;

/** The project's lexicon (data/lexicon/events.yaml), compiled once. */
export function shippedLexicon(): Lexicon {
  lexicon ??= compileLexicon(readFileSync(LEXICON_FILE, "utf8"), LEXICON_FILE);
  return lexicon;
}

/** The shipped confidence model (data/lexicon/confidence.json), read once; null when it is absent. */
export function shippedConfidence(): ConfidenceModel | null {
  if (confidence === undefined)
    confidence = existsSync(CONFIDENCE_FILE)
      ? parseConfidence(readFileSync(CONFIDENCE_FILE, "utf8"), CONFIDENCE_FILE)
      : null;
  return confidence;
}

/** The shipped sense model, read once; null when it is absent (a checkout before it was trained). */
export function shippedSense(): SenseModel | null {
  if (sense === undefined) sense = existsSync(SENSE_FILE) ? decodeSense(readFileSync(SENSE_FILE)) : null;
  return sense;
}

/**
 * What Yalu's coder codes with by default: the project's registry, lexicon, role nouns and
 * confidence model, read once, and its parser model, read when first needed.
 */
export function shippedCoderData(): CoderData {
  data ??= {
    registry: shippedRegistry(),
    lexicon: shippedLexicon(),
    roles: readFileSync(ROLES_FILE, "utf8"),
    parser: () => loadParser(),
    confidence: shippedConfidence(),
  };
  return data;
}

/** The shared default coder: Yalu's own, over the shipped data. */
export function defaultCoder(): NativeCoder {
  coder ??= new NativeCoder(shippedCoderData());
  return coder;
}
