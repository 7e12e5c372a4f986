import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { identifier, integer, likePrefix, quote, wellFormed } from "../../src/store/clickhouse/quote.ts";
import { clickhouseAvailable, useCluster } from "./clickhouse-cluster.ts";

describe("clickhouse quoting (18.16 has no query parameters)", () => {
  it("rejects identifiers and integers that are not plain", () => {
    expect(identifier("yalu_1")).toBe("yalu_1");
    for (const bad of ["", "a-b", "a;b", "1a", "a b", "`a`", "a.b", "x".repeat(64)]) {
      expect(() => identifier(bad)).toThrow(`invalid clickhouse name "${bad}"`);
    }
    expect(integer(0)).toBe("0");
    for (const bad of [-1, 1.5, Number.NaN, 2 ** 60])
      expect(() => integer(bad, "limit")).toThrow("invalid limit");
  });

  it("replaces lone surrogates, keeps everything else", () => {
    expect(wellFormed("a\ud800b")).toBe("a\ufffdb");
    expect(wellFormed("😀")).toBe("😀");
  });

  describe.skipIf(!clickhouseAvailable)("against the server", () => {
    const { url } = useCluster();
    const select = async (sql: string) => {
      const res = await fetch(`http://127.0.0.1:${new URL(url()).port}/`, { method: "POST", body: sql });
      const text = await res.text();
      if (!res.ok) throw new Error(text);
      return JSON.parse(text).data[0] as Record<string, unknown>;
    };

    it("quote(s) reads back as s, for any string (batched random cases)", async () => {
      const strings = fc.sample(fc.string({ unit: "binary", maxLength: 40 }), { numRuns: 300, seed: 7 });
      strings.push("'", "\\", "\\'", "'; DROP TABLE x; --", "\u0000\u0001\u007f", "%_\\%", "é😀");
      const columns = strings.map((s, i) => `${quote(s)} AS c${i}`).join(", ");
      const row = await select(`SELECT ${columns} FORMAT JSON`);
      strings.forEach((s, i) => {
        expect(row[`c${i}`], JSON.stringify(s)).toBe(wellFormed(s));
      });
    });

    it("likePrefix matches exactly the strings with that prefix", async () => {
      const cases: [string, string, number][] = [
        ["100%", "100% sure", 1],
        ["100%", "1000", 0],
        ["a_b", "a_bc", 1],
        ["a_b", "axbc", 0],
        ["a\\", "a\\x", 1],
        ["a\\", "ax", 0],
        ["'", "'x", 1],
      ];
      const columns = cases.map(([p, s], i) => `${quote(s)} LIKE ${likePrefix(p)} AS c${i}`).join(", ");
      const row = await select(`SELECT ${columns} FORMAT JSON`);
      cases.forEach(([p, s, want], i) => {
        expect(row[`c${i}`], `${s} LIKE ${p}%`).toBe(want);
      });
    });
  });
});
