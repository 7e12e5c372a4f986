/** Column helpers for gold and prediction files (CSV or TSV, split by formats/csv-parse.ts). */

/** Index of the first header column named one of `names` (case-insensitive), or -1. */
export function column(header: string[], names: string[]): number {
  const lower = header.map((h) => h.toLowerCase().replace(/[\s_-]/g, ""));
  for (const n of names) {
    const at = lower.indexOf(n);
    if (at !== -1) return at;
  }
  return -1;
}

/** Where an event CSV's columns are (-1 when absent), by the names gold and prediction files use. */
export function eventColumns(header: string[]) {
  return {
    date: column(header, ["date", "eventdate", "sqldate"]),
    source: column(header, ["source", "sourcecode", "actor1code"]),
    target: column(header, ["target", "targetcode", "actor2code"]),
    code: column(header, ["code", "cameo", "eventcode", "cameocode"]),
    id: column(header, ["sentenceid", "id"]),
    text: column(header, ["text", "sentence"]),
  };
}
