// The analyst's day (issue 13), on the flagship record in a real DuckDB file: phases that do not
// move with the window, evidence that is not routine, per-point sources, claims as an analyst writes
// them, and the Security Council votes the record holds.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkClaims } from "../../src/analysis/check.ts";
import { cameoCodesNamed, parseClaims } from "../../src/analysis/claims.ts";
import { isRoutine } from "../../src/analysis/evidence.ts";
import { loadLeverage, loadPhases } from "../../src/analysis/load.ts";
import { memberVote, P5 } from "../../src/analysis/votes.ts";
import { indicatorsText } from "../../src/cli/indicators.ts";
import { stateNames } from "../../src/formats/actor-data.ts";
import { openStore } from "../../src/store/open.ts";
import type { Store } from "../../src/store/store.ts";

let dir: string;
let store: Store;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "yalu-analyst-"));
  store = await openStore(join(dir, "record.duckdb"), { flagship: true });
});
afterAll(async () => {
  await store?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const check = async (claims: unknown[]) => checkClaims(store, parseClaims(claims), { names: stateNames });
const dyad = { a: "CHN", b: "PRK" };

describe("phases do not depend on the window", () => {
  it("the phases shown from 2006 are the whole record's phases that reach 2006, labelled alike", async () => {
    const whole = await loadPhases(store, { dyad }, "year");
    const windowed = await loadPhases(store, { dyad, from: "2006" }, "year");
    const strip = (p: (typeof whole.phases)[number]) => ({ from: p.from, to: p.to, label: p.label });
    expect(windowed.phases.map(strip)).toEqual(whole.phases.filter((p) => p.end >= "2006-01-01").map(strip));
    expect(windowed.phases.length).toBeGreaterThan(1);
    expect(windowed.turningPoints.every((t) => t.date >= "2006-01-01")).toBe(true);
    // The coverage strip's periods are the window's, with the events each holds.
    expect(windowed.series[0].period).toBe("2006");
    expect(windowed.window).toEqual({ from: "2006", to: null });
  });

  it("shows a phase's most consequential events, not routine Panel of Experts renewals", async () => {
    const r = await loadPhases(store, { dyad }, "year");
    const all = await store.queryEvents({ dyad, limit: 10_000 });
    for (const p of r.phases) {
      const inPhase = all.filter((e) => e.date >= p.start && e.date <= p.end);
      const consequential = inPhase.filter((e) => !isRoutine(e));
      // A renewal is shown only when the phase has too few other events of its lean to fill the list.
      if (consequential.length >= 8) {
        const shown = p.evidence.map((e) => all.find((x) => x.id === e.id)!);
        expect(
          shown.filter(isRoutine).map((e) => e.description),
          `${p.from}–${p.to}`,
        ).toEqual([]);
      }
    }
    expect(
      isRoutine({
        description:
          "Security Council resolution 2207 extends the mandate of the DPRK sanctions Panel of Experts to 5 April 2016.",
        evidence: { sentence: null } as never,
      }),
    ).toBe(true);
    expect(
      isRoutine({
        description:
          "Russia vetoes the US-sponsored resolution to extend the mandate of the 1718 Committee's Panel of Experts, ending UN monitoring.",
        evidence: { sentence: null } as never,
      }),
    ).toBe(false);
  });
});

/** The flagship trade.csv rows as written: period → { value, source } of the "total" series. */
function tradeTotals(): Map<string, { value: number; source: string }> {
  const lines = readFileSync("data/flagship/trade.csv", "utf8").trim().split("\n").slice(1);
  const out = new Map<string, { value: number; source: string }>();
  for (const line of lines) {
    // Fields hold no quoted commas before the source column; the source is the seventh field.
    const f = line.split(",");
    if (f[0] === "trade" && f[1] === "CHN-PRK" && f[2] === "total")
      out.set(f[3], { value: Number(f[4]), source: f[6] });
  }
  return out;
}

describe("per-point sources", () => {
  it("a trade claim over 2017–2024 cites the 2017 and the 2024 values' own sources", async () => {
    const trade = tradeTotals();
    const [r] = await check([
      { indicator: "trade", subject: "CHN-PRK", period: "2017..2024", claim: "collapsed" },
    ]);
    const years = [...trade.keys()].filter((p) => /^\d{4}$/.test(p) && p >= "2017" && p <= "2024").sort();
    const first = trade.get(years[0])!;
    const last = trade.get(years[years.length - 1])!;
    expect(r.numbers.first).toBe(`${years[0]}: ${first.value}`);
    expect(r.numbers.firstSource).toBe(first.source);
    expect(r.numbers.lastSource).toBe(last.source);
    // The 2004 source is not the source of any of these values.
    expect(r.numbers.lastSource).not.toBe(trade.get("2004")!.source);
    expect(first.source).not.toBe(trade.get("2004")!.source);
  });
});

describe("claims as an analyst writes them", () => {
  it("names event types by their CAMEO name", () => {
    expect(cameoCodesNamed("veto")).toEqual(["129"]);
    expect(cameoCodesNamed("Host a visit")).toEqual(["043"]);
    expect(cameoCodesNamed("no such thing")).toEqual([]);
    expect(() =>
      parseClaims([{ dyad: "CHN-PRK", period: "2022", claim: "event", event: "frobnicate" }]),
    ).toThrow(/no CAMEO event type of that name/);
  });

  it("finds China's 2022 veto when asked about CHN–PRK, though it is coded CHN→USA", async () => {
    const claim = { dyad: "CHN-PRK", directed: true, period: "2022", claim: "event", event: "Veto" };
    const [found, within] = await check([claim, { ...claim, across: false }]);
    expect(found.verdict).toBe("supported");
    expect(found.evidence.map((e) => `${e.date} ${e.source}→${e.target} ${e.cameo}`)).toContain(
      "2022-05-26 CHNGOV→USAGOV 129",
    );
    // Within the dyad alone, the record has no veto: the old reading.
    expect(within.verdict).not.toBe("supported");
  });

  it("reads 'worsened' as 'deteriorated'", async () => {
    const [a, b] = await check([
      { dyad: "CHN-PRK", period: "2016..2017", claim: "worsened" },
      { dyad: "CHN-PRK", period: "2016..2017", claim: "deteriorated" },
    ]);
    expect(a.verdict).toBe(b.verdict);
    expect(a.numbers).toEqual(b.numbers);
  });

  it("compares two dyads: closer to one than to the other, by mean Goldstein over the period", async () => {
    const [r] = await check([
      { actor: "PRK", to: "RUS", than: "CHN", period: "2023..2024", claim: "closer" },
    ]);
    // The rule recomputed from the events themselves (not the aggregate the check reads).
    const mean = async (b: string) => {
      const es = await store.queryEvents({ dyad: { a: "PRK", b }, from: "2023", to: "2024", limit: 10_000 });
      return { n: es.length, mean: es.reduce((s, e) => s + e.goldstein, 0) / es.length };
    };
    const rus = await mean("RUS");
    const chn = await mean("CHN");
    expect(r.numbers["PRK-RUS events"]).toBe(rus.n);
    expect(r.numbers["PRK-CHN events"]).toBe(chn.n);
    const gap = rus.mean - chn.mean;
    expect(r.numbers.gap).toBeCloseTo(gap, 2);
    const expected =
      rus.n < 3 || chn.n < 3
        ? "not enough data"
        : gap >= 1
          ? "supported"
          : gap <= 0
            ? "contradicted"
            : "not enough data";
    expect(r.verdict).toBe(expected);
    expect(r.statement).toBe("PRK closer to RUS than to CHN in 2023..2024");
  });
});

describe("Security Council votes", () => {
  it("shows every permanent member for 2356, 2375 and 2397, all adopted unanimously (UN press releases)", async () => {
    const l = await loadLeverage(store, "CHN", "PRK", await stateNames("PRK"));
    for (const id of ["2356", "2375", "2397"]) {
      const r = l.resolutions.find((x) => x.resolution === id);
      expect(r, id).toBeDefined();
      expect(r!.unanimous, id).toBe(true);
      // China's own vote is recorded for each.
      expect(r!.votes.CHN, id).toBe("for");
    }
  });

  it("infers votes on a unanimous resolution only for permanent members, never for an elected member without a recorded vote", async () => {
    const l = await loadLeverage(store, "CHN", "PRK", await stateNames("PRK"));
    const row = (id: string) => {
      const lines = indicatorsText(l).split("\n");
      const header = lines.find((x) => x.startsWith("resolution "))!.split(/\s+/);
      const cells = lines.find((x) => x.startsWith(`${id} `))!.split(/\s+/);
      return Object.fromEntries(header.map((m, i) => [m, cells[i]]));
    };
    // 2356 (2017): Japan held an elected seat and its vote is recorded; South Korea did not sit.
    const r2356 = l.resolutions.find((x) => x.resolution === "2356")!;
    expect(r2356.unanimous).toBe(true);
    expect(memberVote(r2356, "JPN")).toBe("for");
    expect(memberVote(r2356, "KOR")).toBeNull();
    expect(row("2356")).toMatchObject({
      CHN: "Y",
      FRA: "Y",
      GBR: "Y",
      JPN: "Y",
      KOR: "-",
      RUS: "Y",
      USA: "Y",
    });
    // 2087 (2013): South Korea sat and voted; Japan did not sit.
    expect(row("2087")).toMatchObject({ JPN: "-", KOR: "Y", FRA: "Y" });
    // Every vote shown for an elected member is one the record holds.
    for (const r of l.resolutions)
      for (const m of l.members.filter((x) => !P5.includes(x)))
        expect(memberVote(r, m), `${r.resolution} ${m}`).toBe(r.votes[m] ?? null);
  });
});
