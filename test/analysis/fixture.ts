import type { Event, EventInput } from "../../src/model/event.ts";
import type { IndicatorPoint } from "../../src/model/index.ts";
import { normalizeEvent } from "../../src/model/normalize.ts";
import { openStore } from "../../src/store/open.ts";
import type { Store } from "../../src/store/store.ts";

const actor = (code: string, name: string | null = null) => ({
  code,
  country: code.startsWith("IGO") ? null : code.slice(0, 3),
  name,
});

function ev(
  date: string,
  source: string,
  target: string,
  cameo: string,
  extra: Partial<EventInput> = {},
): Event {
  return normalizeEvent({
    date,
    source: actor(source),
    target: actor(target),
    cameo,
    description: extra.description ?? `${source} ${cameo} ${target} on ${date}`,
    evidence: {
      docId: null,
      sentence: null,
      start: null,
      end: null,
      citation: {
        publication: "Fixture News",
        title: `Report of ${date}`,
        date: null,
        url: `https://example.org/${date}`,
      },
    },
    ...extra,
  });
}

/**
 * A synthetic China–DPRK record with a known shape: cordial 2010–2012 (visits, aid), strained
 * 2013 and 2016–2017 (sanctions votes, condemnations), warm 2018–2019 (summits), quiet 2020,
 * a meeting on 2025-09-04, and a few third parties. Every value below is invented for tests.
 */
export function dyadRecord(): Event[] {
  const out: Event[] = [];
  for (const y of [2010, 2011, 2012, 2014, 2015]) {
    out.push(ev(`${y}-04-10`, "CHNGOV", "PRKGOV", "043"), ev(`${y}-05-02`, "PRKGOV", "CHNGOV", "042"));
    out.push(ev(`${y}-08-15`, "CHNGOV", "PRKGOV", "070"), ev(`${y}-10-01`, "PRKGOV", "CHNGOV", "051"));
  }
  out.push(
    ev("2013-02-13", "CHNGOV", "PRKGOV", "112"),
    ev("2013-03-07", "CHNGOV", "PRKGOV", "163", {
      description: "China votes for Security Council resolution 2094",
    }),
    ev("2013-03-07", "USAGOV", "PRKGOV", "163", {
      description: "US votes for Security Council resolution 2094",
    }),
    ev("2013-12-13", "CHNGOV", "PRKGOV", "111"),
  );
  for (const [d, res] of [
    ["2016-03-02", "2270"],
    ["2016-11-30", "2321"],
    ["2017-08-05", "2371"],
    ["2017-12-22", "2397"],
  ]) {
    out.push(
      ev(d, "CHNGOV", "PRKGOV", "163", { description: `China votes for Security Council resolution ${res}` }),
      ev(d, "RUSGOV", "PRKGOV", "163", {
        description: `Russia votes for Security Council resolution ${res}`,
      }),
      ev(d, "PRKGOV", "CHNGOV", "111"),
    );
  }
  out.push(ev("2017-09-04", "CHNGOV", "PRKGOV", "112"));
  for (const d of ["2018-03-26", "2018-05-08", "2018-06-19", "2019-01-08", "2019-06-20"]) {
    out.push(
      ev(d, "PRKGOV", "CHNGOV", d === "2019-06-20" ? "043" : "042", {
        description: `Kim Jong Un and Xi Jinping summit on ${d}`,
      }),
      ev(d, "CHNGOV", "PRKGOV", "057"),
    );
  }
  out.push(
    ev("2022-05-26", "CHNGOV", "PRKGOV", "125", {
      description: "China vetoes a Security Council draft on the DPRK",
    }),
    ev("2025-09-04", "CHNGOV", "PRKGOV", "043", { description: "Xi Jinping meets Kim Jong Un in Beijing" }),
    ev("2018-06-12", "USAGOV", "PRKGOV", "057"),
    ev("2019-02-27", "USAGOV", "PRKGOV", "043"),
    ev("2023-09-13", "RUSGOV", "PRKGOV", "061"),
  );
  return out;
}

/** Invented trade values for tests (USD): low in 2021, higher in 2022 and 2023. */
export function tradePoints(): IndicatorPoint[] {
  const values: [string, number][] = [
    ["2019", 2800],
    ["2020", 540],
    ["2021", 320],
    ["2022", 1030],
    ["2023", 2300],
  ];
  return values.map(([period, value]) => ({
    indicator: "trade",
    subject: "CHN-PRK",
    period,
    value: value * 1e6,
    unit: "USD",
    series: "total",
    source: "Fixture customs",
    url: null,
    note: null,
  }));
}

/** A fresh in-memory DuckDB store holding the fixture record. */
export async function fixtureStore(): Promise<Store> {
  const store = await openStore(":memory:", { flagship: false });
  await store.importEvents(dyadRecord());
  await store.putIndicators(tradePoints());
  return store;
}

/**
 * A sparse-baseline dyad, USA-PRK only (invented for tests): cordial 2010-2011 (four events), two in
 * 2015, then conflictual 2016-2017 (five events, mean Goldstein -5.4). Against 2016..2017 the
 * preceding two years hold 2 events, four years still 2, six years 6 (mean 19.9 / 6).
 */
export function sparseBaselineRecord(): Event[] {
  return [
    ev("2010-03-01", "USAGOV", "PRKGOV", "043"),
    ev("2010-09-01", "PRKGOV", "USAGOV", "042"),
    ev("2011-03-01", "USAGOV", "PRKGOV", "057"),
    ev("2011-09-01", "PRKGOV", "USAGOV", "051"),
    ev("2015-03-01", "USAGOV", "PRKGOV", "043"),
    ev("2015-09-01", "PRKGOV", "USAGOV", "040"),
    ev("2016-02-01", "USAGOV", "PRKGOV", "163"),
    ev("2016-08-01", "PRKGOV", "USAGOV", "111"),
    ev("2017-04-01", "USAGOV", "PRKGOV", "112"),
    ev("2017-08-01", "PRKGOV", "USAGOV", "138"),
    ev("2017-12-01", "USAGOV", "PRKGOV", "163"),
  ];
}

/** A fresh in-memory DuckDB store holding only {@link sparseBaselineRecord}. */
export async function sparseBaselineStore(): Promise<Store> {
  const store = await openStore(":memory:", { flagship: false });
  await store.importEvents(sparseBaselineRecord());
  return store;
}
