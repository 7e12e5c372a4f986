import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { dateEnd, dateStart, type Event } from "../../src/model/event.ts";
import { normalizeEvent } from "../../src/model/normalize.ts";

const eventsPath = fileURLToPath(new URL("../../data/flagship/events.jsonl", import.meta.url));
const tradePath = fileURLToPath(new URL("../../data/flagship/trade.csv", import.meta.url));
const csisPath = fileURLToPath(
  new URL(
    "../../../shared/reference/corpora/csis_provocations/north-korea-provocations-1958-2017.csv",
    import.meta.url,
  ),
);
const sharedTradePath = fileURLToPath(
  new URL("../../../shared/reference/corpora/trade_chn_prk.csv", import.meta.url),
);

/** Minimum size of the record promised by issue 2. */
const MIN_EVENTS = 150;

/** Pre-1949 events the brief itself mentions; the only dates allowed outside 1949..2025. */
const HISTORICAL = new Set(["1274", "1281", "1592"]);

/** Parse a JSON Lines record; an invalid line throws an error naming its line number. */
function parseRecord(text: string, file = "data/flagship/events.jsonl"): Event[] {
  const events: Event[] = [];
  text.split("\n").forEach((line, i) => {
    if (line.trim() === "") return;
    try {
      events.push(normalizeEvent(JSON.parse(line)));
    } catch (err) {
      throw new Error(`${file} line ${i + 1}: ${(err as Error).message}`);
    }
  });
  return events;
}

const events = parseRecord(readFileSync(eventsPath, "utf8"));

/** The undirected dyad of an event as "AAA-BBB" (country or IGO prefix, sorted). */
function dyad(e: Event): string {
  const side = (a: Event["source"]) => a.country ?? a.code.slice(0, 3);
  return [side(e.source), side(e.target)].sort().join("-");
}

/**
 * Developments the record must contain: a date (any precision; the event's date must equal it), the
 * unordered pair of countries / IGOs, and the CAMEO root. Written from the issue and the seed brief.
 */
