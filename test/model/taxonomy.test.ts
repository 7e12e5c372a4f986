// The CAMEO table's names are plain text, one name per code: no encoding debris (the curly quotes
// of the codebook read as Latin-1) and no fragment of another code's line run into a name.
import { describe, expect, it } from "vitest";
import { CAMEO } from "../../src/model/taxonomy.ts";

describe("CAMEO taxonomy names", () => {
  const codes = [...CAMEO.values()];

  it("are printable ASCII", () => {
    const bad = codes.filter((c) => !/^[\x20-\x7e]+$/.test(c.name)).map((c) => `${c.code} ${c.name}`);
    expect(bad).toEqual([]);
  });

  it("carry no other code's number or weight", () => {
    const bad = codes.filter((c) => /\d{2,4}\s*:|\[-?\d/.test(c.name)).map((c) => `${c.code} ${c.name}`);
    expect(bad).toEqual([]);
  });

  it("name each leaf code once", () => {
    const byName = new Map<string, string[]>();
    for (const c of codes) byName.set(c.name, [...(byName.get(c.name) ?? []), c.code]);
    const shared = [...byName].filter(([, cs]) => cs.length > 1).map(([n, cs]) => `${n}: ${cs.join(", ")}`);
    expect(shared).toEqual([]);
  });

  it("name 044, 1056 and 106 as the codebook does", () => {
    expect(CAMEO.get("044")?.name).toBe('Meet at a "third" location');
    expect(CAMEO.get("1056")?.name).toBe("Demand de-escalation of military engagement");
    expect(CAMEO.get("106")?.name).toBe("Demand withdrawal");
  });
});
