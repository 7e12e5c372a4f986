import { type Event, eventId } from "../model/index.ts";
import { buildEvent, FieldError, orNull } from "./build.ts";
import { atPrecision, fractionDate, periodStart, precisionOfFraction } from "./dates.ts";
import { FormatError } from "./error.ts";
import { readLines } from "./lines.ts";
import { badRow, defaultReadOptions, type ReadOptions } from "./options.ts";
import { type TextSink, writeLines } from "./output.ts";

const actorColumns = (n: 1 | 2) =>
  ["Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code"]
    .concat(["Type1Code", "Type2Code", "Type3Code"])
    .map((c) => `Actor${n}${c}`);
const geoColumns = (prefix: string, adm2: boolean) =>
  [
    "Type",
    "FullName",
    "CountryCode",
    "ADM1Code",
    ...(adm2 ? ["ADM2Code"] : []),
    "Lat",
    "Long",
    "FeatureID",
  ].map((c) => `${prefix}Geo_${c}`);
const columns = (adm2: boolean) => [
  ...["GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate"],
  ...actorColumns(1),
  ...actorColumns(2),
  ...["IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale"],
  ...["NumMentions", "NumSources", "NumArticles", "AvgTone"],
  ...geoColumns("Actor1", adm2),
  ...geoColumns("Actor2", adm2),
  ...geoColumns("Action", adm2),
  "DATEADDED",
  "SOURCEURL",
];

/** GDELT 1.0 event columns (58; the 57-column back files lack SOURCEURL). Spec: GDELT 1.0 codebook. */
export const GDELT1_COLUMNS = columns(false);
/** GDELT 2.0 event columns (61): 1.0 plus an ADM2 code per geography; DATEADDED is YYYYMMDDHHMMSS. */
export const GDELT2_COLUMNS = columns(true);

const index = (cols: string[]) => Object.fromEntries(cols.map((c, i) => [c, i])) as Record<string, number>;
const I1 = index(GDELT1_COLUMNS);
const I2 = index(GDELT2_COLUMNS);

/** The GDELT column each model field comes from, for error messages. */
const FIELD_COLUMN: Record<string, string> = {
  date: "SQLDATE",
  publicationDate: "DATEADDED",
  "source.code": "Actor1Code",
  "source.country": "Actor1CountryCode",
  "target.code": "Actor2Code",
  "target.country": "Actor2CountryCode",
  cameo: "EventCode",
  goldstein: "GoldsteinScale",
};

/**
 * SQLDATE → model date. GDELT dates are days (YYYYMMDD). Yalu writes a month- or year-precision
 * date as its first day, its precision in FractionDate's decimals (see `fractionDate`); older Yalu
 * files marked it with a zero day / month (YYYYMM00, YYYY0000), still read.
 */
function sqlDate(s: string, fraction: string | undefined): string {
  if (!/^\d{8}$/.test(s)) throw new FieldError("date", `invalid date "${s}"`);
  const [y, m, d] = [s.slice(0, 4), s.slice(4, 6), s.slice(6, 8)];
  if (m === "00" && d === "00") return y;
  if (d === "00") return `${y}-${m}`;
  const day = `${y}-${m}-${d}`;
  return atPrecision(day, precisionOfFraction(fraction)) ?? day;
}

/**
 * GLOBALEVENTID for an event: GDELT's own for an event imported from GDELT, else a stable integer
 * from the event id (its first 48 bits: at most 15 digits, exact in Excel, R and pandas).
 */
export function globalEventId(e: Event): string {
  const docId = e.evidence.docId;
  if (e.origin === "gdelt" && docId !== null && /^\d{1,18}$/.test(docId)) return docId;
  return derivedId(e.id);
}

const derivedId = (id: string) => String(Number.parseInt(id.slice(0, 12), 16));

function dateAdded(s: string): string | null {
  if (s === "") return null;
  if (!/^\d{8}(\d{6})?$/.test(s)) throw new FieldError("publicationDate", `invalid date "${s}"`);
  return `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}`;
}

