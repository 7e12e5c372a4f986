import { type Actor, CAMEO, type Event } from "../model/index.ts";
import { FormatError } from "./error.ts";
import { eventFromJson } from "./jsonl.ts";
import { openInput, readLines } from "./lines.ts";
import { defaultReadOptions, type ReadOptions } from "./options.ts";
import { type TextSink, writeLines } from "./output.ts";
import { decodeUtf8 } from "./text.ts";

/**
 * PLOVER event type → the most general CAMEO code mapped to it (shortest, then lowest code), for
 * records that carry a PLOVER type but no CAMEO code.
 */
const CAMEO_OF_PLOVER = new Map<string, string>();
for (const c of [...CAMEO.values()].sort(
  (a, b) => a.code.length - b.code.length || a.code.localeCompare(b.code),
)) {
  if (c.plover && !CAMEO_OF_PLOVER.has(c.plover)) CAMEO_OF_PLOVER.set(c.plover, c.code);
}

type Rec = Record<string, unknown>;
const str = (v: unknown): string | null => (typeof v === "string" && v !== "" ? v : null);

/** The first actor of a PLOVER actor field (an array of {actorText, code, sector}, an object or a code). */
function actorOf(v: unknown, side: "source" | "target"): Actor | null {
  const a = Array.isArray(v) ? v[0] : v;
  if (typeof a === "string")
    return a === "" ? null : { code: a, country: /^[A-Z]{3}$/.test(a) && a !== "IGO" ? a : null, name: null };
  if (typeof a !== "object" || a === null) return null;
  const r = a as Rec;
  const base = str(r.code);
  if (base === null) throw new FormatError("", 0, `${side}.code`, "missing actor code");
  const code = base + (str(r.sector) ?? "");
  const country = "country" in r ? str(r.country) : /^[A-Z]{3}$/.test(base) && base !== "IGO" ? base : null;
  return { code, country, name: str(r.actorText) ?? str(r.name) };
}

/** A PLOVER record → an event input; null when it lacks a source or target. */
export function fromPlover(record: unknown): unknown {
  if (typeof record !== "object" || record === null || Array.isArray(record)) {
    throw new FormatError("", 0, null, "expected a JSON object");
  }
  const r = record as Rec;
  const source = actorOf(r.source, "source");
  const target = actorOf(r.target, "target");
  if (!source || !target) return null;
  const type = str(r.event) ?? str(r.event_type);
  let cameo = str(r.cameo);
  if (cameo === null) {
    if (type === null) throw new FormatError("", 0, "event", "missing PLOVER event type");
    cameo = CAMEO_OF_PLOVER.get(type.toUpperCase()) ?? null;
    if (cameo === null) throw new FormatError("", 0, "event", `unknown PLOVER event type "${type}"`);
  }
  const ours = "docId" in r;
  const citation = {
    publication: str(r.publication),
    title: str(r.title),
    date: str(r.citationDate),
    url: str(r.url),
  };
  return {
    ...(ours && typeof r.id === "string" ? { id: r.id } : {}),
    date: r.date ?? r.event_date,
    publicationDate: r.publicationDate ?? null,
    source,
    target,
    cameo,
    ...(typeof r.goldstein === "number" ? { goldstein: r.goldstein } : {}),
    plover: type ?? null,
    description: str(r.description),
    origin: str(r.origin) ?? "plover",
    ...(r.confidence !== undefined && r.confidence !== null ? { confidence: r.confidence } : {}),
    evidence: {
      docId: ours ? (r.docId ?? null) : str(r.id),
      sentence: typeof r.text === "string" ? r.text : null,
      start: r.start ?? null,
      end: r.end ?? null,
      citation: Object.values(citation).some((v) => v !== null) ? citation : null,
    },
  };
}

/**
 * Stream events from PLOVER JSON: a JSON array of records, or JSON Lines. A JSON array is parsed
 * whole (not streamed); its "line" in messages is the record number. Compound actors keep their
 * first actor; records without a source or a target are reported through `onSkip`.
 */
export async function* readPlover(path: string, options: Partial<ReadOptions> = {}): AsyncGenerator<Event> {
  const opts = { ...defaultReadOptions, ...options };
  const name = opts.name ?? path;
  const lines = readLines(path, opts.onBytes);
  const first = await lines.next();
  if (!first.done && first.value.trimStart().startsWith("[")) {
    await lines.return(undefined);
    let text = "";
    for await (const chunk of decodeUtf8(openInput(path), name)) text += chunk;
    let records: unknown;
    try {
      records = JSON.parse(text);
    } catch (err) {
      throw new FormatError(name, 1, null, `invalid JSON (${(err as Error).message})`);
    }
    for (const [i, record] of (records as unknown[]).entries()) {
      const e = eventFromJson(JSON.stringify(record), name, i + 1, opts, fromPlover);
      if (e) yield e;
    }
    return;
  }
  let line = 0;
  for (let next = first; !next.done; next = await lines.next()) {
    line++;
    if (next.value.trim() === "") continue;
    const e = eventFromJson(next.value, name, line, opts, fromPlover);
    if (e) yield e;
  }
}

function ploverActor(a: Actor) {
  const sector = a.code.slice(3);
  return [{ actorText: a.name, code: a.code.slice(0, 3), ...(sector ? { sector } : {}), country: a.country }];
}

/**
 * A PLOVER-style record for an event: PLOVER's fields (date, source, target, event, mode,
 * context, text, publication) plus Yalu's (cameo, goldstein, docId, offsets, citation) so a
 * round trip is exact. Mode and context are left empty: Yalu does not code them.
 */
export function ploverRecord(e: Event) {
  const ev = e.evidence;
  return {
    id: e.id,
    date: e.date,
    source: ploverActor(e.source),
    target: ploverActor(e.target),
    event: e.plover,
    mode: "",
    context: "",
    text: ev.sentence,
    publication: ev.citation?.publication ?? null,
    cameo: e.cameo,
    goldstein: e.goldstein,
    description: e.description,
    origin: e.origin,
    confidence: e.confidence,
    publicationDate: e.publicationDate,
    docId: ev.docId,
    start: ev.start,
    end: ev.end,
    title: ev.citation?.title ?? null,
    citationDate: ev.citation?.date ?? null,
    url: ev.citation?.url ?? null,
  };
}

/** Write events as PLOVER JSON Lines. */
export async function writePlover(
  events: AsyncIterable<Event> | Iterable<Event>,
  sink: TextSink,
): Promise<number> {
  return writeLines(events, sink, (e) => JSON.stringify(ploverRecord(e)));
}
