import { readConflibertGold } from "./gold-conflibert.ts";
import { readCsvGold } from "./gold-csv.ts";
import { readPloverGold } from "./gold-plover.ts";
import { isPlvHeader, readPlvGold } from "./gold-plv.ts";
import { readXmlGold } from "./gold-xml.ts";
import type { Gold, GoldOptions } from "./types.ts";

/**
 * Gold readers: PETRARCH validation XML, PLOVER JSON (array or JSON Lines), CSV
 * (date, source, target, code), ConfliBERT's sentence/label TSV and the PLV TSV of PLOVER-labelled
 * sentences.
 */
export { readConflibertGold, readCsvGold, readPloverGold, readPlvGold, readXmlGold };

/** Read a gold file, choosing the reader by extension and content. */
export function readGold(text: string, file: string, opts: GoldOptions = {}): Gold {
  const head = text.slice(0, 2000).trimStart();
  if (/\.xml$/i.test(file) || head.startsWith("<")) return readXmlGold(text, file, opts);
  if (/\.jsonl?$/i.test(file) || head.startsWith("{") || head.startsWith("["))
    return readPloverGold(text, file, opts);
  const first = text.split(/\r?\n/, 1)[0] ?? "";
  if (isPlvHeader(first)) return readPlvGold(text, file, opts);
  if (/\.tsv$/i.test(file) && /\t[0-4]\s*$/.test(first)) return readConflibertGold(text, file, opts);
  return readCsvGold(text, file, opts);
}
