import * as Plot from "@observablehq/plot";
import { actorOptions } from "./actors.ts";
import { api, type Leverage, toDate } from "./api.ts";
import { fill, fmt, h, status, widthOf } from "./dom.ts";

const VOTE_TEXT: Record<string, string> = {
  for: "for",
  against: "against",
  abstain: "abstain",
  veto: "VETO",
};

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
        `Security Council votes on resolutions about ${l.dyad.split("-")[1]} (as recorded; “unanimous” where the record says so)`,
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
              const v = r.votes[m] ?? (r.unanimous ? "for" : "");
              return h(
                "td",
                {
                  class: `vote ${v}`,
                  title: r.votes[m] ? "recorded vote" : r.unanimous ? "adopted unanimously" : "no record",
                },
                VOTE_TEXT[v] ?? "·",
              );
            }),
          ),
        ),
      ),
    ),
  );
}

function charts(holder: HTMLElement, l: Leverage): void {
  const width = widthOf(holder);
  const trade = l.trade.filter((p) => /^\d{4}$/.test(p.period));
  const series = [...new Set(trade.map((p) => p.series))];
  const tradeChart = Plot.plot({
    width,
    height: 240,
    marginLeft: 60,
    x: { type: "utc", label: null },
    y: { label: `trade (${trade[0]?.unit ?? "USD"})`, grid: true, tickFormat: "s" },
    color: { legend: series.length > 1 },
    marks: [
      Plot.lineY(trade, {
        x: (p) => toDate(p.period),
        y: "value",
        stroke: "series",
        marker: "circle",
        title: (p) =>
          `${p.period} ${p.series}: ${fmt(p.value / 1e6, 1)}M ${p.unit}${p.source ? ` (${p.source})` : ""}`,
      }),
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
  fill(
    holder,
    h("h3", {}, "Trade"),
    trade.length ? tradeChart : h("p", {}, "No trade series for this dyad."),
    h("h3", {}, "Visits and meetings"),
    contactChart,
    h("h3", {}, "Conflictual share"),
    conflictChart,
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
  selA.value = "CHN";
  selB.value = "PRK";
  let last: Leverage | null = null;
  const load = async () => {
    fill(out, status("Loading indicators…"));
    try {
      last = await api<Leverage>(`/api/indicators?dyad=${selA.value}-${selB.value}`);
      const holder = h("div", { class: "chart", "data-testid": "indicator-charts" });
      const source = last.trade.find((p) => p.source);
      fill(
        out,
        holder,
        source
          ? h(
              "p",
              { class: "source" },
              "Trade source: ",
              source.url
                ? h(
                    "a",
                    { href: source.url, target: "_blank", rel: "noopener noreferrer" },
                    source.source ?? source.url,
                  )
                : (source.source ?? ""),
            )
          : null,
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
  window.addEventListener("resize", () => {
    const holder = out.querySelector<HTMLElement>("[data-testid=indicator-charts]");
    if (holder && last) charts(holder, last);
  });
  await load();
}
