import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough, Readable } from "node:stream";
import { afterAll, describe, expect, it } from "vitest";
import { runCode } from "../../src/cli/code.ts";
import {
  type CodingEvidence,
  confidenceOf,
  fitConfidence,
  parseConfidence,
} from "../../src/coder/confidence.ts";
import { NativeCoder } from "../../src/coder/native.ts";
import { shippedCoderData, shippedConfidence } from "../../src/coder/shipped.ts";

const dir = mkdtempSync(join(tmpdir(), "yalu-confidence-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const plain: CodingEvidence = {
  code: "042",
  sense: false,
  phrase: false,
  noun: false,
  carried: false,
  implied: false,
};

describe("coder confidence", () => {
  it("learns the share of right events per kind of evidence", () => {
    // Phrases right 9 times in 10, bare verbs 4 times in 10.
    const examples = [
      ...Array.from({ length: 100 }, (_, i) => ({
        evidence: { ...plain, phrase: true },
        right: i % 10 !== 0,
      })),
      ...Array.from({ length: 100 }, (_, i) => ({ evidence: plain, right: i % 10 < 4 })),
    ];
    const m = fitConfidence(examples, { lambda: 0, epochs: 3000, rate: 1 });
    expect(confidenceOf(m, { ...plain, phrase: true })).toBeCloseTo(0.9, 1);
    expect(confidenceOf(m, plain)).toBeCloseTo(0.4, 1);
  });

  it("gives every event of the default coder a confidence in [0, 1], and explains it", () => {
    const coder = new NativeCoder(shippedCoderData());
    const text = "China condemned Japan on Monday, and Russia signed a trade agreement with India.";
    const out = coder.explain({ id: "s", text, date: "2024-05-08", docId: "d", offset: 0 });
    expect(out.length).toBeGreaterThanOrEqual(2);
    const model = shippedConfidence();
    expect(model).not.toBeNull();
    for (const { event, evidence } of out) {
      expect(event.confidence).toBeGreaterThanOrEqual(0);
      expect(event.confidence).toBeLessThanOrEqual(1);
      expect(event.confidence).toBe(confidenceOf(model!, evidence));
    }
    const deal = out.find((x) => x.event.cameo.startsWith("05"));
    expect(deal?.evidence.phrase).toBe(true);
    // Without a model, events carry no confidence.
    const none = new NativeCoder({ ...shippedCoderData(), confidence: null }).code({
      id: "s",
      text,
      date: "2024-05-08",
      docId: "d",
      offset: 0,
    });
    expect(none.map((e) => e.confidence)).toEqual(none.map(() => null));
  });

  it("names the file and the field of a bad model", () => {
    expect(() => parseConfidence("{", "m.json")).toThrow(/^m\.json: not JSON/);
    expect(() => parseConfidence('{"bias": "x", "weights": {}}', "m.json")).toThrow(
      'm.json: "bias" must be a number',
    );
    expect(() => parseConfidence('{"bias": 0, "weights": {"phrase": null}}', "m.json")).toThrow(
      'm.json: weight "phrase" must be a number',
    );
  });

  it("yalu code --min-confidence keeps only events as confident, and refuses a bad value", async () => {
    const path = join(dir, "news.txt");
    writeFileSync(path, "China condemned Japan on Monday. Russia signed a trade agreement with India.\n");
    const run = async (minConfidence?: string) => {
      const stdout = new PassThrough();
      let out = "";
      stdout.on("data", (d) => {
        out += d;
      });
      const io = { stdin: Readable.from([]), stdout, stderr: new PassThrough() };
      await runCode(path, { docDate: "2024-05-08", ...(minConfidence ? { minConfidence } : {}) }, io);
      return out
        .trim()
        .split("\n")
        .filter(Boolean)
        .map((l) => JSON.parse(l) as { confidence: number });
    };
    const all = await run();
    expect(all.length).toBeGreaterThanOrEqual(2);
    const cut = [...all.map((e) => e.confidence)].sort((a, b) => a - b).at(-1)!;
    const kept = await run(String(cut));
    expect(kept.length).toBeGreaterThan(0);
    expect(kept.length).toBeLessThan(all.length);
    expect(kept.every((e) => e.confidence >= cut)).toBe(true);
    await expect(run("1.5")).rejects.toThrow('invalid --min-confidence "1.5" (a number from 0 to 1)');
    await expect(runCode(path, { minConfidence: "0.5", dictionaries: "x" })).rejects.toThrow(
      /--min-confidence cannot be used with --dictionaries/,
    );
  });
});
