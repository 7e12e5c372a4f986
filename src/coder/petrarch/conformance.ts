import { type PetrarchRecord, readPetrarchXml } from "../../formats/index.ts";
import type { CodingOptions, RawCoding } from "./coder.ts";
import type { DictionaryCoder } from "./sentence-coder.ts";

/**
 * The PETRARCH unit-suite measurement: code every record of a validation file with the
 * dictionary coder and count how many expected codings are reproduced exactly (source, target,
 * event code). A `noevents` or `error` record counts as one expected coding, reproduced when
 * nothing is coded. `<Config>` lines between records (require_dyad, new_actor_length, …) apply
 * to the records after them, as in PETRARCH's validation run.
 */

export interface RecordResult {
  id: string;
  category: string;
  line: number;
  expected: string[];
  produced: string[];
  reproduced: number;
  /** Expected codings not produced. */
  missed: string[];
  /** Produced codings not expected. */
  extra: string[];
}

export interface ConformanceReport {
  records: RecordResult[];
  expected: number;
  reproduced: number;
  /** Misses by record category. */
  missedByCategory: Map<string, number>;
}

interface ConfigChange {
  line: number;
  option: string;
  value: string;
}

function configChanges(xml: string): ConfigChange[] {
  const out: ConfigChange[] = [];
  const noComments = xml.replace(/<!--[\s\S]*?-->/g, (c) => c.replace(/[^\n]/g, " "));
  let line = 1;
  let last = 0;
  for (const m of noComments.matchAll(/<Config\s+option\s*=\s*"([^"]*)"\s+value\s*=\s*"([^"]*)"/g)) {
    for (
      let i = noComments.indexOf("\n", last);
      i !== -1 && i < m.index;
      i = noComments.indexOf("\n", i + 1)
    ) {
      line++;
      last = i + 1;
    }
    out.push({ line, option: m[1].toLowerCase(), value: m[2] });
  }
  return out;
}

const key = (c: { source: string; target: string; code: string }) => `${c.source} ${c.target} ${c.code}`;

/** What a record expects; a record with no `<EventCoding>` at all expects nothing to count. */
function expectedOf(r: PetrarchRecord): string[] {
  if (r.error) return [`error:${r.error}`];
  if (r.noEvents) return ["noevents"];
  return r.codings.map(key);
}

/** Score one record's produced codings against its expectation. */
function score(r: PetrarchRecord, produced: RawCoding[], discard: { story: boolean } | null): RecordResult {
  const expected = expectedOf(r);
  const got = produced.map(key);
  const base = { id: r.id, category: r.category ?? "", line: r.line, expected, produced: got };
  if (r.error || r.noEvents) {
    let ok = got.length === 0;
    if (r.error === "storydiscard") ok &&= discard?.story === true;
    if (r.error === "sentencediscard") ok &&= discard !== null && !discard.story;
    return { ...base, reproduced: ok ? 1 : 0, missed: ok ? [] : expected, extra: got };
  }
  const pool = [...got];
  const missed: string[] = [];
  for (const e of expected) {
    const at = pool.indexOf(e);
    if (at === -1) missed.push(e);
    else pool.splice(at, 1);
  }
  return { ...base, reproduced: expected.length - missed.length, missed, extra: pool };
}

/** Run the unit suite in `xml` (the file's text) through `coder`. */
export function runConformance(coder: DictionaryCoder, xml: string, file: string): ConformanceReport {
  const changes = configChanges(xml);
  const records: RecordResult[] = [];
  const missedByCategory = new Map<string, number>();
  let expected = 0;
  let reproduced = 0;
  for (const r of readPetrarchXml(xml, file)) {
    const opts: Partial<CodingOptions> & { requireDyad: boolean } = { requireDyad: true, newActorLength: 0 };
    for (const c of changes) {
      if (c.line > r.line) break;
      if (c.option === "require_dyad") opts.requireDyad = /^true$/i.test(c.value);
      if (c.option === "new_actor_length") opts.newActorLength = Number(c.value) || 0;
    }
    const coded = coder.codeRaw(
      { id: r.id, text: r.text, date: r.date, docId: null, offset: 0, parse: r.parse },
      opts,
    );
    const result = score(r, coded.codings, coded.discard);
    records.push(result);
    expected += result.expected.length;
    reproduced += result.reproduced;
    if (result.missed.length > 0)
      missedByCategory.set(
        result.category,
        (missedByCategory.get(result.category) ?? 0) + result.missed.length,
      );
  }
  return { records, expected, reproduced, missedByCategory };
}

/** A short text report: the score, misses by category, and each record with a miss. */
export function formatConformance(report: ConformanceReport, verbose = false): string {
  const pct = ((100 * report.reproduced) / Math.max(1, report.expected)).toFixed(1);
  const extra = report.records.reduce((n, r) => n + r.extra.length, 0);
  const lines = [
    `reproduced ${report.reproduced}/${report.expected} codings (${pct}%); ${extra} codings produced beyond the expected ones`,
  ];
  const cats = [...report.missedByCategory].sort((a, b) => b[1] - a[1]);
  lines.push(`missed by category: ${cats.map(([c, n]) => `${c} ${n}`).join(", ") || "none"}`);
  if (verbose) {
    for (const r of report.records) {
      if (r.missed.length === 0) continue;
      lines.push(
        `  ${r.id} [${r.category}] missed ${r.missed.join("; ")} | got ${r.produced.join("; ") || "-"}`,
      );
    }
  }
  return lines.join("\n");
}
