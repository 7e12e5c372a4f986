import { GDELT1_COLUMNS, GDELT2_COLUMNS } from "../../src/formats/gdelt.ts";

/** A GDELT event row (tab-delimited) with the given columns set and the rest empty. */
export function gdeltLine(values: Record<string, string>, version: 1 | 2): string {
  const cols = version === 1 ? GDELT1_COLUMNS : GDELT2_COLUMNS;
  return cols.map((c) => values[c] ?? "").join("\t");
}
