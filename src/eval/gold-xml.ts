import { PetrarchXmlError, readPetrarchXml } from "../formats/index.ts";
import { badRecords, type Gold, GoldError, type GoldOptions, type GoldUnit } from "./types.ts";

/** PETRARCH XML: each `<Sentence>` is a unit; its `<EventCoding>`s are the gold events. */
export function readXmlGold(text: string, file: string, opts: GoldOptions = {}): Gold {
  const bad = badRecords(opts);
  const units: GoldUnit[] = [];
  const asGold = (err: PetrarchXmlError) =>
    new GoldError(err.message.replace(`${file}:${err.line}: `, ""), file, err.line);
  try {
    for (const r of readPetrarchXml(text, file, opts.onBad ? { onBad: (err) => bad(asGold(err)) } : {})) {
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
    if (err instanceof PetrarchXmlError) throw asGold(err);
    throw err;
  }
  return { format: "petrarch-xml", units, hasCodes: true, sentenceLabels: false, quadScheme: "gdelt" };
}
