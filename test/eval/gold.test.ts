import { describe, expect, it } from "vitest";
import { pentaClassOf } from "../../src/eval/classes.ts";
import {
  readConflibertGold,
  readCsvGold,
  readGold,
  readPloverGold,
  readPlvGold,
  readXmlGold,
} from "../../src/eval/gold-readers.ts";
import { readPredictions } from "../../src/eval/predictions.ts";
import { GoldError } from "../../src/eval/types.ts";

/** A PLV-format gold of our own: header, a quoted sentence with doubled quotes, a YIELD row. */
const PLV = [
  "id\tsentence_id\tgold_penta\tgold_root\tsentence\tmarked_sentence\tsource\ttarget",
  "0\t7\t3\tACCUSE\tNorthland's foreign minister condemned Southland.\t<s>Northland's foreign minister</s> condemned <t>Southland</t>.\tNorthland's foreign minister\tSouthland",
  '1\t9\t2\tYIELD\t"Southland released ""all"" prisoners to Northland."\t"<s>Southland</s> released ""all"" prisoners to <t>Northland</t>."\tSouthland\tNorthland',
].join("\n");

const XML = `<Sentences>
<Sentence date="20200102" id="T-1" category="DEMO" sentence="true">
<EventCoding sourcecode="NTH" targetcode="STH" eventcode="042"></EventCoding>
<Text>Northland visited Southland.</Text>
<Parse>(ROOT (S (NP (NNP Northland)) (VP (VBD visited) (NP (NNP Southland)))))</Parse>
</Sentence>
<Sentence date="20200103" id="T-2" category="DEMO" sentence="true">
<EventCoding noevents="True"></EventCoding>
<Text>Nothing happened.</Text>
</Sentence>
</Sentences>`;