const REQUIRED: Array<[date: string, pair: string, root: string, what: string]> = [
  ["1274", "CHN-JPN", "19", "first Yuan (Mongol) invasion of Japan"],
  ["1281", "CHN-JPN", "19", "second Yuan (Mongol) invasion of Japan"],
  ["1592", "CHN-JPN", "19", "Ming intervention against the Japanese invasion of Joseon"],
  ["1949-10-06", "CHN-PRK", "05", "diplomatic relations"],
  ["1950-06-25", "KOR-PRK", "19", "outbreak of the Korean War"],
  ["1950-10-05", "CHN-SUN", "02", "Stalin presses Mao to send troops"],
  ["1950-10-19", "CHN-PRK", "07", "Chinese People's Volunteers cross the Yalu"],
  ["1950-10-25", "CHN-KOR", "19", "first CPV battle, against South Korean forces"],
  ["1953-07-27", "CHN-USA", "08", "armistice"],
  ["1961-07-11", "CHN-PRK", "05", "treaty of friendship, co-operation and mutual assistance"],
  ["1970-04", "CHN-PRK", "04", "Zhou Enlai in Pyongyang"],
  ["1975-04-18", "CHN-PRK", "04", "Kim Il-sung in Beijing"],
  ["1978-09", "CHN-PRK", "04", "Deng Xiaoping in Pyongyang"],
  ["1990-09-30", "KOR-SUN", "05", "USSR-ROK diplomatic relations"],
  ["1991-10-04", "CHN-PRK", "04", "Kim Il-sung's last official visit to China"],
  ["1992-02-19", "KOR-PRK", "05", "inter-Korean Basic Agreement in force"],
  ["1992-04-13", "CHN-PRK", "04", "Yang Shangkun in Pyongyang"],
  ["1992-08-24", "CHN-KOR", "05", "China-ROK diplomatic relations"],
  ["1993-05-11", "IGO-PRK", "02", "resolution 825"],
  ["1993-05-11", "CHN-IGO", "01", "China abstains on resolution 825"],
  ["1996-09-18", "KOR-PRK", "19", "Gangneung submarine incursion"],
  ["1998-11-18", "KOR-PRK", "06", "Mount Kumgang tours begin"],
  ["1999-06-03", "CHN-PRK", "04", "Kim Yong-nam in Beijing"],
  ["2000-05-29", "CHN-PRK", "04", "Kim Jong-il in Beijing"],
  ["2001-07-26", "PRK-RUS", "04", "Kim Jong-il enters Russia for Moscow"],
  ["2001-09-03", "CHN-PRK", "04", "Jiang Zemin in Pyongyang"],
  ["2002-09-17", "JPN-PRK", "04", "Koizumi in Pyongyang"],
  ["2003-08-27", "CHN-PRK", "04", "first round of the Six-Party Talks"],
  ["2004-12-15", "KOR-PRK", "06", "first goods made in Kaesong"],
  ["2005-09-19", "PRK-USA", "05", "Six-Party joint statement"],
  ["2005-10-28", "CHN-PRK", "04", "Hu Jintao in Pyongyang"],
  ["2006-07-15", "IGO-PRK", "16", "resolution 1695"],
  ["2006-10-09", "PRK-USA", "15", "first nuclear test"],
  ["2006-10-09", "CHN-PRK", "11", "China: 'flagrantly' conducted, resolutely opposed"],
  ["2006-10-11", "JPN-PRK", "16", "Japan's import and port ban"],
  ["2006-10-14", "IGO-PRK", "16", "resolution 1718"],
  ["2006-10-14", "CHN-PRK", "11", "China votes for 1718"],
  ["2009-04-14", "CHN-PRK", "16", "DPRK quits the Six-Party Talks"],
  ["2009-05-25", "PRK-USA", "15", "second nuclear test"],
  ["2009-06-12", "IGO-PRK", "16", "resolution 1874"],
  ["2009-06-12", "CHN-PRK", "11", "China votes for 1874"],
  ["2009-10", "CHN-PRK", "04", "Wen Jiabao in Pyongyang"],
  ["2013-01-22", "IGO-PRK", "16", "resolution 2087"],
  ["2013-01-22", "CHN-PRK", "11", "China votes for 2087"],
  ["2013-02-12", "PRK-USA", "15", "third nuclear test"],
  ["2013-03-07", "IGO-PRK", "16", "resolution 2094"],
  ["2013-03-07", "CHN-PRK", "11", "China backs 2094"],
  ["2013-05-24", "CHN-PRK", "03", "Choe Ryong-hae delivers Kim's letter to Xi"],
  ["2016-01-06", "PRK-USA", "15", "fourth nuclear test"],
  ["2016-03-02", "IGO-PRK", "16", "resolution 2270"],
  ["2016-03-07", "PRK-USA", "15", "largest US-ROK exercises, with leadership strikes"],
  ["2016-07-08", "CHN-KOR", "11", "China protests THAAD"],
  ["2016-09-09", "PRK-USA", "15", "fifth nuclear test"],
  ["2016-11-30", "IGO-PRK", "16", "resolution 2321 (coal cap)"],
  ["2016-11-30", "CHN-PRK", "11", "China votes for the coal cap"],
  ["2017-02-18", "CHN-PRK", "16", "MOFCOM suspends coal imports"],
  ["2017-06-02", "IGO-PRK", "16", "resolution 2356"],
  ["2017-08-05", "IGO-PRK", "16", "resolution 2371 (coal ban)"],
  ["2017-09-03", "PRK-USA", "15", "sixth nuclear test"],
  ["2017-09-03", "CHN-PRK", "11", "China condemns the sixth test"],
  ["2017-09-11", "IGO-PRK", "16", "resolution 2375 (oil caps)"],
  ["2017-09-11", "CHN-PRK", "11", "China votes for the oil caps"],
  ["2017-11-17", "CHN-PRK", "04", "Song Tao as Xi's special envoy"],
  ["2017-12-22", "IGO-PRK", "16", "resolution 2397"],
  ["2018-03-25", "CHN-PRK", "04", "Kim Jong-un's first visit to Beijing"],
  ["2018-04-27", "KOR-PRK", "04", "Panmunjom inter-Korean summit"],
  ["2018-05-07", "CHN-PRK", "04", "Dalian meeting"],
  ["2018-06-12", "PRK-USA", "04", "Singapore summit"],
  ["2018-06-19", "CHN-PRK", "04", "Kim's third visit to China"],
  ["2019-01-07", "CHN-PRK", "04", "Kim's fourth visit to China"],
  ["2019-02-28", "PRK-USA", "16", "Hanoi talks collapse"],
  ["2019-06-20", "CHN-PRK", "04", "Xi's state visit to Pyongyang"],
  ["2019-06-30", "PRK-USA", "04", "Panmunjom meeting"],
  ["2019-10-06", "CHN-PRK", "05", "70th anniversary of relations"],
  ["2019-12-16", "CHN-IGO", "02", "China-Russia sanctions-relief draft"],
  ["2020-01-31", "CHN-PRK", "16", "border closure"],
  ["2021-07-11", "CHN-PRK", "05", "60th anniversary of the treaty"],
  ["2021-11", "CHN-IGO", "02", "revived China-Russia sanctions-relief draft"],
  ["2022-01-16", "CHN-PRK", "06", "Dandong-Sinuiju freight trains resume"],
  ["2022-05-26", "CHN-USA", "12", "China vetoes the US sanctions draft"],
  ["2022-05-26", "RUS-USA", "12", "Russia vetoes the US sanctions draft"],
  ["2022-07-06", "KOR-PRK", "13", "Yoon orders swift punishment of provocations"],
  ["2022-09-08", "PRK-USA", "13", "law on the nuclear forces policy"],
  ["2023-09-13", "PRK-RUS", "04", "Kim-Putin summit at Vostochny"],
  ["2023-12-30", "KOR-PRK", "16", "Kim Jong-un's 'two hostile states'"],
  ["2024-03-28", "RUS-USA", "12", "Russian veto ends the Panel of Experts"],
  ["2024-04-11", "CHN-PRK", "04", "Zhao Leji opens the Friendship Year"],
  ["2024-06-19", "PRK-RUS", "05", "Comprehensive Strategic Partnership Treaty"],
  ["2024-10-08", "PRK-RUS", "07", "DPRK troops to Russia"],
  ["2025-09-03", "CHN-PRK", "01", "Kim attends the Beijing parade"],
  ["2025-09-04", "CHN-PRK", "04", "Xi-Kim talks"],
];

