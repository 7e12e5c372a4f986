import * as Plot from "@observablehq/plot";
import { actorOptions } from "./actors.ts";
import { api, hashDyad, type Leverage, toDate } from "./api.ts";
import { fill, fmt, h, redrawOnResize, status, widthOf } from "./dom.ts";
import { exportBar } from "./export.ts";
import { periodLabel, sourceRuns, type TradeRow, tradeRows, unitLabel } from "./trade.ts";

const VOTE_TEXT: Record<string, string> = {
  for: "for",
  against: "against",
  abstain: "abstain",
  veto: "VETO",
};

/** The citations a resolution's row rests on, each once, linked. */
function rowSources(r: Leverage["resolutions"][number]): (HTMLElement | string)[] {
  const seen = new Map<string, { text: string; url: string | null }>();
  for (const e of r.evidence) {
    const c = e.citation;
    if (!c) continue;
    const text = c.publication ?? c.title ?? c.url ?? "";
    seen.set(c.url ?? text, { text, url: c.url });
  }
  return [...seen.values()].flatMap((c, i) => [
    i ? "; " : "",
    c.url ? h("a", { href: c.url, target: "_blank", rel: "noopener noreferrer" }, c.text) : c.text,
  ]);
}

function votesTable(l: Leverage): HTMLElement {
  return h(
    "div",
    { class: "table-wrap" },
    h(
      "table",
      { class: "votes", "data-testid": "votes-table" },
      h(
        "caption",
        {},
        `Security Council votes on resolutions about ${l.dyad.split("-")[1]} (as recorded; permanent members “for” where the record says a resolution was unanimous)`,
      ),
      h(
        "thead",
        {},
        h(
          "tr",
          {},
          h("th", { scope: "col" }, "resolution"),
          h("th", { scope: "col" }, "date"),
          ...l.members.map((m) => h("th", { scope: "col" }, m)),
          h("th", { scope: "col" }, "sources"),
        ),
      ),
      h(
        "tbody",
        {},
        ...l.resolutions.map((r) =>
          h(
            "tr",
            {},
            h("th", { scope: "row" }, r.resolution.startsWith("draft") ? "draft (failed)" : r.resolution),
            h("td", {}, r.date),
            ...l.members.map((m) => {
              // Recorded votes, and permanent members on a unanimous resolution; an elected member
              // without a recorded vote is left blank (it may not have sat that year).
              const v = r.votes[m] ?? (r.inferred.includes(m) ? "for" : "");
              return h(
                "td",
                {
                  class: `vote ${v}`,
                  title: r.votes[m]
                    ? "recorded vote"
                    : r.inferred.includes(m)
                      ? "permanent member, adopted unanimously"
                      : "no record",
                },
                VOTE_TEXT[v] ?? "·",
              );
            }),
            h("td", { class: "sources" }, ...rowSources(r)),
          ),
        ),
      ),
    ),
  );
}

/** Who reported each trade value: consecutive years of one source in a run, each linked. */
function tradeSources(rows: TradeRow[], series: string): HTMLElement | null {
  const runs = sourceRuns(rows, series);
  if (!runs.length) return null;
  return h(
    "p",
    { class: "source", "data-testid": "trade-sources" },
    `Trade sources (${series}): `,
    ...runs.flatMap((r, i) => [
      i ? "; " : "",
      h(
        "span",
        { "data-testid": "trade-source", "data-periods": r.periods },
        `${r.periods}: `,
        r.url ? h("a", { href: r.url, target: "_blank", rel: "noopener noreferrer" }, r.source) : r.source,
      ),
    ]),
  );
}