describe("gold readers", () => {
  it("reads PETRARCH XML codings, no-event records and parses", () => {
    const g = readXmlGold(XML, "t.xml");
    expect(g.units.map((u) => [u.key, u.date, u.events.length])).toEqual([
      ["T-1", "2020-01-02", 1],
      ["T-2", "2020-01-03", 0],
    ]);
    expect(g.units[0].events[0]).toMatchObject({ source: "NTH", target: "STH", code: "042" });
    expect(g.units[0].parse).toMatch(/^\(ROOT/);
  });

  it("names the line of a malformed XML record", () => {
    const bad = XML.replace(
      '<EventCoding sourcecode="NTH" targetcode="STH" eventcode="042">',
      '<EventCoding sourcecode="NTH">',
    );
    expect(() => readXmlGold(bad, "bad.xml")).toThrow(GoldError);
    expect(() => readXmlGold(bad, "bad.xml")).toThrow(/bad\.xml:3:/);
  });

  it("reads PLOVER JSON lines with CAMEO codes or PLOVER types", () => {
    const text = [
      '{"id":"a","text":"Northland visited Southland.","date":"2020-01-02","source":"NTH","target":{"code":"STH"},"cameo":"042"}',
      '{"id":"a","source":"STH","target":"NTH","event_type":"CONSULT"}',
      '{"id":"b","text":"Quiet day."}',
    ].join("\n");
    const g = readPloverGold(text, "t.jsonl");
    expect(g.units.map((u) => [u.key, u.events.length])).toEqual([
      ["a", 2],
      ["b", 0],
    ]);
    expect(g.units[0].events[1]).toMatchObject({
      source: "STH",
      target: "NTH",
      code: null,
      plover: "CONSULT",
    });
    const polecat = readPloverGold(
      '[{"event_id":"e1","event_text":"Troops shelled Eastland.","actor":"NTHMIL","recipient":"EST","event_type":"ASSAULT"}]',
      "p.json",
    );
    expect(polecat.units[0]).toMatchObject({ key: "e1", text: "Troops shelled Eastland." });
    expect(polecat.units[0].events[0]).toMatchObject({ source: "NTHMIL", target: "EST", plover: "ASSAULT" });
    expect(() => readPloverGold('{"id":"z","cameo":"4x2"}', "p.jsonl")).toThrow(
      /p\.jsonl:1: record "z": invalid CAMEO code/,
    );
  });

  it("reads CSV (date, source, target, code), keyed by id or date", () => {
    const g = readCsvGold(
      "date,source,target,code\n2020-01-02,NTH,STH,042\n2020-01-02,STH,NTH,043\n2020-02-01,NTH,STH,190\n",
      "t.csv",
    );
    expect(g.units.map((u) => [u.key, u.events.length])).toEqual([
      ["2020-01-02", 2],
      ["2020-02-01", 1],
    ]);
    expect(() => readCsvGold("date,source,target,code\n2020-13,NTH,STH,042\n", "d.csv")).toThrow(
      /d\.csv:2: row 2: invalid date/,
    );
    expect(() => readCsvGold("id,date,source,target,code\nr7,2020-01-01,NTH,STH,ABC\n", "c.csv")).toThrow(
      /c\.csv:2: row "r7": invalid CAMEO code "ABC"/,
    );
    expect(() => readCsvGold("when,who\n", "h.csv")).toThrow(/no "date" column/);
  });

  it("reads ConfliBERT sentence labels and rejects bad ones", () => {
    const g = readConflibertGold("Troops shelled the town.\t4\nLeaders met in Paris.\t1\n", "t.tsv");
    expect(g.units.map((u) => [u.key, u.events[0].quad])).toEqual([
      ["line 1", 4],
      ["line 2", 1],
    ]);
    expect(() => readConflibertGold("A sentence.\t7\n", "b.tsv")).toThrow(
      /b\.tsv:1: line 1: label must be 0-4/,
    );
  });

  it("reads the PLV TSV: PLOVER type, quad class and actor spans per sentence", () => {
    const g = readPlvGold(PLV, "plv.tsv");
    expect(g).toMatchObject({ format: "plv-tsv", hasCodes: false, sentenceLabels: true, labels: "plover" });
    expect(g.units.map((u) => [u.key, u.text, u.events[0].plover, u.events[0].quad])).toEqual([
      ["0", "Northland's foreign minister condemned Southland.", "ACCUSE", 3],
      ["1", 'Southland released "all" prisoners to Northland.', "YIELD", 2],
    ]);
    expect(g.units[0].events[0].names).toEqual({
      source: "Northland's foreign minister",
      target: "Southland",
    });
    expect(() => readPlvGold(PLV.replace("ACCUSE", "SCOLD"), "b.tsv")).toThrow(
      /b\.tsv:2: row "0": unknown PLOVER type "SCOLD"/,
    );
    expect(() => readPlvGold(PLV.replace("\t2\tYIELD", "\t9\tYIELD"), "b.tsv")).toThrow(
      /b\.tsv:3: row "1": gold_penta must be 1-4/,
    );
    expect(() => readPlvGold(PLV.replace("\n1\t", "\n0\t"), "b.tsv")).toThrow(
      /b\.tsv:3: row "0": duplicate id/,
    );
  });

  it("picks the reader from the file", () => {
    expect(readGold(PLV, "any.tsv").format).toBe("plv-tsv");
    expect(readGold(XML, "x.xml").format).toBe("petrarch-xml");
    expect(readGold("Troops shelled the town.\t4\n", "c.tsv").format).toBe("conflibert-tsv");
    expect(readGold("date,source,target,code\n", "x.csv").format).toBe("csv");
  });

  it("maps CAMEO codes to ConfliBERT's five classes", () => {
    const codes = "010 020 036 051 061 0841 090 130 163 1663 145 150 173".split(" ");
    expect(codes.map(pentaClassOf)).toEqual([0, 0, 1, 1, 2, 2, 3, 3, 3, 3, 4, 4, 4]);
  });
});

describe("prediction readers", () => {
  it("keys Yalu JSONL events to gold sentences by document id or sentence text", () => {
    const gold = readXmlGold(XML, "t.xml");
    const text = [
      JSON.stringify({
        source: { code: "NTH" },
        target: { code: "STH" },
        cameo: "042",
        evidence: { docId: "T-1" },
      }),
      JSON.stringify({
        source: { code: "NTH" },
        target: { code: "STH" },
        cameo: "190",
        evidence: { sentence: "Nothing  happened." },
      }),
      JSON.stringify({
        source: { code: "NTH" },
        target: { code: "STH" },
        cameo: "190",
        evidence: { docId: "elsewhere" },
      }),
    ].join("\n");
    const { predictions, unmatched } = readPredictions(text, "p.jsonl", gold);
    expect(predictions.get("T-1")?.[0]).toMatchObject({ source: "NTH", target: "STH", code: "042" });
    expect(predictions.get("T-2")?.[0].code).toBe("190");
    expect(unmatched).toBe(1);
  });
});
