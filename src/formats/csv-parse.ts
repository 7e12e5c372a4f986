/**
 * An RFC 4180 CSV record parser fed line by line, so quoted fields may span lines. Unquoted empty
 * fields come back as null and quoted empty fields as "", which lets Yalu's CSV tell null from "".
 */
export class CsvParser {
  private fields: (string | null)[] = [];
  private field = "";
  private quoted = false;
  private inQuotes = false;

  constructor(private readonly delimiter = ",") {}

  /** True while a quoted field is open across lines. */
  get pending(): boolean {
    return this.inQuotes;
  }

  /** Feed one line (without its line ending); returns the record it completes, or null. */
  push(line: string): (string | null)[] | null {
    if (this.inQuotes) this.field += "\n";
    for (let i = 0; i < line.length; i++) {
      const ch = line[i];
      if (this.inQuotes) {
        if (ch !== '"') this.field += ch;
        else if (line[i + 1] === '"') {
          this.field += '"';
          i++;
        } else this.inQuotes = false;
      } else if (ch === '"' && this.field === "") {
        this.inQuotes = this.quoted = true;
      } else if (ch === this.delimiter) this.end();
      else this.field += ch;
    }
    if (this.inQuotes) return null;
    this.end();
    const record = this.fields;
    this.fields = [];
    return record;
  }

  /** End of input: the record still open (an unterminated quoted field runs to here), or null. */
  close(): (string | null)[] | null {
    if (!this.inQuotes && this.field === "" && this.fields.length === 0) return null;
    this.inQuotes = false;
    this.end();
    const record = this.fields;
    this.fields = [];
    return record;
  }

  private end(): void {
    this.fields.push(this.field === "" && !this.quoted ? null : this.field);
    this.field = "";
    this.quoted = false;
  }
}

/**
 * Split one line of a CSV or TSV file into its fields, the one splitter of every line-based reader
 * (KTAB, expected-utility tables, indicators, gold files): `"…"` quotes may hold the delimiter and
 * doubled quotes; an unterminated quote runs to the end of the line; empty fields are "".
 * @example splitCsvLine('"Korea, Republic of", 60', { trim: true }) // ["Korea, Republic of", "60"]
 */
export function splitCsvLine(line: string, options: { delimiter?: string; trim?: boolean } = {}): string[] {
  const parser = new CsvParser(options.delimiter ?? ",");
  const fields = (parser.push(line) ?? parser.close() ?? []).map((f) => f ?? "");
  return options.trim ? fields.map((f) => f.trim()) : fields;
}

/** The delimiter of a header line: tab if it has one, else comma. */
export function delimiterOf(header: string): string {
  return header.includes("\t") ? "\t" : ",";
}

/** One CSV field: null → empty, "" → `""`; quoted when it holds a quote, delimiter or line break. */
export function csvField(v: string | number | null | undefined): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "number") return String(v);
  if (v === "" || /[",\n\r]/.test(v)) return `"${v.replaceAll('"', '""')}"`;
  return v;
}
