import { type Actor, cameoName, type DatePrecision, type Event } from "../model/index.ts";
import { buildEvent, FieldError } from "./build.ts";
import { atPrecision, periodStart } from "./dates.ts";
import { FormatError } from "./error.ts";
import { countryCode, countryName, roleOfSectors, sectorOfRole } from "./icews-codes.ts";
import { readLines } from "./lines.ts";
import { badRow, defaultReadOptions, type ReadOptions } from "./options.ts";
import { type TextSink, writeLines } from "./output.ts";

/** The 20 columns of ICEWS event files (tab-delimited, with this header). */
export const ICEWS_COLUMNS = [
  "Event ID",
  "Event Date",
  "Source Name",
  "Source Sectors",
  "Source Country",
  "Event Text",
  "CAMEO Code",
  "Intensity",
  "Target Name",
  "Target Sectors",
  "Target Country",
  "Story ID",
  "Sentence Number",
  "Publisher",
  "City",
  "District",
  "Province",
  "Country",
  "Latitude",
  "Longitude",
] as const;

/**
 * The column Yalu adds after ICEWS's 20: `day`, `month` or `year`. A month- or year-precision
 * Event Date is written as the period's first day (`2006-01-01`), which R, pandas and Excel parse.
 */
export const ICEWS_PRECISION_COLUMN = "Date Precision";

const I = Object.fromEntries([...ICEWS_COLUMNS, ICEWS_PRECISION_COLUMN].map((c, i) => [c, i])) as Record<
  (typeof ICEWS_COLUMNS)[number] | typeof ICEWS_PRECISION_COLUMN,
  number
>;
const PRECISIONS: readonly string[] = ["day", "month", "year"];

/** The Event Date at the precision of Yalu's extra column (absent in ICEWS's own files: as written). */
function eventDate(f: string[]): string {
  const date = f[I["Event Date"]];
  const precision = f[I[ICEWS_PRECISION_COLUMN]];
  if (precision === undefined || precision === "" || precision === "day") return date;
  if (!PRECISIONS.includes(precision))
    throw new FieldError("datePrecision", `invalid date precision "${precision}"`);
  const at = atPrecision(date, precision as DatePrecision);
  if (at === null)
    throw new FieldError("date", `invalid date "${date}": not the first day of a ${precision}`);
  return at;
}
const FIELD_COLUMN: Record<string, string> = {
  date: "Event Date",
  "source.code": "Source Country",
  "target.code": "Target Country",
  cameo: "CAMEO Code",
  goldstein: "Intensity",
  datePrecision: ICEWS_PRECISION_COLUMN,
};
const na = (s: string) => (s === "" || s === "NA" ? null : s);

/** An ICEWS actor: country name → ISO3, sectors → a CAMEO role; null when the country is unknown. */
function actor(f: string[], side: "Source" | "Target"): Actor | null {
  const country = na(f[I[`${side} Country`]]);
  const iso = country === null ? null : countryCode(country);
  if (iso === null) return null;
  return {
    code: iso + roleOfSectors(f[I[`${side} Sectors`]] ?? ""),
    country: iso,
    name: na(f[I[`${side} Name`]]),
  };
}

/**
 * Stream the events of an ICEWS event file. Actors become CAMEO codes (country ISO3 + the role of
 * their sectors) keeping the name as written; Intensity is the Goldstein score; the story id is the
 * document id. Rows whose source or target has no known country are reported through `onSkip`.
 */
export async function* readIcews(path: string, options: Partial<ReadOptions> = {}): AsyncGenerator<Event> {
  const opts = { ...defaultReadOptions, ...options };
  const name = opts.name ?? path;
  let line = 0;
  for await (const text of readLines(path, opts.onBytes)) {
    line++;
    if (text === "" || (line === 1 && text.startsWith("Event ID"))) continue;
    const f = text.split("\t");
    if (f.length !== ICEWS_COLUMNS.length && f.length !== ICEWS_COLUMNS.length + 1) {
      badRow(new FormatError(name, line, null, `expected 20 or 21 columns, found ${f.length}`), opts);
      continue;
    }
    const source = actor(f, "Source");
    const target = actor(f, "Target");
    if (!source || !target) {
      opts.onSkip("actor without a known country", line);
      continue;
    }
    try {
      const intensity = f[I.Intensity];
      const goldstein = na(intensity) === null ? null : Number(intensity);
      if (goldstein !== null && Number.isNaN(goldstein)) {
        throw new FieldError("goldstein", `invalid intensity "${intensity}"`);
      }
      const publication = na(f[I.Publisher]);
      yield buildEvent({
        date: eventDate(f),
        publicationDate: null,
        source,
        target,
        cameo: f[I["CAMEO Code"]],
        goldstein,
        origin: "icews",
        docId: na(f[I["Story ID"]]),
        citation: publication === null ? null : { publication, title: null, date: null, url: null },
      });
    } catch (err) {
      if (!(err instanceof FieldError)) throw err;
      badRow(new FormatError(name, line, FIELD_COLUMN[err.field] ?? err.field, err.message), opts);
    }
  }
}

const clean = (s: string | null) => (s ?? "").replace(/[\t\r\n]+/g, " ");

function actorColumns(a: Actor): string[] {
  const country = a.country ?? a.code.slice(0, 3);
  return [clean(a.name), sectorOfRole(a.code.slice(3, 6)), countryName(country) ?? country];
}

/**
 * One ICEWS row for an event: Event Text is the CAMEO event name, as in ICEWS; location columns
 * are NA (Yalu has no event location); then Yalu's date precision column.
 */
export function icewsRow(e: Event, n: number): string {
  const [sn, ss, sc] = actorColumns(e.source);
  const [tn, ts, tc] = actorColumns(e.target);
  return [
    String(n),
    periodStart(e.date),
    sn,
    ss,
    sc,
    clean(cameoName(e.cameo) ?? null),
    e.cameo,
    String(e.goldstein),
    tn,
    ts,
    tc,
    clean(e.evidence.docId),
    "",
    clean(e.evidence.citation?.publication ?? null),
    ...["NA", "NA", "NA", "NA", "NA", "NA"],
    e.datePrecision,
  ].join("\t");
}

/** Write events as an ICEWS event file (header + tab-delimited rows, with Yalu's precision column). */
export async function writeIcews(
  events: AsyncIterable<Event> | Iterable<Event>,
  sink: TextSink,
): Promise<number> {
  let n = 0;
  return writeLines(
    events,
    sink,
    (e) => icewsRow(e, ++n),
    [...ICEWS_COLUMNS, ICEWS_PRECISION_COLUMN].join("\t"),
  );
}
