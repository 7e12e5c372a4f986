import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ClaimError, parseClaimsText } from "../../src/analysis/claims.ts";
import { CLAIMS_LIMITS } from "../../src/analysis/claims-yaml.ts";

const brief = readFileSync(join(import.meta.dirname, "../../data/claims/brief.yaml"), "utf8");

/** The error `parseClaimsText` throws on `text`, and how long it took to throw it. */
function failure(text: string): { error: unknown; ms: number } {
  const t = performance.now();
  try {
    parseClaimsText(text);
  } catch (error) {
    return { error, ms: performance.now() - t };
  }
  throw new Error("expected a ClaimError");
}

// Each input below stalled the YAML parser for seconds (or overflowed its stack) before the limits.
describe("claims file: hostile YAML fails fast with a positioned error", () => {
  it("a 160 KB run of quotes (found by the fuzzer, past 10 s) is a line too long", () => {
    const { error, ms } = failure('"'.repeat(160_000) + brief);
    expect(error).toBeInstanceOf(ClaimError);
    expect((error as Error).message).toBe(
      `claims file: line 1 is ${160_000 + brief.indexOf("\n")} characters long, more than 4096`,
    );
    expect(ms).toBeLessThan(3_000);
  });

  it("thousands of errors on lines within the limit: the first is named, in linear time", () => {
    // 40,000 errors: over 6 s with the parser's `prettyErrors` (each error formatted in time of
    // its line, so quadratic in the line length), most of the rest on their stack traces.
    const { error, ms } = failure(`${'"'.repeat(4000)}\n`.repeat(20));
    expect((error as Error).message).toMatch(/^claims file: .* at line 1, column 3$/);
    // Loose bound: CI runs test files in parallel on 2 cores; the old code grew without bound.
    expect(ms).toBeLessThan(10_000);
  });

  it("deep nesting is refused before the parser recurses", () => {
    expect((failure(`claims:\n  - ${"[".repeat(2000)}`).error as Error).message).toBe(
      "claims file: nested more than 64 deep at line 2, column 66",
    );
    expect((failure("- ".repeat(100)).error as Error).message).toMatch(/nested more than 64 deep at line 1/);
    // 250 compact keys took 5 s (toJS stringifies nested keys), 300 took 13 s.
    expect((failure("? ".repeat(300)).error as Error).message).toMatch(/nested more than 64 deep at line 1/);
  });

  it("a list or mapping as a key is refused, with its position", () => {
    expect((failure("claims:\n  - ? [a, b]\n    : c\n").error as Error).message).toBe(
      "claims file: a key must be plain text, not a list or mapping, at line 2, column 7",
    );
    expect((failure("- &k [a]\n- { *k : c }\n").error as Error).message).toMatch(
      /a key must be plain text, not a list or mapping, at line 2, column 5/,
    );
  });

  it("a file over the size limit is refused", () => {
    const text = `claims:\n${"  - { dyad: CHN-PRK, period: 2013, claim: strained }\n".repeat(6000)}`;
    expect(text.length).toBeGreaterThan(CLAIMS_LIMITS.maxLength);
    expect((failure(text).error as Error).message).toBe(
      `claims file: ${text.length} characters long, more than ${CLAIMS_LIMITS.maxLength}`,
    );
  });

  it("the brief itself still reads", () => {
    expect(parseClaimsText(brief).length).toBeGreaterThan(20);
  });
});
