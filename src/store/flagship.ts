import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { splitCsvLine } from "../formats/index.ts";
import { type Event, type IndicatorPoint, normalizeEvent } from "../model/index.ts";
import type { ImportResult, Store } from "./store.ts";

/** The shipped flagship record: `data/flagship/events.jsonl` and `data/flagship/trade.csv`. */
export const FLAGSHIP_DIR = fileURLToPath(new URL("../../data/flagship/", import.meta.url));

export interface Flagship {
  events: Event[];
  indicators: IndicatorPoint[];
  /** A hash of both files: a stored record with another version is replaced. */
  version: string;
}

/** Parse the flagship events, one JSON event per line; errors name the file and line. */
export function parseFlagshipEvents(text: string, file = "events.jsonl"): Event[] {
  const events: Event[] = [];
  for (const [i, line] of text.split("\n").entries()) {
    if (!line.trim()) continue;
    try {
      events.push(normalizeEvent(JSON.parse(line)));
    } catch (err) {
      throw new Error(`${file}:${i + 1}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  return events;
}

const TRADE_HEADER = "indicator,subject,series,period,value,unit,source,url,note";

/** Parse the trade indicator CSV (header `indicator,subject,series,period,value,unit,source,url,note`). */
export function parseIndicatorCsv(text: string, file = "trade.csv"): IndicatorPoint[] {
  const lines = text.split(/\r?\n/);
  if (lines[0]?.trim() !== TRADE_HEADER) throw new Error(`${file}:1: expected header "${TRADE_HEADER}"`);
  const points: IndicatorPoint[] = [];
  for (let i = 1; i < lines.length; i++) {
    if (!lines[i].trim()) continue;
    const f = splitCsvLine(lines[i]);
    if (f.length !== 9) throw new Error(`${file}:${i + 1}: expected 9 columns, found ${f.length}`);
    const [indicator, subject, series, period, value, unit, source, url, note] = f;
    const v = Number(value);
    if (value.trim() === "" || !Number.isFinite(v)) {
      throw new Error(`${file}:${i + 1}: column value: invalid number "${value}"`);
    }
    for (const [name, x] of [
      ["indicator", indicator],
      ["subject", subject],
      ["period", period],
    ] as const) {
      if (!x) throw new Error(`${file}:${i + 1}: column ${name}: empty`);
    }
    const orNull = (s: string) => (s === "" ? null : s);
    points.push({
      indicator,
      subject,
      series,
      period,
      value: v,
      unit,
      source: orNull(source),
      url: orNull(url),
      note: orNull(note),
    });
  }
  return points;
}

/** A hash of one event's content: an event whose content changes under the same id is replaced. */
export const contentHash = (e: Event): string =>
  createHash("sha256").update(JSON.stringify(e)).digest("hex").slice(0, 16);

const versionOf = (events: string, trade: string) =>
  createHash("sha256").update(events).update("\0").update(trade).digest("hex").slice(0, 16);

async function texts(dir: string): Promise<[events: string, trade: string]> {
  return Promise.all([readFile(`${dir}/events.jsonl`, "utf8"), readFile(`${dir}/trade.csv`, "utf8")]);
}

/** The version (content hash) of the flagship files, without parsing them. */
export async function flagshipVersion(dir: string = FLAGSHIP_DIR): Promise<string> {
  return versionOf(...(await texts(dir)));
}

/** Read and validate the flagship record from `dir`. */
export async function readFlagship(dir: string = FLAGSHIP_DIR): Promise<Flagship> {
  const [events, trade] = await texts(dir);
  return {
    events: parseFlagshipEvents(events, "data/flagship/events.jsonl"),
    indicators: parseIndicatorCsv(trade, "data/flagship/trade.csv"),
    version: versionOf(events, trade),
  };
}

/** Load the flagship record into a store (idempotent: events already stored are skipped). */
export async function loadFlagship(
  store: Store,
  dir: string = FLAGSHIP_DIR,
): Promise<ImportResult & { indicators: number; version: string }> {
  const f = await readFlagship(dir);
  const result = await store.importEvents(f.events);
  const indicators = await store.putIndicators(f.indicators);
  return { ...result, indicators, version: f.version };
}
