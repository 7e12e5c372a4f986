/** Minimal CSV/TSV splitting (RFC 4180 quotes) for gold and prediction files. */

/** Split one line into fields; `"…"` quotes may hold the separator and doubled quotes. */
export function splitRow(line: string, sep: string): string[] {
  const out: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === "") quoted = true;
    else if (c === sep) {
      out.push(field);
      field = "";
    } else field += c;
  }
  out.push(field);
  return out.map((f) => f.trim());
}

/** The separator of a header line: tab if it has one, else comma. */
export function separatorOf(header: string): string {
  return header.includes("\t") ? "\t" : ",";
}

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
