import { PetrarchXmlError, readPetrarchXml } from "../formats/petrarch-xml.ts";
import { datePrecisionOf } from "../model/event.ts";
import { column, separatorOf, splitRow } from "./csv.ts";
import { type EvalEvent, type Gold, GoldError, type GoldUnit } from "./types.ts";

/**
 * Gold readers: PETRARCH validation XML, PLOVER JSON (array or JSON Lines), CSV
 * (date, source, target, code) and ConfliBERT's sentence/label TSV.
 */

/** CAMEO codes, and the validation dictionaries' lettered variants ("174K"). */
const CAMEO_RE = /^(\d{2,4}|\d{3,4}[A-Za-z])$/;

/** YYYY-MM-DD, YYYY-MM, YYYY or YYYYMMDD with a real month and day. */
function validDate(s: string): boolean {
  const iso = /^\d{8}$/.test(s) ? `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6)}` : s;
  return datePrecisionOf(iso) !== null;
}

/** PETRARCH XML: each `<Sentence>` is a unit; its `<EventCoding>`s are the gold events. */
export function readXmlGold(text: string, file: string): Gold {
  const units: GoldUnit[] = [];
  try {
    for (const r of readPetrarchXml(text, file)) {
      units.push({
        key: r.id,
        text: r.text,
        date: r.date,
        parse: r.parse,
        line: r.line,
        events: r.codings.map((c) => ({
          source: c.source,
          target: c.target,
          code: c.code,
          plover: null,
          quad: null,
        })),
      });
    }
  } catch (err) {
    if (err instanceof PetrarchXmlError)
      throw new GoldError(err.message.replace(`${file}:${err.line}: `, ""), file, err.line);
    throw err;
  }
  return { format: "petrarch-xml", units, hasCodes: true, sentenceLabels: false, quadScheme: "gdelt" };
}

function actorField(v: unknown): string | null {
  if (typeof v === "string") return v.trim() || null;
  if (v && typeof v === "object" && "code" in v && typeof v.code === "string") return v.code;
  return null;
}

function str(v: unknown): string | null {
  if (typeof v === "number") return String(v);
  return typeof v === "string" && v.trim() !== "" ? v.trim() : null;
}

/**
 * PLOVER JSON: records with an id (`id`, `sentence_id`, `doc_id`), optional `text`/`sentence` and
 * `date`, `source`/`target` (codes or `{code}`), and a CAMEO code (`cameo`, `code`, `eventcode`)
 * or a PLOVER type (`event_type`, `plover`). Records sharing an id form one unit; a record with
 * no event fields is a sentence without events.
 */
export function readPloverGold(text: string, file: string): Gold {
  const records: { value: unknown; line: number }[] = [];
  const trimmed = text.trimStart();
  if (trimmed.startsWith("[")) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (err) {
      throw new GoldError(`invalid JSON: ${(err as Error).message}`, file, 1);
    }
    (parsed as unknown[]).forEach((value, i) => {
      records.push({ value, line: i + 1 });
    });
  } else {
    text.split(/\r?\n/).forEach((l, i) => {
      if (l.trim() === "") return;
      try {
        records.push({ value: JSON.parse(l), line: i + 1 });
      } catch {
        throw new GoldError("invalid JSON line", file, i + 1);
      }
    });
  }
  const byKey = new Map<string, GoldUnit>();
  let hasCodes = false;
  records.forEach(({ value, line }, i) => {
    if (!value || typeof value !== "object" || Array.isArray(value))
      throw new GoldError(`record ${i + 1} is not an object`, file, line);
    const r = value as Record<string, unknown>;
    const key = str(r.sentence_id) ?? str(r.id) ?? str(r.doc_id) ?? `record ${i + 1}`;
    const code = str(r.cameo) ?? str(r.code) ?? str(r.eventcode) ?? str(r.event_code);
    const plover = str(r.event_type) ?? str(r.plover) ?? str(r.type);
    if (code !== null && !CAMEO_RE.test(code))
      throw new GoldError(`record "${key}": invalid CAMEO code "${code}"`, file, line);
    let unit = byKey.get(key);
    if (!unit) {
      unit = { key, text: str(r.text) ?? str(r.sentence), date: str(r.date), parse: null, events: [], line };
      byKey.set(key, unit);
    }
    if (code === null && plover === null) return;
    const ev: EvalEvent = {
      source: actorField(r.source),
      target: actorField(r.target),
      code,
      plover,
      quad: null,
    };
    if (ev.source || ev.target) hasCodes = true;
    unit.events.push(ev);
  });
  return {
    format: "plover-json",
    units: [...byKey.values()],
    hasCodes,
    sentenceLabels: false,
    quadScheme: "gdelt",
  };
}