function charts(holder: HTMLElement, l: Leverage): void {
  const width = widthOf(holder);
  const name = l.dyad.toLowerCase();
  const rows = tradeRows(l.trade);
  const whole = rows.filter((r) => !r.partial);
  const partial = rows.filter((r) => r.partial);
  const series = [...new Set(rows.map((p) => p.series))];
  const shown = series.includes("total") ? "total" : series[0];
  const unit = unitLabel(rows[0]?.unit ?? "USD");
  const tip = (p: TradeRow) =>
    p.value === null
      ? `${p.period} ${p.series}: no value in the record`
      : `${periodLabel(p.period)} ${p.series}: ${fmt(p.value, 2)} ${unit}${p.partial ? " (part year)" : ""}${p.source ? ` — ${p.source}` : ""}`;
  const tradeChart = Plot.plot({
    width,
    height: 260,
    marginLeft: 50,
    x: { type: "utc", label: null },
    y: { label: `trade (${unit})`, grid: true, tickFormat: (d: number) => d.toFixed(1) },
    color: { legend: series.length > 1, domain: series },
    marks: [
      // Missing years are null points: the line breaks there instead of bridging the gap.
      Plot.lineY(whole, { x: (p) => toDate(p.start), y: "value", stroke: "series", z: "series" }),
      Plot.dot(
        whole.filter((p) => p.value !== null),
        { x: (p) => toDate(p.start), y: "value", fill: "series", r: 3, title: tip },
      ),
      // Part years stand apart, hollow and labelled, never joined to the yearly line.
      Plot.dot(partial, {
        x: (p) => toDate(p.start),
        y: "value",
        stroke: "series",
        fill: "white",
        r: 4.5,
        strokeWidth: 1.5,
        title: tip,
        className: "partial-marks",
      }),
      Plot.text(
        partial.filter((p) => p.series === shown),
        {
          x: (p) => toDate(p.start),
          y: "value",
          text: (p) => `${periodLabel(p.period)}, part year`,
          dy: -12,
          textAnchor: "end",
          fill: "#495057",
        },
      ),
      Plot.ruleY([0]),
    ],
  });
  const contacts = l.contacts.flatMap((c) => [
    { year: toDate(c.year), kind: "visits", n: c.visits },
    { year: toDate(c.year), kind: "meetings / talks", n: c.meetings },
  ]);
  const contactChart = Plot.plot({
    width,
    height: 200,
    x: { type: "utc", label: null },
    y: { label: "visits and meetings per year", grid: true },
    color: { legend: true, range: ["#1c7ed6", "#74c0fc"] },
    marks: [
      Plot.rectY(contacts, {
        x: "year",
        interval: "year",
        y: "n",
        fill: "kind",
        title: (d) => `${d.year.getUTCFullYear()}: ${d.n} ${d.kind}`,
      }),
      Plot.ruleY([0]),
    ],
  });
  const conflictChart = Plot.plot({
    width,
    height: 180,
    x: { type: "utc", label: null },
    y: { label: "conflictual share of events", domain: [0, 1], grid: true, tickFormat: "%" },
    marks: [
      Plot.dot(l.conflict, {
        x: (c) => toDate(c.year),
        y: "conflictShare",
        r: (c) => Math.sqrt(c.events) * 2,
        fill: "#e8590c",
        fillOpacity: 0.6,
        title: (c) => `${c.year}: ${fmt((c.conflictShare ?? 0) * 100, 0)}% of ${c.events}`,
      }),
    ],
  });
  const sources = sourceRuns(rows, shown)
    .map((r) => `${r.periods}: ${r.source}${r.url ? ` <${r.url}>` : ""}`)
    .join("; ");
  const box = (testid: string, chart: Element) => h("div", { "data-testid": testid }, chart);
  fill(
    holder,
    h("h3", {}, "Trade"),
    rows.length
      ? box("trade-chart", tradeChart)
      : h(
          "p",
          { "data-testid": "no-trade" },
          `The record has no trade series for ${l.dyad} (indicator "trade", subject "${l.dyad}"). Trade series are loaded as indicator points (docs/events.md).`,
        ),
    rows.length ? tradeSources(rows, shown) : null,
    rows.length
      ? exportBar({
          name: `${name}-trade`,
          kind: "trade",
          figure: () => tradeChart,
          rows: () => rows.map((r) => ({ ...r, value: r.value === null ? null : Math.round(r.value * 1e9) })),
          caption: () => `Trade ${l.dyad}, ${unit}. Sources: ${sources}`,
        })
      : null,
    h("h3", {}, "Visits and meetings"),
    box("contacts-chart", contactChart),
    exportBar({
      name: `${name}-contacts`,
      kind: "contacts",
      figure: () => contactChart,
      rows: () => l.contacts.map((c) => ({ year: c.year, visits: c.visits, meetings: c.meetings })),
      caption: () => `Visits and meetings per year, ${l.dyad}, from the event record`,
    }),
    h("h3", {}, "Conflictual share"),
    box("conflict-chart", conflictChart),
    exportBar({
      name: `${name}-conflict`,
      kind: "conflict",
      figure: () => conflictChart,
      rows: () => l.conflict.map((c) => ({ year: c.year, events: c.events, conflictShare: c.conflictShare })),
      caption: () => `Conflictual share of events per year, ${l.dyad}, from the event record`,
    }),
  );
}

/** Leverage indicators of a dyad: trade, UN votes, contacts, conflictual share. */
export async function indicatorsView(root: HTMLElement): Promise<void> {
  const selA = h("select", { id: "ind-a" });
  const selB = h("select", { id: "ind-b" });
  const form = h(
    "form",
    { class: "controls" },
    h("label", { for: "ind-a" }, "Actor A", selA),
    h("label", { for: "ind-b" }, "Actor B", selB),
    h("button", { type: "submit" }, "Show"),
  );
  const out = h("div");
  fill(root, h("h2", {}, "Leverage indicators"), form, out);
  const actors = await actorOptions();
  for (const sel of [selA, selB]) fill(sel, ...actors.map((a) => h("option", { value: a.code }, a.label)));
  [selA.value, selB.value] = hashDyad();
  let last: Leverage | null = null;
  const load = async () => {
    fill(out, status("Loading indicators…"));
    try {
      last = await api<Leverage>(`/api/indicators?dyad=${selA.value}-${selB.value}`);
      const holder = h("div", { class: "chart", "data-testid": "indicator-charts" });
      fill(
        out,
        holder,
        h("h3", {}, "UN Security Council votes"),
        last.resolutions.length
          ? votesTable(last)
          : h("p", {}, "No Security Council resolutions about this state in the record."),
      );
      charts(holder, last);
    } catch (err) {
      fill(out, status((err as Error).message, "error"));
    }
  };
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    void load();
  });
  const holder = () => out.querySelector<HTMLElement>("[data-testid=indicator-charts]");
  redrawOnResize(holder, () => {
    const el = holder();
    if (el && last) charts(el, last);
  });
  await load();
}
