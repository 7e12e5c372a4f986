import * as Plot from "@observablehq/plot";
import { api, type Event, hashParams, type SeriesPoint, toDate } from "./api.ts";
import { eventCard, fill, h, redrawOnResize, status, widthOf } from "./dom.ts";
import { asEvidence, eventLabel, QUAD_COLORS, QUAD_NAMES } from "./events.ts";
import { exportBar } from "./export.ts";

/** The whole record over time: events per year by quad class, and every event as a mark. */
export async function timelineView(root: HTMLElement): Promise<void> {
  const text = h("input", {
    id: "timeline-text",
    type: "search",
    placeholder: "e.g. resolution, visit, Kim",
    "data-testid": "timeline-text",
  });
  // The record reaches back to the 13th century (a few historical events); start at 1945 by default.
  const given = hashParams();
  const from = h("input", {
    id: "timeline-from",
    value: given.get("from") ?? "1945",
    size: 10,
    inputmode: "numeric",
  });
  const to = h("input", { id: "timeline-to", value: given.get("to") ?? "", size: 10, inputmode: "numeric" });
  text.value = given.get("text") ?? "";
  const form = h(
    "form",
    { class: "controls" },
    h("label", { for: "timeline-from" }, "From", from),
    h("label", { for: "timeline-to" }, "To", to),
    h("label", { for: "timeline-text" }, "Text", text),
    h("button", { type: "submit" }, "Filter"),
  );
  const out = h("div");
  const detail = h("aside", { class: "detail", "aria-live": "polite" });
  fill(root, h("h2", {}, "Timeline of the record"), form, out, detail);

  let last: { years: SeriesPoint[]; events: Event[] } | null = null;
  const draw = () => {
    const holder = out.querySelector<HTMLElement>(".chart");
    if (!holder || !last) return;
    const width = widthOf(holder);
    const rows = last.years.flatMap((p) =>
      ([1, 2, 3, 4] as const).map((q) => ({ year: toDate(p.start), quad: q, count: p.both[`q${q}`] })),
    );
    const bars = Plot.plot({
      width,
      height: 200,
      marginLeft: 130,
      x: { type: "utc", label: null },
      y: { label: "events per year", grid: true },
      color: { domain: [1, 2, 3, 4], range: QUAD_COLORS },
      marks: [
        Plot.rectY(rows, {
          x: "year",
          interval: "year",
          y: "count",
          fill: "quad",
          title: (d) => `${d.year.getUTCFullYear()}: ${d.count} ${QUAD_NAMES[d.quad - 1]}`,
        }),
      ],
    });
    const ev = last.events;
    const strip = Plot.plot({
      width,
      height: 180,
      marginLeft: 130,
      x: { type: "utc", label: null },
      y: { domain: QUAD_NAMES, label: null },
      color: { domain: [1, 2, 3, 4], range: QUAD_COLORS },
      marks: [
        Plot.dot(ev, {
          x: (e) => toDate(e.date),
          y: (e) => QUAD_NAMES[e.quadClass - 1],
          fill: (e) => e.quadClass,
          r: 3.5,
          fillOpacity: 0.8,
          className: "event-marks",
          title: eventLabel,
        }),
      ],
    });
    const range = `${from.value.trim() || "start"}-${to.value.trim() || "end"}`;
    const q = text.value.trim() ? ` mentioning "${text.value.trim()}"` : "";
    fill(
      holder,
      h("div", { "data-testid": "timeline-bars" }, bars),
      exportBar({
        name: `timeline-${range}-per-year`,
        kind: "per-year",
        legend: () => QUAD_NAMES.map((label, i) => ({ label, color: QUAD_COLORS[i] })),
        figure: () => bars,
        rows: () =>
          rows.map((r) => ({
            year: r.year.getUTCFullYear(),
            quadClass: r.quad,
            quad: QUAD_NAMES[r.quad - 1],
            events: r.count,
          })),
        caption: () => `Events per year by quad class${q}, ${range}, the Yalu record`,
      }),
      h("div", { "data-testid": "timeline-strip" }, strip),
      exportBar({
        name: `timeline-${range}-events`,
        kind: "events",
        legend: () => QUAD_NAMES.map((label, i) => ({ label, color: QUAD_COLORS[i] })),
        figure: () => strip,
        rows: () =>
          ev.map((e) => ({
            id: e.id,
            date: e.date,
            source: e.source.code,
            target: e.target.code,
            cameo: e.cameo,
            quadClass: e.quadClass,
            goldstein: e.goldstein,
            description: e.description,
            publication: e.evidence.citation?.publication ?? null,
            url: e.evidence.citation?.url ?? null,
          })),
        caption: () => `Events${q}, ${range}, by quad class; each row of the CSV names its source`,
      }),
    );
    strip.querySelectorAll("g.event-marks circle").forEach((c, i) => {
      c.setAttribute("tabindex", "0");
      c.setAttribute("role", "button");
      c.setAttribute("aria-label", eventLabel(ev[i]));
      const open = () => fill(detail, eventCard(asEvidence(ev[i])));
      c.addEventListener("click", open);
      c.addEventListener("keydown", (k) => {
        if ((k as KeyboardEvent).key === "Enter" || (k as KeyboardEvent).key === " ") {
          k.preventDefault();
          open();
        }
      });
    });
  };

  const load = async () => {
    fill(out, status("Loading the record…"));
    const params = new URLSearchParams();
    if (from.value.trim()) params.set("from", from.value.trim());
    if (to.value.trim()) params.set("to", to.value.trim());
    if (text.value.trim()) params.set("text", text.value.trim());
    const q = params.size ? `&${params}` : "";
    try {
      const [series, list] = await Promise.all([
        api<{ points: SeriesPoint[] }>(`/api/series?bucket=year${q}`),
        api<{ total: number; events: Event[] }>(`/api/events?limit=1000${q}`),
      ]);
      last = { years: series.points, events: list.events };
      fill(
        out,
        h(
          "p",
          { class: "summary", "data-testid": "timeline-summary" },
          `${list.total} events${list.total > 1000 ? " (first 1000 as marks)" : ""}.`,
        ),
        h("div", { class: "chart", "data-testid": "timeline-chart" }),
      );
      draw();
    } catch (err) {
      fill(out, status((err as Error).message, "error"));
    }
  };
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    void load();
  });
  redrawOnResize(() => out.querySelector(".chart"), draw);
  await load();
}