/**
 * CSV with a header naming `date`, `source`, `target` and `code` (or `cameo`, `eventcode`);
 * optional `id`/`sentence_id` and `text` columns group rows into sentences, else rows group by date.
 */
export function readCsvGold(text: string, file: string): Gold {
  const lines = text.split(/\r?\n/);
  const header = splitRow(lines[0] ?? "", separatorOf(lines[0] ?? ""));
  const sep = separatorOf(lines[0] ?? "");
  const col = {
    date: column(header, ["date", "eventdate", "sqldate"]),
    source: column(header, ["source", "sourcecode", "actor1code"]),
    target: column(header, ["target", "targetcode", "actor2code"]),
    code: column(header, ["code", "cameo", "eventcode", "cameocode"]),
    id: column(header, ["sentenceid", "id"]),
    text: column(header, ["text", "sentence"]),
  };
  for (const k of ["date", "source", "target", "code"] as const)
    if (col[k] === -1) throw new GoldError(`CSV header has no "${k}" column`, file, 1);
  const byKey = new Map<string, GoldUnit>();
  for (let i = 1; i < lines.length; i++) {
    if (lines[i].trim() === "") continue;
    const f = splitRow(lines[i], sep);
    const date = f[col.date] ?? "";
    const id = col.id !== -1 ? f[col.id] : "";
    const key = id || date;
    const name = id ? `row "${id}"` : `row ${i + 1}`;
    if (!validDate(date)) throw new GoldError(`${name}: invalid date "${date}"`, file, i + 1);
    const code = f[col.code] ?? "";
    if (!CAMEO_RE.test(code)) throw new GoldError(`${name}: invalid CAMEO code "${code}"`, file, i + 1);
    let unit = byKey.get(key);
    if (!unit) {
      unit = {
        key,
        text: col.text !== -1 ? f[col.text] || null : null,
        date,
        parse: null,
        events: [],
        line: i + 1,
      };
      byKey.set(key, unit);
    }
    unit.events.push({
      source: f[col.source] || null,
      target: f[col.target] || null,
      code,
      plover: null,
      quad: null,
    });
  }
  return {
    format: "csv",
    units: [...byKey.values()],
    hasCodes: true,
    sentenceLabels: false,
    quadScheme: "gdelt",
    dateKeyed: col.id === -1 && col.text === -1,
  };
}

/**
 * ConfliBERT `cameo_class` TSV: `sentence<TAB>label` with labels 0–4 (see classes.ts for the
 * mapping). Each line is a unit keyed "line N" with one class-only event.
 */
export function readConflibertGold(text: string, file: string): Gold {
  const units: GoldUnit[] = [];
  text.split(/\r?\n/).forEach((l, i) => {
    if (l.trim() === "") return;
    const tab = l.lastIndexOf("\t");
    const label = tab === -1 ? "" : l.slice(tab + 1).trim();
    if (!/^[0-4]$/.test(label))
      throw new GoldError(`line ${i + 1}: label must be 0-4, found "${label}"`, file, i + 1);
    units.push({
      key: `line ${i + 1}`,
      text: l.slice(0, tab).trim(),
      date: null,
      parse: null,
      line: i + 1,
      events: [{ source: null, target: null, code: null, plover: null, quad: Number(label) }],
    });
  });
  return { format: "conflibert-tsv", units, hasCodes: false, sentenceLabels: true, quadScheme: "conflibert" };
}

/** Read a gold file, choosing the reader by extension and content. */
export function readGold(text: string, file: string): Gold {
  const head = text.slice(0, 2000).trimStart();
  if (/\.xml$/i.test(file) || head.startsWith("<")) return readXmlGold(text, file);
  if (/\.jsonl?$/i.test(file) || head.startsWith("{") || head.startsWith("["))
    return readPloverGold(text, file);
  const first = text.split(/\r?\n/, 1)[0] ?? "";
  if (/\.tsv$/i.test(file) && /\t[0-4]\s*$/.test(first)) return readConflibertGold(text, file);
  return readCsvGold(text, file);
}
