import { type FormatName, writeEvents } from "../formats/index.ts";
import { usage } from "./error.ts";
import { type FilterFlags, parseFilters, parseFormat } from "./options.ts";
import { pages } from "./pages.ts";
import { openRecord } from "./record.ts";

export interface ExportFlags extends FilterFlags {
  db?: string;
  format?: string;
  out?: string;
  /** CSV for Excel: a UTF-8 byte order mark and CRLF line ends. */
  excel?: boolean;
}

const BY_EXTENSION: [RegExp, FormatName][] = [
  [/\.parquet$/i, "parquet"],
  [/\.jsonl(\.(gz|zip))?$/i, "jsonl"],
  [/\.json(\.(gz|zip))?$/i, "plover"],
  [/\.tab(\.(gz|zip))?$/i, "icews"],
  [/\.csv(\.(gz|zip))?$/, "csv"],
];

/**
 * `yalu export [--format F] [--out FILE] [filters]`: write events to a file or stdout. The format
 * defaults to the --out extension (.csv, .jsonl, .json PLOVER, .tab ICEWS, .parquet), else jsonl.
 */
export async function runExport(flags: ExportFlags): Promise<void> {
  const query = parseFilters(flags);
  const format =
    parseFormat(flags.format) ?? BY_EXTENSION.find(([re]) => flags.out && re.test(flags.out))?.[1] ?? "jsonl";
  if (format === "parquet" && !flags.out) throw usage("--format parquet needs --out FILE");
  if (flags.excel && format !== "csv") throw usage(`--excel is for CSV, not --format ${format}`);
  const store = await openRecord(flags.db);
  try {
    const n = await writeEvents(pages(store, query), format, flags.out, undefined, {
      excel: flags.excel,
    });
    if (flags.out) process.stderr.write(`yalu: wrote ${n} events to ${flags.out}\n`);
  } finally {
    await store.close();
  }
}
