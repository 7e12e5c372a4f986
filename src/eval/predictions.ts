import { delimiterOf, splitCsvLine } from "../formats/index.ts";
import { eventColumns } from "./csv.ts";
import { type EvalEvent, type Gold, GoldError } from "./types.ts";

/**
 * Predictions for `yalu eval --pred`: Yalu events as JSON Lines (the `yalu code` output) or CSV
 * (date, source, target, code, optional id). Each prediction is assigned to a gold unit by, in
 * order: an explicit `sentence_id`/`sentenceId`, its evidence document id, its evidence sentence
 * text, or its date (for date-keyed golds). Predictions in no gold unit are returned as `outside`.
 */

export type Predictions = Map<string, EvalEvent[]>;

interface Keys {
  ids: Set<string>;
  byText: Map<string, string>;
}

const norm = (s: string) => s.replace(/\s+/g, " ").trim().toLowerCase();

function keysOf(gold: Gold): Keys {
  const byText = new Map<string, string>();
  for (const u of gold.units) if (u.text) byText.set(norm(u.text), u.key);
  return { ids: new Set(gold.units.map((u) => u.key)), byText };
}

function add(out: Predictions, key: string, e: EvalEvent): void {
  const list = out.get(key);
  if (list) list.push(e);
  else out.set(key, [e]);
}

function pick(keys: Keys, candidates: (string | null | undefined)[], text: string | null): string | null {
  for (const c of candidates) if (c && keys.ids.has(c)) return c;
  if (text) return keys.byText.get(norm(text)) ?? null;
  return null;
}

function codeOf(v: unknown): string | null {
  if (typeof v === "string") return v || null;
  if (v && typeof v === "object" && "code" in v && typeof v.code === "string") return v.code;
  return null;
}

/** The name of an actor object (`{code, name}`), or null. */
function nameOf(v: unknown): string | null {
  return v && typeof v === "object" && "name" in v && typeof v.name === "string" ? v.name : null;
}

/** Read predictions and key them to `gold`'s units; predictions for no gold unit are dropped. */
export function readPredictions(
  text: string,
  file: string,
  gold: Gold,
): { predictions: Predictions; unmatched: number; outside: EvalEvent[] } {
  const keys = keysOf(gold);
  const predictions: Predictions = new Map();
  const outside: EvalEvent[] = [];
  let unmatched = 0;
  const lines = text.split(/\r?\n/);
  const first = lines.find((l) => l.trim() !== "") ?? "";
  if (first.trimStart().startsWith("{")) {
    lines.forEach((l, i) => {
      if (l.trim() === "") return;
      let r: Record<string, unknown>;
      try {
        r = JSON.parse(l) as Record<string, unknown>;
      } catch {
        throw new GoldError("invalid JSON line", file, i + 1);
      }
      const ev = (r.evidence ?? {}) as Record<string, unknown>;
      const code = (r.cameo ?? r.code ?? r.eventcode) as string | undefined;
      if (typeof code !== "string")
        throw new GoldError(`prediction "${String(r.id ?? i + 1)}" has no cameo code`, file, i + 1);
      const key = pick(
        keys,
        [r.sentence_id as string, r.sentenceId as string, ev.docId as string, r.date as string],
        (ev.sentence as string) ?? null,
      );
      const e: EvalEvent = {
        source: codeOf(r.source),
        target: codeOf(r.target),
        code,
        plover: typeof r.plover === "string" ? r.plover : null,
        quad: null,
        names: { source: nameOf(r.source), target: nameOf(r.target) },
      };
      if (key === null) {
        unmatched++;
        outside.push(e);
      } else add(predictions, key, e);
    });
    return { predictions, unmatched, outside };
  }
  const delimiter = delimiterOf(first);
  const header = splitCsvLine(first, { delimiter, trim: true });
  const col = eventColumns(header);
  if (col.code === -1) throw new GoldError('prediction CSV header has no "code" column', file, 1);
  for (let i = lines.indexOf(first) + 1; i < lines.length; i++) {
    if (lines[i].trim() === "") continue;
    const f = splitCsvLine(lines[i], { delimiter, trim: true });
    const key = pick(keys, [f[col.id], f[col.date]], col.text !== -1 ? f[col.text] : null);
    const e: EvalEvent = {
      source: f[col.source] || null,
      target: f[col.target] || null,
      code: f[col.code],
      plover: null,
      quad: null,
    };
    if (key === null) {
      unmatched++;
      outside.push(e);
    } else add(predictions, key, e);
  }
  return { predictions, unmatched, outside };
}
