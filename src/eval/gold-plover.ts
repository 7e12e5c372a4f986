import { CAMEO_RE } from "./gold-csv.ts";
import {
  badRecords,
  type EvalEvent,
  type Gold,
  GoldError,
  type GoldOptions,
  type GoldUnit,
} from "./types.ts";

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
 * PLOVER JSON: records with an id (`sentence_id`, `id`, `event_id`, `doc_id`), optional text
 * (`text`, `sentence`, `event_text`) and date (`date`, `event_date`), actors (`source`/`actor`,
 * `target`/`recipient`: codes or `{code}`), and a CAMEO code (`cameo`, `code`, `eventcode`) or a
 * PLOVER type (`event_type`, `plover`). Records sharing an id form one unit; a record with
 * no event fields is a sentence without events.
 */
export function readPloverGold(text: string, file: string, opts: GoldOptions = {}): Gold {
  const bad = badRecords(opts);
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
        bad(new GoldError("invalid JSON line", file, i + 1));
      }
    });
  }
  const byKey = new Map<string, GoldUnit>();
  let hasCodes = false;
  records.forEach(({ value, line }, i) => {
    if (!value || typeof value !== "object" || Array.isArray(value)) {
      bad(new GoldError(`record ${i + 1} is not an object`, file, line));
      return;
    }
    const r = value as Record<string, unknown>;
    const key = str(r.sentence_id) ?? str(r.id) ?? str(r.event_id) ?? str(r.doc_id) ?? `record ${i + 1}`;
    const code = str(r.cameo) ?? str(r.code) ?? str(r.eventcode) ?? str(r.event_code);
    const plover = str(r.event_type) ?? str(r.plover) ?? str(r.type);
    if (code !== null && !CAMEO_RE.test(code)) {
      bad(new GoldError(`record "${key}": invalid CAMEO code "${code}"`, file, line));
      return;
    }
    let unit = byKey.get(key);
    if (!unit) {
      const text = str(r.text) ?? str(r.sentence) ?? str(r.event_text);
      unit = { key, text, date: str(r.date) ?? str(r.event_date), parse: null, events: [], line };
      byKey.set(key, unit);
    }
    if (code === null && plover === null) return;
    const ev: EvalEvent = {
      source: actorField(r.source ?? r.actor ?? r.actor1),
      target: actorField(r.target ?? r.recipient ?? r.actor2),
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
