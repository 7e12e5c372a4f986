import type { SentenceCoder, SentenceInput } from "../coder/index.ts";
import type { Predictions } from "./predictions.ts";
import type { EvalEvent, Gold } from "./types.ts";

/** A coder that can also report PETRARCH-style raw codings (the dictionary coder). */
interface RawCapable {
  codeRaw(s: SentenceInput): { codings: { source: string; target: string; code: string }[] };
}

function hasRaw(c: SentenceCoder): c is SentenceCoder & RawCapable {
  return typeof (c as Partial<RawCapable>).codeRaw === "function";
}

/**
 * Undated gold sentences (ConfliBERT) are coded as of this date so the coder emits dated events;
 * `yalu eval` does not score dates.
 */
export const UNDATED = "2000-01-01";

/**
 * Code every gold sentence with `coder`. The dictionary coder's raw codings are used as they are
 * (the validation dictionaries use codes outside CAMEO, such as "903"); other coders' events are
 * read as source code, target code and CAMEO code.
 */
export function codeGold(gold: Gold, coder: SentenceCoder): Predictions {
  const out: Predictions = new Map();
  for (const u of gold.units) {
    if (u.text === null)
      throw new Error(`gold unit "${u.key}" (line ${u.line}) has no sentence text to code; use --pred`);
    const s: SentenceInput = {
      id: u.key,
      text: u.text,
      date: u.date ?? UNDATED,
      docId: u.key,
      offset: 0,
      parse: u.parse,
    };
    const events: EvalEvent[] = hasRaw(coder)
      ? coder.codeRaw(s).codings.map((c) => ({
          source: c.source,
          target: c.target,
          code: c.code,
          plover: null,
          quad: null,
        }))
      : coder.code(s).map((e) => ({
          source: e.source.code,
          target: e.target.code,
          code: e.cameo,
          plover: e.plover,
          quad: null,
          names: { source: e.source.name, target: e.target.name },
        }));
    out.set(u.key, events);
  }
  return out;
}
