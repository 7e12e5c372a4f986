import { describe, expect, it } from "vitest";
import { CliError } from "../../src/cli/error.ts";
import { parseFilters, parseFormat } from "../../src/cli/options.ts";
import { Progress } from "../../src/cli/progress.ts";

const usageError = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(CliError);
    expect((err as CliError).exitCode).toBe(2);
    return (err as CliError).message;
  }
  throw new Error("expected a usage error");
};

describe("filter flags", () => {
  it("parse into an EventQuery", () => {
    expect(
      parseFilters({
        dyad: "chn-PRK",
        directed: true,
        root: "04,05",
        cameo: "043",
        quad: "1,2",
        from: "2013",
        to: "2019-06",
        text: "visit",
        limit: "10",
        offset: "5",
        order: "desc",
      }),
    ).toEqual({
      dyad: { a: "CHN", b: "PRK", directed: true },
      root: ["04", "05"],
      cameo: ["043"],
      quadClass: [1, 2],
      from: "2013",
      to: "2019-06",
      text: "visit",
      limit: 10,
      offset: 5,
      order: "desc",
    });
  });

  it("name --offset and --limit with their range when the number is too large or not a number", () => {
    for (const flag of ["offset", "limit"] as const) {
      const huge = usageError(() => parseFilters({ [flag]: "99999999999999999999" }));
      expect(huge).toMatch(
        new RegExp(
          `^invalid --${flag} "99999999999999999999": expected a whole number from [01] to 999999999$`,
        ),
      );
      const bad = usageError(() => parseFilters({ [flag]: "-1" }));
      expect(bad).toMatch(
        new RegExp(`^invalid --${flag} "-1": expected a whole number from [01] to 999999999$`),
      );
    }
  });

  it("name a bad --format (the filter flags' refusals are in test/store/filter.test.ts)", () => {
    expect(usageError(() => parseFormat("xml"))).toBe(
      'invalid --format "xml": expected one of gdelt1, gdelt2, icews, plover, csv, jsonl, parquet',
    );
  });
});

describe("progress bar", () => {
  it("stays quiet for short imports and off a terminal, draws after the delay", () => {
    let now = 0;
    let out = "";
    const stream = { write: (s: string) => (out += s) } as unknown as NodeJS.WriteStream;
    const p = new Progress(1000, { stream, enabled: true, delay: 2000, now: () => now });
    p.bytes = 250;
    p.events = 100;
    p.tick();
    expect(out).toBe("");
    now = 2500;
    p.tick();
    expect(out).toContain("25%");
    expect(out).toContain("100 events");
    p.done();
    expect(out.endsWith("\r\u001b[K")).toBe(true);
    const quiet = new Progress(1000, { stream, enabled: false, now: () => 1e9 });
    out = "";
    quiet.tick();
    quiet.done();
    expect(out).toBe("");
  });
});
