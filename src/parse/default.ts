/**
 * The parser model that ships with Yalu (data/parser/en-ewt.model.gz, trained on UD English EWT
 * by `npm run train:parser`), read once, on first use.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { decodeModel, ModelError } from "./codec.ts";
import type { ParserModel } from "./parser.ts";

export const DEFAULT_MODEL_FILE = fileURLToPath(
  new URL("../../data/parser/en-ewt.model.gz", import.meta.url),
);

const loaded = new Map<string, ParserModel>();

/** The model in `file` (default: the shipped one), loaded once per file. */
export function loadParser(file: string = DEFAULT_MODEL_FILE): ParserModel {
  let m = loaded.get(file);
  if (m) return m;
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    throw new ModelError(`cannot read parser model "${file}"`);
  }
  try {
    m = decodeModel(bytes);
  } catch (err) {
    throw new ModelError(`parser model "${file}": ${(err as Error).message}`);
  }
  loaded.set(file, m);
  return m;
}