describe("flagship record: data/flagship/events.jsonl", () => {
  it(`has at least ${MIN_EVENTS} events, each normalising (errors name the line)`, () => {
    expect(events.length).toBeGreaterThanOrEqual(MIN_EVENTS);
    for (const e of events) expect(e.origin).toBe("yalu-flagship");
  });

  it("reports the line of a malformed event", () => {
    const good = readFileSync(eventsPath, "utf8").split("\n")[0];
    const bad = JSON.stringify({
      date: "2019-13-40",
      source: { code: "CHNGOV" },
      target: { code: "PRKGOV" },
      cameo: "042",
    });
    expect(() => parseRecord(`${good}\n${bad}`, "x.jsonl")).toThrow(/x\.jsonl line 2: date/);
    expect(parseRecord(`${good}\n\n`)).toHaveLength(1);
  });

  it("gives every event a citation with publication and title, and a description", () => {
    for (const e of events) {
      const c = e.evidence.citation;
      expect(c, `${e.date} ${e.cameo}`).not.toBeNull();
      expect(c?.publication?.trim(), `${e.date} ${e.cameo}`).toBeTruthy();
      expect(c?.title?.trim(), `${e.date} ${e.cameo}`).toBeTruthy();
      if (c?.url) expect(c.url, `${e.date} ${e.cameo}`).toMatch(/^https?:\/\/\S+$/);
      expect(e.description?.length ?? 0, `${e.date} ${e.cameo}`).toBeGreaterThan(20);
    }
  });

  it("has no duplicate ids", () => {
    const seen = new Map<string, Event>();
    for (const e of events) {
      const prior = seen.get(e.id);
      expect(prior, `duplicate id ${e.id}: ${e.date} ${e.source.code}->${e.target.code} ${e.cameo}`).toBe(
        undefined,
      );
      seen.set(e.id, e);
    }
  });

  it("codes each occurrence once: no two events share day, unordered pair and code unless marked reciprocal", () => {
    // Read the raw lines: `reciprocal` is a record convention the event model does not carry.
    const lines = readFileSync(eventsPath, "utf8")
      .split("\n")
      .filter((l) => l.trim() !== "")
      .map((l) => JSON.parse(l) as { reciprocal?: unknown });
    expect(lines).toHaveLength(events.length);
    const seen = new Map<string, Event[]>();
    const unmarked: string[] = [];
    events.forEach((e, i) => {
      const key = `${e.date} ${dyad(e)} ${e.cameo}`;
      const prior = seen.get(key) ?? [];
      const marked = lines[i].reciprocal === true;
      if (marked) expect(typeof lines[i].reciprocal, key).toBe("boolean");
      // A reciprocal line mirrors exactly one earlier line: same day and code, source and target swapped.
      if (marked) {
        const mirror = prior.filter(
          (p) => p.source.code === e.target.code && p.target.code === e.source.code,
        );
        expect(mirror.length, `${key}: reciprocal without its mirror`).toBe(1);
        expect(prior.length, `${key}: more than a mirrored pair`).toBe(1);
      } else if (prior.length > 0) unmarked.push(`${key}: ${e.source.code}->${e.target.code}`);
      seen.set(key, [...prior, e]);
    });
    expect(unmarked).toEqual([]);
  });

  it("codes a member's vote for a DPRK resolution as its own censure, not as a second sanction", () => {
    const votes = events.filter((e) => /\bvotes for\b|\bjoins the consensus\b/.test(e.description ?? ""));
    expect(votes.length).toBeGreaterThan(0);
    for (const v of votes) {
      expect(v.cameo, v.description ?? "").toBe("111");
      const n = /resolution (\d{3,4})/.exec(v.description ?? "")?.[1];
      // A vote for a draft that failed (no number): the veto that sank it is in the record.
      if (n === undefined && /\bdraft\b/.test(v.description ?? "")) {
        const veto = events.find((e) => e.date === v.date && e.cameo === "129");
        expect(veto, `draft voted on ${v.date}`).toBeDefined();
        continue;
      }
      // The Council's own act for the same resolution is in the record.
      const council = events.find(
        (e) => e.source.code === "IGOUNO" && e.date === v.date && (e.description ?? "").includes(n ?? "?"),
      );
      expect(council, `resolution ${n} on ${v.date}`).toBeDefined();
    }
  });

  it("lets every veto on a DPRK draft reach the DPRK as well as the sponsor", () => {
    const vetoes = events.filter((e) => e.cameo === "129");
    expect(vetoes.length).toBeGreaterThan(0);
    for (const v of vetoes) {
      const shield = events.find(
        (e) =>
          e.date === v.date &&
          e.source.code === v.source.code &&
          e.target.country === "PRK" &&
          e.cameo === "052",
      );
      expect(shield, `${v.date} ${v.source.code} veto`).toBeDefined();
    }
  });

  it("keeps dates within 1949..2025 except the declared historical events", () => {
    for (const e of events) {
      if (HISTORICAL.has(e.date)) continue;
      expect(dateStart(e.date) >= "1949-01-01", e.date).toBe(true);
      expect(dateEnd(e.date) <= "2025-12-31", e.date).toBe(true);
    }
  });

  it("uses consistent actor codes (country prefix matches country; IGO has none)", () => {
    for (const e of events) {
      for (const a of [e.source, e.target]) {
        expect(a.code, e.date).toMatch(/^(CHN|PRK|KOR|USA|JPN|RUS|SUN)(GOV|MIL)$|^IGOUNO$/);
        if (a.code.startsWith("IGO")) expect(a.country).toBeNull();
        else expect(a.country).toBe(a.code.slice(0, 3));
      }
    }
  });

  it.each(REQUIRED)("covers %s %s root %s (%s)", (date, pair, root) => {
    const hit = events.find(
      (e) => e.date === date && dyad(e).replace(/IGO\w*/, "IGO") === sortPair(pair) && e.root === root,
    );
    expect(hit, `${date} ${pair} root ${root}`).toBeDefined();
  });
});

