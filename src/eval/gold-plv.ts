import { splitCsvLine } from "../formats/index.ts";
import { PLOVER_TYPES } from "./classes.ts";
import { column } from "./csv.ts";
import { badRecords, type Gold, GoldError, type GoldOptions, type GoldUnit } from "./types.ts";

const splitTsv = (line: string) => splitCsvLine(line, { delimiter: "\t", trim: true });

/** Where a PLV header's columns are (-1 when absent). */
function plvColumns(header: string[]) {
  return {
    id: column(header, ["id"]),
    type: column(header, ["goldroot"]),
    quad: column(header, ["goldpenta"]),
    text: column(header, ["sentence"]),
    source: column(header, ["source"]),
    target: column(header, ["target"]),
  };
}

/** True if a header line is the PLV TSV's (`gold_root` and `sentence` columns, tab-separated). */
export function isPlvHeader(line: string): boolean {
  if (!line.includes("\t")) return false;
  const col = plvColumns(splitTsv(line));
  return col.type !== -1 && col.text !== -1;
}

/**
 * The PLV TSV of PLOVER-labelled news sentences (ZSP-PLV): `id, sentence_id, gold_penta, gold_root,
 * sentence, marked_sentence, source, target`. Each row is a unit keyed by `id`, labelled with its
 * PLOVER type (`gold_root`, in PLOVER's 2018 taxonomy: YIELD for CONCEDE and RETREAT), its quad
 * class (`gold_penta`, 1–4 in the ICEWS convention) and the source and target spans as written.
 */
export function readPlvGold(text: string, file: string, opts: GoldOptions = {}): Gold {
  const bad = badRecords(opts);
  const lines = text.split(/\r?\n/);
  const col = plvColumns(splitTsv(lines[0] ?? ""));
  for (const k of ["id", "type", "text"] as const)
    if (col[k] === -1)
      throw new GoldError(
        `PLV header has no "${{ id: "id", type: "gold_root", text: "sentence" }[k]}" column`,
        file,
        1,
      );
  const units: GoldUnit[] = [];
  const seen = new Set<string>();
  for (let i = 1; i < lines.length; i++) {
    if (lines[i].trim() === "") continue;
    const f = splitTsv(lines[i]);
    const id = f[col.id] ?? "";
    const name = `row "${id}"`;
    if (id === "" || seen.has(id)) {
      bad(new GoldError(id ? `${name}: duplicate id` : `row ${i + 1}: no id`, file, i + 1));
      continue;
    }
    seen.add(id);
    const type = (f[col.type] ?? "").toUpperCase();
    if (!PLOVER_TYPES.has(type)) {
      bad(new GoldError(`${name}: unknown PLOVER type "${f[col.type]}"`, file, i + 1));
      continue;
    }
    const quad = col.quad === -1 ? "" : (f[col.quad] ?? "");
    if (quad !== "" && !/^[1-4]$/.test(quad)) {
      bad(new GoldError(`${name}: gold_penta must be 1-4, found "${quad}"`, file, i + 1));
      continue;
    }
    const sentence = f[col.text] ?? "";
    if (sentence === "") {
      bad(new GoldError(`${name}: empty sentence`, file, i + 1));
      continue;
    }
    const span = (c: number) => (c === -1 ? null : f[c] || null);
    units.push({
      key: id,
      text: sentence,
      date: null,
      parse: null,
      line: i + 1,
      events: [
        {
          source: null,
          target: null,
          code: null,
          plover: type,
          quad: quad === "" ? null : Number(quad),
          names: { source: span(col.source), target: span(col.target) },
        },
      ],
    });
  }
  return {
    format: "plv-tsv",
    units,
    hasCodes: false,
    sentenceLabels: true,
    quadScheme: "icews",
    labels: "plover",
    ploverAliases: { CONCEDE: "YIELD", RETREAT: "YIELD" },
  };
}
