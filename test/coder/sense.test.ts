import { describe, expect, it } from "vitest";
import { decodeSense, encodeSense, predictSense, senseExample, trainSense } from "../../src/coder/sense.ts";
import { loadParser } from "../../src/parse/index.ts";
import { mulberry32 } from "../../src/parse/train.ts";

const parser = loadParser();
const example = (text: string, type: string) => senseExample(parser, text, type);

// A toy set of our own: three types told apart by their verbs.
const TRAIN = [
  example("Ruritania shelled villages in Freedonia.", "ASSAULT"),
  example("Troops from Ruritania bombed a bridge in Freedonia.", "ASSAULT"),
  example("Freedonia shelled border posts of Ruritania.", "ASSAULT"),
  example("Ruritania hosted talks with Freedonia.", "CONSULT"),
  example("Freedonia held talks with Ruritania in the capital.", "CONSULT"),
  example("The two ministers held talks on trade.", "CONSULT"),
  example("Ruritania denounced Freedonia for the raid.", "ACCUSE"),
  example("Freedonia denounced the blockade by Ruritania.", "ACCUSE"),
  example("The minister denounced Ruritania's policy.", "ACCUSE"),
];

describe("the learned event sense", () => {
  it("learns types from verbs and their objects, reproducibly", () => {
    const a = trainSense(TRAIN, 8, mulberry32(3));
    const b = trainSense(TRAIN, 8, mulberry32(3));
    const probe = example("Freedonia shelled a town in Ruritania.", "");
    expect(predictSense(a, probe.lower, probe.words).type).toBe("ASSAULT");
    expect(predictSense(a, probe.lower, probe.words)).toEqual(predictSense(b, probe.lower, probe.words));
    const talks = example("Ruritania held talks with the rebels.", "");
    const sense = predictSense(a, talks.lower, talks.words);
    expect(sense.type).toBe("CONSULT");
    expect(sense.confidence).toBeGreaterThan(0);
    expect(sense.confidence).toBeLessThanOrEqual(1);
  });

  it("round-trips through its file form with the same answers", () => {
    const m = { ...trainSense(TRAIN, 8, mulberry32(5)), threshold: 0.6 };
    const again = decodeSense(encodeSense(m));
    expect(again.types).toEqual(m.types);
    expect(again.threshold).toBe(0.6);
    for (const e of TRAIN)
      expect(predictSense(again, e.lower, e.words).type).toBe(predictSense(m, e.lower, e.words).type);
    expect(() => decodeSense(encodeSense(m).subarray(0, 10))).toThrow();
  });
});