function sortPair(pair: string): string {
  return pair.split("-").sort().join("-");
}

describe("flagship record: data/flagship/trade.csv", () => {
  const text = readFileSync(tradePath, "utf8").trim();
  const [header, ...rows] = text.split("\n");
  const cells = rows.map(parseCsvLine);
  const of = (subject: string, series: string) => cells.filter((c) => c[1] === subject && c[2] === series);

  it("has the agreed header and a source on every row", () => {
    expect(header).toBe("indicator,subject,series,period,value,unit,source,url,note");
    expect(rows.length).toBeGreaterThanOrEqual(15);
    for (const [i, c] of cells.entries()) {
      const row = rows[i];
      expect(c.length, row).toBe(9);
      const [indicator, subject, series, period, value, unit, source, url] = c;
      expect(indicator).toBe("trade");
      expect(["CHN-PRK", "RUS-PRK"]).toContain(subject);
      expect(["exports", "imports", "total", "kotra-exports", "kotra-imports", "kotra-total"]).toContain(
        series,
      );
      expect(period, row).toMatch(/^\d{4}(-H[12])?$/);
      expect(Number.isFinite(Number(value)) && Number(value) > 0, row).toBe(true);
      expect(unit).toBe("USD");
      expect(source.trim(), row).not.toBe("");
      expect(url, row).toMatch(/^https?:\/\//);
    }
    // One row per subject, series and period.
    const keys = cells.map((c) => `${c[1]} ${c[2]} ${c[3]}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("has a China customs total for every year from 2000 to 2025", () => {
    const totals = new Set(of("CHN-PRK", "total").map((c) => c[3]));
    for (let y = 2000; y <= 2025; y++) expect(totals.has(String(y)), String(y)).toBe(true);
  });

  it("keeps the series apart: China customs figures in total/exports/imports, KOTRA's own estimates in kotra-*", () => {
    for (const c of cells.filter((c) => c[1] === "CHN-PRK")) {
      if (c[2].startsWith("kotra-")) expect(c[6], c.join(",")).toMatch(/KOTRA/);
      else expect(c[6], c.join(",")).toMatch(/GACC|China customs|Ministry of Commerce/);
    }
    // KOTRA's estimates exist as a series of their own (with their crude-oil estimate they differ).
    expect(of("CHN-PRK", "kotra-total").length).toBeGreaterThanOrEqual(10);
  });

  it("has Russia-DPRK totals, each naming the agency behind it", () => {
    const rus = of("RUS-PRK", "total");
    expect(rus.length).toBeGreaterThanOrEqual(4);
    for (const c of rus) expect(c[6]).toMatch(/ITC|Russian government|Federal Customs Service/);
    // A few tens of millions of dollars a year: nothing near the China trade.
    for (const c of rus) expect(Number(c[4])).toBeLessThan(200e6);
  });

  it("gives exports and imports that do not exceed their year's total", () => {
    for (const c of cells) {
      const base = c[2].replace(/total|exports|imports/, "");
      if (c[2] === `${base}total`) continue;
      const total = cells.find((t) => t[1] === c[1] && t[2] === `${base}total` && t[3] === c[3]);
      if (total) expect(Number(c[4]), c.join(",")).toBeLessThanOrEqual(Number(total[4]));
    }
  });

  const shared = existsSync(sharedTradePath);
  it.skipIf(!shared)(
    "agrees with the reference figures in ../shared, in the customs or the KOTRA series (skipped when ../shared is absent)",
    () => {
      // Reference rows replaced on purpose, with the reason in the row's note.
      const replaced: Record<string, string> = {
        "2016": "the reference's 5.51 bn (ITC) is the 2015 customs figure",
      };
      for (const line of readFileSync(sharedTradePath, "utf8").trim().split("\n").slice(1)) {
        const c = parseCsvLine(line);
        const [period, want] = [c[0], Number(c[1]) * 1e6];
        if (replaced[period]) continue;
        const ours = cells
          .filter(
            (x) => x[1] === "CHN-PRK" && (x[2] === "total" || x[2] === "kotra-total") && x[3] === period,
          )
          .map((x) => Number(x[4]));
        expect(ours.length, period).toBeGreaterThan(0);
        // Within rounding: the reference keeps some figures as reported ("nearly 2.7 billion").
        expect(
          ours.some((v) => Math.abs(v - want) / want < 0.015),
          `${period}: ${want} vs ${ours.join(", ")}`,
        ).toBe(true);
      }
    },
  );
});

describe("flagship record: cross-check with CSIS Beyond Parallel (../shared)", () => {
  const present = existsSync(csisPath);
  it.skipIf(!present)(
    "every nuclear test in the CSIS data is in the record on the same day (skipped when ../shared is absent)",
    () => {
      const tests = readFileSync(csisPath, "utf8")
        .split("\n")
        .filter((l) => /,Nuclear Test/.test(l))
        .map((l) => l.slice(0, 10));
      expect(tests.length).toBe(6);
      for (const d of tests) {
        const hit = events.find((e) => e.date === d && e.source.code === "PRKMIL" && e.cameo === "150");
        expect(hit, d).toBeDefined();
      }
    },
  );
});

/** Split one CSV line (RFC 4180 quoting, no embedded newlines). */
function parseCsvLine(line: string): string[] {
  const out: string[] = [];
  let cur = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      out.push(cur);
      cur = "";
    } else cur += ch;
  }
  out.push(cur);
  return out;
}
