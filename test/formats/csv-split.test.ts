import { describe, expect, it } from "vitest";
import { readEuTable } from "../../src/forecast/io/eum.ts";
import { parseForecastFile } from "../../src/forecast/io/input.ts";
import { readKtabCsv } from "../../src/forecast/io/ktab.ts";
import { delimiterOf, splitCsvLine } from "../../src/formats/csv-parse.ts";
import { parseIndicatorCsv } from "../../src/store/flagship.ts";

describe("splitCsvLine, the one line splitter", () => {
  it("keeps quoted delimiters and doubled quotes inside a field", () => {
    expect(splitCsvLine('"Korea, Republic of",60,"say ""no""",')).toEqual([
      "Korea, Republic of",
      "60",
      'say "no"',
      "",
    ]);
    expect(splitCsvLine('a\t"b\tc"\t', { delimiter: "\t" })).toEqual(["a", "b\tc", ""]);
  });

  it("trims on request, and runs an unterminated quote to the end of the line", () => {
    expect(splitCsvLine(' a , "b, c" ', { trim: true })).toEqual(["a", '"b', 'c"']);
    expect(splitCsvLine('a,"b, c ', { trim: true })).toEqual(["a", "b, c"]);
    expect(splitCsvLine("")).toEqual([""]);
    expect(delimiterOf("name\tx\tc\ts")).toBe("\t");
    expect(delimiterOf("name,x,c,s")).toBe(",");
  });
});

describe("readers built on it", () => {
  const eum = [
    "name,x,c,s",
    '"Korea, Republic of",60,10,0.5',
    '"Korea, Democratic People\'s Republic of",20,5,0.9',
    "China,40,30,0.7",
    "",
  ].join("\n");

  it("an expected-utility table: a quoted comma stays in the actor's name", () => {
    expect(readEuTable(eum, "koreas.txt")).toEqual([
      { name: "Korea, Republic of", position: 60, capability: 10, salience: 0.5 },
      { name: "Korea, Democratic People's Republic of", position: 20, capability: 5, salience: 0.9 },
      { name: "China", position: 40, capability: 30, salience: 0.7 },
    ]);
    const scenario = parseForecastFile(eum, "koreas.txt");
    expect(scenario.input.actors.map((a) => [a.name, a.position[0], a.salience[0]])).toEqual([
      ["Korea, Republic of", 60, 50],
      ["Korea, Democratic People's Republic of", 20, 90],
      ["China", 40, 70],
    ]);
  });

  it("a tab-separated table keeps commas unquoted", () => {
    const tsv = "name\tx\tc\ts\nKorea, Republic of\t60\t10\t0.5\nChina\t40\t30\t0.7\nJapan\t50\t20\t0.4\n";
    expect(readEuTable(tsv).map((a) => a.name)).toEqual(["Korea, Republic of", "China", "Japan"]);
  });

  it("a KTAB CSV and the indicator CSV keep quoted commas", () => {
    const ktab = [
      'Koreas,"North, South and neighbours",3,1',
      "Actor,Description,Power,Pos 1,Sal 1",
      'ROK,"Korea, Republic of",10,60,50,',
      "DPRK,North Korea,5,20,90",
      "China,China,30,40,70",
    ].join("\n");
    const input = readKtabCsv(ktab, "koreas.csv");
    expect(input.description).toBe("North, South and neighbours");
    expect(input.actors.map((a) => [a.name, a.description])).toEqual([
      ["ROK", "Korea, Republic of"],
      ["DPRK", "North Korea"],
      ["China", "China"],
    ]);
    const points = parseIndicatorCsv(
      'indicator,subject,series,period,value,unit,source,url,note\ntrade,CHN-PRK,total,2019,2.8,USD bn,"GACC, China",,"exports, imports"\n',
    );
    expect(points).toMatchObject([
      { value: 2.8, source: "GACC, China", url: null, note: "exports, imports" },
    ]);
  });
});
