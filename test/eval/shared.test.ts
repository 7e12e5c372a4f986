import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { runEval } from "../../src/cli/eval.ts";
import { readGold } from "../../src/eval/gold-readers.ts";

const DATA = "../shared/reference/eventdata";
const CONFLIBERT = `${DATA}/ConfliBERT/data/cameo_class/train.tsv`;
const SUITE = `${DATA}/petrarch2/text/PETR.UnitTest.records.xml`;
const PLV = `${DATA}/ZSP-PLV/PLV_train.tsv`;
for (const f of [CONFLIBERT, SUITE, PLV]) if (!existsSync(f)) console.warn(`skipping: ${f} not found`);

describe.skipIf(!existsSync(CONFLIBERT))("ConfliBERT cameo_class gold", () => {
  it("reads every sentence with a 0-4 label", () => {
    const g = readGold(readFileSync(CONFLIBERT, "utf8"), CONFLIBERT);
    expect(g.format).toBe("conflibert-tsv");
    expect(g.units.length).toBe(1349);
    const classes = new Set(g.units.map((u) => u.events[0].quad));
    expect([...classes].sort()).toEqual([0, 1, 2, 3, 4]);
  });
});

describe.skipIf(!existsSync(SUITE))("yalu eval on the PETRARCH unit suite", () => {
  it("scores the dictionary coder at least at its measured level", async () => {
    let out = "";
    await runEval(
      SUITE,
      { dictionaries: `${DATA}/petrarch2/dictionaries/PETR.Validate`, json: true },
      (s) => {
        out += s;
      },
    );
    const r = JSON.parse(out);
    console.log(
      `unit suite, event level: P ${r.event.precision.toFixed(3)} R ${r.event.recall.toFixed(3)} F1 ${r.event.f1.toFixed(3)}`,
    );
    expect(r.units).toBe(284);
    // Floor a little under the measured event-level F1 (0.929).
    expect(r.event.f1).toBeGreaterThanOrEqual(0.9);
  });
});

describe.skipIf(!existsSync(PLV))("yalu eval on the PLV sentences", () => {
  it("reads 1,050 PLOVER-labelled sentences and scores the coder per type", async () => {
    const g = readGold(readFileSync(PLV, "utf8"), PLV);
    expect(g.format).toBe("plv-tsv");
    expect(g.units.length).toBe(1050);
    let out = "";
    await runEval(PLV, { json: true }, (s) => {
      out += s;
    });
    const r = JSON.parse(out);
    console.log(
      `PLV, PLOVER type: accuracy ${r.labels.accuracy.toFixed(3)} macro-F1 ${r.labels.macroF1.toFixed(3)}; ` +
        `actors on ${r.actors.units} sentences: source ${r.actors.source}, target ${r.actors.target}`,
    );
    expect(r.labels.rows.map((x: { label: string }) => x.label)).toContain("YIELD");
    expect(r.labels.rows.reduce((n: number, x: { gold: number }) => n + x.gold, 0)).toBe(1050);
  });
});
