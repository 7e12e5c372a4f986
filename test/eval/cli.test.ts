import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CliError } from "../../src/cli/error.ts";
import { runEval } from "../../src/cli/eval.ts";

describe("yalu eval", () => {
  const dir = mkdtempSync(join(tmpdir(), "yalu-eval-"));
  const gold = join(dir, "gold.csv");
  writeFileSync(gold, "id,date,source,target,code\ns1,2020-01-02,NTH,STH,042\ns2,2020-01-03,STH,NTH,190\n");

  it("scores a prediction file and prints the three levels and the confusion table", async () => {
    const pred = join(dir, "pred.csv");
    writeFileSync(pred, "id,date,source,target,code\ns1,2020-01-02,NTH,STH,042\ns2,2020-01-03,STH,NTH,193\n");
    let out = "";
    await runEval(gold, { pred }, (s) => {
      out += s;
    });
    expect(out).toMatch(/event\s+P\s+50\.0%\s+R\s+50\.0%\s+F1\s+50\.0%/);
    expect(out).toMatch(/root\s+P\s+100\.0%/);
    expect(out).toMatch(/confusion by root/);
    let json = "";
    await runEval(gold, { pred, json: true }, (s) => {
      json += s;
    });
    expect(JSON.parse(json).confusion.counts["19"]["19"]).toBe(1);
  });

  it("reports a malformed gold record as a CLI error naming file and line", async () => {
    const bad = join(dir, "bad.csv");
    writeFileSync(bad, "id,date,source,target,code\ns9,2020-01-02,NTH,STH,04x\n");
    await expect(runEval(bad, { pred: bad }, () => {})).rejects.toThrow(CliError);
    await expect(runEval(bad, { pred: bad }, () => {})).rejects.toThrow(
      /bad\.csv:2: row "s9": invalid CAMEO code/,
    );
  });

  it("rejects a missing gold file as a usage error", async () => {
    await expect(runEval(join(dir, "nope.csv"), {}, () => {})).rejects.toMatchObject({ exitCode: 2 });
  });
});
