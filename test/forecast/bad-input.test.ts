import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadForecastFile } from "../../src/forecast/io/input.ts";
import { readKtabCsv } from "../../src/forecast/io/ktab.ts";
import { ForecastInputError } from "../../src/forecast/validate.ts";
import { haveKtab, ktabFile } from "./ktab-log.ts";

const dir = mkdtempSync(join(tmpdir(), "yalu-forecast-"));

/** Write `text` to a temp file and expect loading it to fail with every one of `parts`. */
async function expectError(name: string, text: string, parts: (string | RegExp)[]) {
  const file = join(dir, name);
  writeFileSync(file, text);
  const err = await loadForecastFile(file).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ForecastInputError);
  const message = (err as Error).message;
  expect(message).toContain(file);
  for (const p of parts) expect(message).toMatch(p);
  return err as ForecastInputError;
}

describe.skipIf(!haveKtab)("bad KTAB inputs name actor, dimension, file and line", () => {
  const csv = haveKtab ? readFileSync(ktabFile("dummyData_3Dim.csv"), "utf8").split("\n") : [];

  it("fewer than 3 actors", async () => {
    const text = [csv[0].replace(",7,3,", ",2,3,"), csv[1], csv[2], csv[3]].join("\n");
    const err = await expectError("two-actors.csv", text, [
      "2 actors",
      "SActor-00",
      "SActor-01",
      "at least 3",
    ]);
    expect(err.line).toBe(4);
  });

  it("saliences summing to more than 100", async () => {
    const lines = [...csv];
    lines[3] = lines[3].replace("30.33", "70.33");
    const err = await expectError("salience.csv", lines.join("\n"), [
      'actor "SActor-01"',
      /dimension "Pstn1\+Pstn2\+Pstn3"/,
      "more than 100",
      ":4:",
    ]);
    expect(err.actor).toBe("SActor-01");
  });

  it("a non-numeric cell", async () => {
    const lines = [...csv];
    lines[5] = lines[5].replace("50.82", "fifty");
    const err = await expectError("nonnumeric.csv", lines.join("\n"), [
      'actor "SActor-03"',
      'dimension "Pstn2"',
      'non-numeric position "fifty"',
      ":6:",
    ]);
    expect(err.line).toBe(6);
  });

  it("a missing coordinate: the stored smpExample.xml has one blanked on purpose", async () => {
    const text = readFileSync(ktabFile("smpExample.xml"), "utf8");
    const err = await expectError("smpExample.xml", text, [
      'actor "Alice"',
      'dimension "FirstDim"',
      "missing position",
    ]);
    const blank = text.split("\n").findIndex((l) => l.includes("<dCoord></dCoord>")) + 1;
    expect(err.line).toBe(blank);
  });

  it("a non-numeric salience in XML and a missing CSV cell", async () => {
    const xml = readFileSync(ktabFile("dummyData_3Dim.xml"), "utf8").replace(
      /<dSal>[\d.]+<\/dSal>/,
      "<dSal>x</dSal>",
    );
    await expectError("bad.xml", xml, ['non-numeric salience "x"', /actor "[^"]+"/, /dimension "[^"]+"/]);
    const lines = [...csv];
    lines[2] = lines[2].split(",").slice(0, 7).join(",");
    await expectError("short.csv", lines.join("\n"), ['actor "SActor-00"', 'dimension "Pstn3"', "missing"]);
  });
});

describe("bad Yalu scenarios", () => {
  const yaml = readFileSync("data/scenarios/china-dprk.yaml", "utf8");

  it("a non-numeric position names actor, dimension and the YAML line", async () => {
    const text = yaml.replace(
      'pressure: { value: 90, why: "Complete',
      'pressure: { value: "high", why: "Complete',
    );
    const line = text.split("\n").findIndex((l) => l.includes('value: "high"')) + 1;
    const err = await expectError("bad.yaml", text, [
      'actor "US"',
      'dimension "pressure"',
      'non-numeric position "high"',
    ]);
    expect(err.line).toBe(line);
  });

  it("an override naming an unknown actor or dimension", async () => {
    writeFileSync(join(dir, "china-dprk.yaml"), yaml);
    await expectError(
      "v1.yaml",
      "name: v\nbase: china-dprk.yaml\noverrides:\n  - { actor: Mongolia, capability: 3 }\n",
      ['actor "Mongolia"', "unknown actor", ":4:"],
    );
    await expectError(
      "v2.yaml",
      "name: v\nbase: china-dprk.yaml\noverrides:\n  - { actor: US, dimension: trade, salience: 3 }\n",
      ['actor "US"', 'dimension "trade"'],
    );
  });

  it("an override pushing saliences over 100", async () => {
    writeFileSync(join(dir, "china-dprk.yaml"), yaml);
    await expectError(
      "v3.yaml",
      "name: v\nbase: china-dprk.yaml\noverrides:\n  - { actor: China, dimension: pressure, salience: 60 }\n",
      ['actor "China"', "more than 100"],
    );
  });

  it("capabilities all 0, or no weight on a dimension: refused, not a forecast of nothing", async () => {
    const zero = yaml.replace(/(capability:\n\s+value: )\d+(\.\d+)?/g, "$10");
    expect(zero).not.toBe(yaml);
    await expectError("zero.yaml", zero, ["every actor's capability is 0"]);
    const mute = yaml.replace(/(usforces: \{ value: )\d+/g, "$10");
    expect(mute).not.toBe(yaml);
    await expectError("mute.yaml", mute, [
      'dimension "usforces"',
      "no actor has both capability and salience",
    ]);
  });
});

describe("KTAB CSV header cells of 82 KB of tabs (found by the fuzzer: minutes before)", () => {
  const scenario = (position: string) =>
    `Test,Small,3,1\nActor,Description,Capability,${position},Salience\nA,a,100,10,50\nB,b,80,60,70\nC,c,50,90,40\n`;
  const tabs = "\t".repeat(82_000);

  it("reads the dimension name in linear time", () => {
    const t = performance.now();
    expect(readKtabCsv(scenario(`Positi${tabs}on`), "t.csv").dimensions).toEqual([`Positi${tabs}on`]);
    expect(readKtabCsv(scenario(`Policy${tabs}Position`), "t.csv").dimensions).toEqual(["Policy"]);
    expect(readKtabCsv(scenario(`Policy ${tabs} Position`), "t.csv").dimensions).toEqual(["Policy"]);
    expect(performance.now() - t).toBeLessThan(3_000);
  });
});
