/**
 * NGEC's synthetic stories (Halterman 2023, ../shared/reference/eventdata/NGEC-synthetic): each
 * story's text and its document-level PLOVER pseudo-label, for `train:sense` and `eval:ngec`.
 */
import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { CsvParser } from "../src/formats/csv-parse.ts";

export const NGEC_FILE =
  "../shared/reference/eventdata/NGEC-synthetic/gpt_synthetic_events_2023-10-19_19.csv.gz";

/** The stories with both a text and a label, in file order; at most `limit` of them. */
export function readNgecStories(file = NGEC_FILE, limit = Infinity): { text: string; label: string }[] {
  const stories: { text: string; label: string }[] = [];
  const csv = new CsvParser();
  let header: (string | null)[] | null = null;
  for (const line of gunzipSync(readFileSync(file)).toString("utf8").split("\n")) {
    const rec = csv.push(line.replace(/\r$/, ""));
    if (!rec) continue;
    if (!header) {
      header = rec;
      continue;
    }
    const text = rec[header.indexOf("text")] ?? "";
    const label = rec[header.indexOf("label")] ?? "";
    if (text && label) stories.push({ text, label });
    if (stories.length >= limit) break;
  }
  return stories;
}
