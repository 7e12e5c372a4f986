import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { shippedRegistry } from "../../src/formats/actor-data.ts";
import { surfaceKey } from "../../src/model/actors.ts";

describe("surfaceKey", () => {
  it("folds case, accents, hyphens, apostrophes, spacing, possessives and a leading 'the'", () => {
    expect(surfaceKey("Kim Jong-Un")).toBe("kim jong un");
    expect(surfaceKey("  KIM\tJONG   UN ")).toBe("kim jong un");
    expect(surfaceKey("Dag Hammarskjöld")).toBe("dag hammarskjold");
    expect(surfaceKey("China’s")).toBe("china");
    expect(surfaceKey("the United States")).toBe("united states");
    expect(surfaceKey("People's Republic of China")).toBe("peoples republic of china");
    expect(surfaceKey("U.S.")).toBe("u.s.");
  });

  it("is idempotent", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 40 }), (s) => {
        const k = surfaceKey(s);
        expect(surfaceKey(k)).toBe(k);
      }),
      { seed: 42, numRuns: 500 },
    );
  });

  it("finds every surface form of the registry again by its own text", () => {
    const reg = shippedRegistry();
    for (const f of reg.surfaceForms()) {
      expect(
        reg.candidates(f.text).some((e) => e.id === f.entryId),
        f.text,
      ).toBe(true);
    }
  });
});

describe("role table", () => {
  it("names every CAMEO role code the coder uses", () => {
    const reg = shippedRegistry();
    const roles =
      "GOV MIL ELI BUS MED OPP REB COP JUD LEG CVL SPY NGO IGO REF EDU HLH AGR LAB CRM UAF INS SEP";
    for (const r of roles.split(" ")) expect(reg.roleName(r), r).toBeTruthy();
  });
});
