import { delimiterOf, splitCsvLine } from "../formats/index.ts";
import { datePrecisionOf } from "../model/index.ts";
import { eventColumns } from "./csv.ts";
import { badRecords, type Gold, GoldError, type GoldOptions, type GoldUnit } from "./types.ts";

/** CAMEO codes, and the validation dictionaries' lettered variants ("174K"). */
export const CAMEO_RE = /^(\d{2,4}|\d{3,4}[A-Za-z])$/;

/** YYYY-MM-DD, YYYY-MM, YYYY or YYYYMMDD with a real month and day. */
function validDate(s: string): boolean {
  const iso = /^\d{8}$/.test(s) ? `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6)}` : s;
  return datePrecisionOf(iso) !== null;
}

/**
 * CSV with a header naming `date`, `source`, `target` and `code` (or `cameo`, `eventcode`);
 * optional `id`/`sentence_id` and `text` columns group rows into sentences, else rows group by date.
 */
export function readCsvGold(text: string, file: string, opts: GoldOptions = {}): Gold {
  const bad = badRecords(opts);
  const lines = text.split(/\r?\n/);
  const delimiter = delimiterOf(lines[0] ?? "");
  const header = splitCsvLine(lines[0] ?? "", { delimiter, trim: true });
  const col = eventColumns(header);
  for (const k of ["date", "source", "target", "code"] as const)
    if (col[k] === -1) throw new GoldError(`CSV header has no "${k}" column`, file, 1);
  const byKey = new Map<string, GoldUnit>();
  for (let i = 1; i < lines.length; i++) {
    if (lines[i].trim() === "") continue;
    const f = splitCsvLine(lines[i], { delimiter, trim: true });
    const date = f[col.date] ?? "";
    const id = col.id !== -1 ? f[col.id] : "";
    const key = id || date;
    const name = id ? `row "${id}"` : `row ${i + 1}`;
    if (!validDate(date)) {
      bad(new GoldError(`${name}: invalid date "${date}"`, file, i + 1));
      continue;
    }
    const code = f[col.code] ?? "";
    if (!CAMEO_RE.test(code)) {
      bad(new GoldError(`${name}: invalid CAMEO code "${code}"`, file, i + 1));
      continue;
    }
    let unit = byKey.get(key);
    if (!unit) {
      unit = {
        key,
        text: col.text !== -1 ? f[col.text] || null : null,
        date,
        parse: null,
        events: [],
        line: i + 1,
      };
      byKey.set(key, unit);
    }
    unit.events.push({
      source: f[col.source] || null,
      target: f[col.target] || null,
      code,
      plover: null,
      quad: null,
    });
  }
  return {
    format: "csv",
    units: [...byKey.values()],
    hasCodes: true,
    sentenceLabels: false,
    quadScheme: "gdelt",
    dateKeyed: col.id === -1 && col.text === -1,
  };
}
