/** A row of a chart's data: what a CSV export writes, one column per key. */
export type Row = Record<string, string | number | boolean | null | undefined>;

/** One CSV field (RFC 4180): quoted when it holds a comma, quote or line break; empty for null. */
function field(v: Row[string]): string {
  if (v === null || v === undefined) return "";
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/**
 * Rows as CSV: a header of every key in first-seen order, then one line per row (CRLF, as RFC 4180
 * and spreadsheets expect); a missing value is an empty field.
 * @example toCsv([{ year: 2017, value: 5.06 }]) // "year,value\r\n2017,5.06\r\n"
 */
export function toCsv(rows: Row[]): string {
  const keys = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const lines = [keys.map(field).join(","), ...rows.map((r) => keys.map((k) => field(r[k])).join(","))];
  return `${lines.join("\r\n")}\r\n`;
}
