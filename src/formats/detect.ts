import { readLines } from "./lines.ts";
import type { FormatName } from "./options.ts";

/** The first line of a (possibly compressed) file, or "" for an empty one. */
async function firstLine(path: string): Promise<string> {
  const lines = readLines(path);
  const first = await lines.next();
  await lines.return(undefined);
  return first.done ? "" : first.value;
}

/** Format by the first line: a Yalu CSV header, an ICEWS header, or a GDELT row's column count. */
function sniff(line: string): FormatName | null {
  if (line.startsWith("Event ID\t")) return "icews";
  const tabs = line.split("\t").length;
  if (tabs === 61) return "gdelt2";
  if (tabs === 57 || tabs === 58) return "gdelt1";
  if (/(^|,)"?source_code"?(,|$)/.test(line)) return "csv";
  const t = line.trimStart();
  if (t.startsWith("{")) return jsonShape(t);
  if (t.startsWith("[")) return "plover";
  return null;
}

/**
 * A JSON record's format, by its parsed fields rather than its spelling (`"source": {"code"` with
 * a space, as Python writes it, is the same record): PLOVER names its event type (`event` or
 * `event_type`), a Yalu event has a CAMEO code and a source object with a code. Null when the line
 * is not a JSON object (the reader then names the bad line).
 */
function jsonShape(line: string): FormatName | null {
  let record: unknown;
  try {
    record = JSON.parse(line);
  } catch {
    return null;
  }
  if (typeof record !== "object" || record === null || Array.isArray(record)) return null;
  const r = record as Record<string, unknown>;
  if ("event" in r || "event_type" in r) return "plover";
  const source = r.source;
  const yalu = "cameo" in r && typeof source === "object" && source !== null && !Array.isArray(source);
  return yalu && "code" in source ? "jsonl" : "plover";
}

/**
 * Guess a file's format from its extension (ignoring .gz/.zip) and first line: `.parquet`,
 * `.jsonl`/`.ndjson`, `.json` (PLOVER), and for text files the first line's shape.
 */
export async function detectFormat(path: string): Promise<FormatName> {
  const base = path.toLowerCase().replace(/\.(gz|zip)$/, "");
  if (base.endsWith(".parquet")) return "parquet";
  const line = await firstLine(path);
  const sniffed = sniff(line);
  if (base.endsWith(".jsonl") || base.endsWith(".ndjson")) return sniffed === "plover" ? "plover" : "jsonl";
  if (base.endsWith(".json")) return "plover";
  if (sniffed) return sniffed;
  throw new Error(`cannot tell the format of "${path}": use --format`);
}
