import { badRecords, type Gold, GoldError, type GoldOptions, type GoldUnit } from "./types.ts";

/**
 * ConfliBERT `cameo_class` TSV: `sentence<TAB>label` with labels 0–4 (see classes.ts for the
 * mapping). Each line is a unit keyed "line N" with one class-only event.
 */
export function readConflibertGold(text: string, file: string, opts: GoldOptions = {}): Gold {
  const bad = badRecords(opts);
  const units: GoldUnit[] = [];
  text.split(/\r?\n/).forEach((l, i) => {
    if (l.trim() === "") return;
    const tab = l.lastIndexOf("\t");
    const label = tab === -1 ? "" : l.slice(tab + 1).trim();
    if (!/^[0-4]$/.test(label)) {
      bad(new GoldError(`line ${i + 1}: label must be 0-4, found "${label}"`, file, i + 1));
      return;
    }
    units.push({
      key: `line ${i + 1}`,
      text: l.slice(0, tab).trim(),
      date: null,
      parse: null,
      line: i + 1,
      events: [{ source: null, target: null, code: null, plover: null, quad: Number(label) }],
    });
  });
  return { format: "conflibert-tsv", units, hasCodes: false, sentenceLabels: true, quadScheme: "conflibert" };
}