function parseRow(f: string[], I: Record<string, number>): Event {
  const g = f[I.GoldsteinScale];
  const goldstein = g === "" ? null : Number(g);
  if (goldstein !== null && Number.isNaN(goldstein)) {
    throw new FieldError("goldstein", `invalid Goldstein score "${g}"`);
  }
  const url = I.SOURCEURL === undefined ? null : orNull(f[I.SOURCEURL]);
  const bare = buildEvent({
    date: sqlDate(f[I.SQLDATE], f[I.FractionDate]),
    publicationDate: dateAdded(f[I.DATEADDED]),
    source: { code: f[I.Actor1Code], country: orNull(f[I.Actor1CountryCode]), name: orNull(f[I.Actor1Name]) },
    target: { code: f[I.Actor2Code], country: orNull(f[I.Actor2CountryCode]), name: orNull(f[I.Actor2Name]) },
    cameo: f[I.EventCode],
    goldstein,
    origin: "gdelt",
    docId: null,
    citation: url === null ? null : { publication: null, title: null, date: null, url },
  });
  // GLOBALEVENTID is the document id, unless it is the one Yalu's writer derived from this very
  // event's id (see `globalEventId`): then the event reads back as it was written.
  const gid = orNull(f[I.GLOBALEVENTID]);
  if (gid === null || derivedId(bare.id) === gid) return bare;
  const withDoc = { ...bare, evidence: { ...bare.evidence, docId: gid } };
  return { ...withDoc, id: eventId(withDoc) };
}

/**
 * Stream the events of a GDELT 1.0 or 2.0 event file (tab-delimited, no header; plain, .zip or
 * .gz). The version follows the column count of each row (57/58 → 1.0, 61 → 2.0) unless `version`
 * pins it. Rows without both actors are not dyadic events: they are reported through `onSkip`.
 */
export async function* readGdelt(
  path: string,
  options: Partial<ReadOptions> & { version?: 1 | 2 } = {},
): AsyncGenerator<Event> {
  const opts = { ...defaultReadOptions, ...options };
  const name = opts.name ?? path;
  const allowed = opts.version === 1 ? [57, 58] : opts.version === 2 ? [61] : [57, 58, 61];
  let line = 0;
  for await (const text of readLines(path, opts.onBytes)) {
    line++;
    if (text === "" || (line === 1 && text.startsWith("GLOBALEVENTID"))) continue;
    const f = text.split("\t");
    if (!allowed.includes(f.length)) {
      badRow(
        new FormatError(name, line, null, `expected ${allowed.join(" or ")} columns, found ${f.length}`),
        opts,
      );
      continue;
    }
    const I = f.length === 61 ? I2 : I1;
    if (f[I.Actor1Code] === "" || f[I.Actor2Code] === "") {
      opts.onSkip("row without both actors", line);
      continue;
    }
    try {
      yield parseRow(f, I);
    } catch (err) {
      if (!(err instanceof FieldError)) throw err;
      badRow(new FormatError(name, line, FIELD_COLUMN[err.field] ?? err.field, err.message), opts);
    }
  }
}

/** One GDELT row for an event; fields GDELT has and Yalu lacks (geography, tone, counts) are blank or 1. */
export function gdeltRow(e: Event, version: 1 | 2): string {
  const cols = version === 1 ? GDELT1_COLUMNS : GDELT2_COLUMNS;
  const I = version === 1 ? I1 : I2;
  const f: string[] = new Array(cols.length).fill("");
  const day = periodStart(e.date);
  f[I.GLOBALEVENTID] = globalEventId(e);
  f[I.SQLDATE] = day.replaceAll("-", "");
  f[I.MonthYear] = day.slice(0, 4) + day.slice(5, 7);
  f[I.Year] = day.slice(0, 4);
  f[I.FractionDate] = fractionDate(e.date, e.datePrecision);
  for (const [n, a] of [
    [1, e.source],
    [2, e.target],
  ] as const) {
    f[I[`Actor${n}Code`]] = a.code;
    f[I[`Actor${n}Name`]] = a.name ?? "";
    f[I[`Actor${n}CountryCode`]] = a.country ?? "";
    f[I[`Actor${n}Type1Code`]] = a.code.length >= 6 ? a.code.slice(3, 6) : "";
  }
  f[I.IsRootEvent] = "0";
  f[I.EventCode] = e.cameo;
  f[I.EventBaseCode] = e.cameo.slice(0, 3);
  f[I.EventRootCode] = e.root;
  f[I.QuadClass] = String(e.quadClass);
  f[I.GoldsteinScale] = String(e.goldstein);
  f[I.NumMentions] = f[I.NumSources] = f[I.NumArticles] = "1";
  f[I.AvgTone] = "0";
  if (e.publicationDate) {
    const p = e.publicationDate.replaceAll("-", "");
    f[I.DATEADDED] = version === 1 ? p : `${p}000000`;
  }
  f[I.SOURCEURL] = e.evidence.citation?.url ?? "";
  return f.map((v) => v.replace(/[\t\r\n]+/g, " ")).join("\t");
}

/** Write events as a GDELT 1.0 (58 columns) or 2.0 (61 columns) event file. */
export async function writeGdelt(
  events: AsyncIterable<Event> | Iterable<Event>,
  sink: TextSink,
  version: 1 | 2,
): Promise<number> {
  return writeLines(events, sink, (e) => gdeltRow(e, version));
}
