import * as Plot from "@observablehq/plot";
import { actorOptions } from "./actors.ts";
import { api, type Event, hashDyad, hashParams, type PhasesResponse, toDate } from "./api.ts";
import { eventCard, fill, fmt, h, redrawOnResize, status, widthOf } from "./dom.ts";
import { eventRows, periodRows } from "./dyad-data.ts";
import { asEvidence, eventLabel, QUAD_COLORS, QUAD_NAMES } from "./events.ts";
import { exportBar } from "./export.ts";

const PHASE_FILL: Record<string, string> = { warming: "#40c057", cooling: "#fa5252", stable: "#adb5bd" };

interface State {
  a: string;
  b: string;
  bucket: string;
  from: string;
  to: string;
}

function nextDay(date: string): Date {
  const d = toDate(date);
  d.setUTCDate(d.getUTCDate() + 1);
  return d;
}

/** Wire SVG marks to data: focusable event dots that open their detail, labelled phases and turning points. */
function annotate(svg: Element, events: Event[], data: PhasesResponse, show: (e: Event) => void): void {
  svg.querySelectorAll("g.event-marks circle").forEach((c, i) => {
    const e = events[i];
    if (!e) return;
    Object.entries({
      "data-testid": "event-mark",
      "data-id": e.id,
      "data-date": e.date,
      "data-cameo": e.cameo,
      tabindex: "0",
      role: "button",
      "aria-label": eventLabel(e),
    }).forEach(([k, v]) => {
      c.setAttribute(k, v);
    });
    c.addEventListener("click", () => show(e));
    c.addEventListener("keydown", (ev) => {
      const k = (ev as KeyboardEvent).key;
      if (k === "Enter" || k === " ") {
        ev.preventDefault();
        show(e);
      }
    });
  });
  svg.querySelectorAll("g.phase-marks rect").forEach((r, i) => {
    const p = data.phases[i];
    if (!p) return;
    r.setAttribute("data-testid", "phase");
    r.setAttribute("data-label", p.label);
    r.setAttribute("data-from", p.from);
    r.setAttribute("data-to", p.to);
  });
  svg.querySelectorAll("g.turning-marks line").forEach((l, i) => {
    const t = data.turningPoints[i];
    if (!t) return;
    l.setAttribute("data-testid", "turning-point");
    l.setAttribute("data-period", t.period);
    l.setAttribute("data-label", t.label);
  });
}

/** The x extent of the window shown: its first period's start to the day after its last's end. */
function extent(data: PhasesResponse): [Date, Date] | undefined {
  const first = data.series[0];
  const last = data.series[data.series.length - 1];
  return first && last ? [toDate(first.start), nextDay(last.end)] : undefined;
}

function chart(width: number, events: Event[], data: PhasesResponse): SVGSVGElement | HTMLElement {
  const domain = extent(data);
  // Phases come from the whole record; one that began before the window is drawn from its edge.
  const clip = (d: Date) =>
    domain ? new Date(Math.min(Math.max(d.getTime(), domain[0].getTime()), domain[1].getTime())) : d;
  return Plot.plot({
    width,
    height: width < 500 ? 300 : 380,
    marginLeft: 44,
    x: { type: "utc", label: null, domain },
    y: { domain: [-10, 10], grid: true, label: "Goldstein (−10 conflict … +10 cooperation)" },
    color: { domain: [1, 2, 3, 4], range: QUAD_COLORS, legend: false },
    marks: [
      Plot.rect(data.phases, {
        x1: (p) => clip(toDate(p.start)),
        x2: (p) => clip(nextDay(p.end)),
        y1: -10,
        y2: 10,
        fill: (p) => PHASE_FILL[p.label],
        fillOpacity: 0.14,
        className: "phase-marks",
        title: (p) => `${p.from}–${p.to}: ${p.label}, mean Goldstein ${fmt(p.goldsteinMean)}`,
      }),
      Plot.ruleY([0], { stroke: "#495057" }),
      // Each period's mean as its own step: a period without events has none, and no line
      // is drawn across it.
      Plot.ruleY(
        data.series.filter((p) => p.both.count > 0),
        {
          x1: (p) => toDate(p.start),
          x2: (p) => nextDay(p.end),
          y: (p) => p.both.goldsteinMean,
          stroke: "#343a40",
          strokeOpacity: 0.7,
          strokeWidth: 2,
          className: "mean-marks",
          title: (p) =>
            `${p.period}: mean Goldstein ${fmt(p.both.goldsteinMean)} over ${p.both.count} events`,
        },
      ),
      Plot.ruleX(data.turningPoints, {
        x: (t) => toDate(t.date),
        stroke: (t) => (t.label === "warming" ? "#2b8a3e" : t.label === "cooling" ? "#c92a2a" : "#495057"),
        strokeDasharray: "4,3",
        strokeWidth: 1.5,
        className: "turning-marks",
      }),
      Plot.dot(events, {
        x: (e) => toDate(e.date),
        y: (e) => e.goldstein,
        fill: (e) => e.quadClass,
        r: 4.5,
        stroke: "white",
        strokeWidth: 0.8,
        className: "event-marks",
        title: (e) => eventLabel(e),
      }),
    ],
  });
}

/** Events per period under the phases: thin years (few events behind a mean) show at a glance. */
function coverage(width: number, data: PhasesResponse): SVGSVGElement | HTMLElement {
  return Plot.plot({
    width,
    height: 90,
    marginLeft: 44,
    x: { type: "utc", label: null, domain: extent(data) },
    y: { label: `events per ${data.model.bucket}`, grid: true, ticks: 3 },
    marks: [
      Plot.rectY(data.series, {
        x1: (p) => toDate(p.start),
        x2: (p) => nextDay(p.end),
        y: (p) => p.both.count,
        fill: (p) => (p.both.count < 3 ? "#fab005" : "#868e96"),
        inset: 0.5,
        className: "coverage-marks",
        title: (p) => `${p.period}: ${p.both.count} events${p.both.count < 3 ? " (thin)" : ""}`,
      }),
      Plot.ruleY([0]),
    ],
  });
}

/** Most events the dyad chart's CSVs list (the API's pages of 1000). */
const EXPORT_MAX = 50_000;

/** The dyad's events in the window, page by page, up to {@link EXPORT_MAX}. */
async function pages(dyad: string, range: string, total: number): Promise<Event[]> {
  const out: Event[] = [];
  for (let offset = 0; offset < Math.min(total, EXPORT_MAX); offset += 1000) {
    const page = await api<{ events: Event[] }>(
      `/api/events?dyad=${dyad}&limit=1000&offset=${offset}${range}`,
    );
    out.push(...page.events);
    if (page.events.length < 1000) break;
  }
  return out;
}

function legend(): HTMLElement {
  return h(
    "ul",
    { class: "legend", "aria-label": "Legend" },
    ...QUAD_NAMES.map((n, i) =>
      h("li", {}, h("span", { class: "swatch", style: `background:${QUAD_COLORS[i]}` }), n),
    ),
    ...Object.entries(PHASE_FILL).map(([k, c]) =>
      h("li", {}, h("span", { class: "swatch phase", style: `background:${c}` }), `${k} phase`),
    ),
  );
}

/** The dyad view: pick two actors → series chart with phases shaded and events as marks. */
export async function dyadView(root: HTMLElement): Promise<void> {
  const given = hashParams();
  const [a0, b0] = hashDyad();
  const state: State = {
    a: a0,
    b: b0,
    bucket: given.get("bucket") ?? "year",
    from: given.get("from") ?? "",
    to: given.get("to") ?? "",
  };
  const from = h("input", {
    id: "dyad-from",
    size: 8,
    inputmode: "numeric",
    placeholder: "e.g. 2000",
    value: state.from,
    "data-testid": "dyad-from",
  });
  const to = h("input", {
    id: "dyad-to",
    size: 8,
    inputmode: "numeric",
    placeholder: "e.g. 2025",
    value: state.to,
    "data-testid": "dyad-to",
  });
  const selA = h("select", { id: "actor-a", "data-testid": "actor-a" });
  const selB = h("select", { id: "actor-b", "data-testid": "actor-b" });
  const bucket = h(
    "select",
    { id: "bucket", "data-testid": "bucket" },
    ...["year", "quarter", "month"].map((b) => h("option", { value: b }, b)),
  );
  const out = h("div", { class: "dyad-out" });
  const detail = h("aside", { class: "detail", "data-testid": "event-detail-panel", "aria-live": "polite" });
  const form = h(
    "form",
    { class: "controls", "data-testid": "dyad-form" },
    h("label", { for: "actor-a" }, "Actor A", selA),
    h("label", { for: "actor-b" }, "Actor B", selB),
    h("label", { for: "dyad-from" }, "From", from),
    h("label", { for: "dyad-to" }, "To", to),
    h("label", { for: "bucket" }, "Phases by", bucket),
    h("button", { type: "submit", "data-testid": "show-dyad" }, "Show"),
  );
  fill(root, h("h2", {}, "Dyad: how a relationship moves"), form, out, detail);
  const actors = await actorOptions();
  for (const sel of [selA, selB]) fill(sel, ...actors.map((a) => h("option", { value: a.code }, a.label)));
  selA.value = state.a;
  selB.value = state.b;
  bucket.value = state.bucket;

  const show = (e: Event) => {
    fill(detail, eventCard(asEvidence(e)));
    detail.scrollIntoView({ block: "nearest" });
  };

  let last: { events: Event[]; data: PhasesResponse } | null = null;
  const draw = () => {
    const holder = out.querySelector<HTMLElement>("[data-testid=dyad-chart]");
    const strip = out.querySelector<HTMLElement>("[data-testid=coverage-chart]");
    if (!holder || !strip || !last) return;
    const svg = chart(widthOf(holder), last.events, last.data);
    fill(holder, svg);
    annotate(svg, last.events, last.data, show);
    fill(strip, coverage(widthOf(strip), last.data));
  };
  const name = () =>
    `${state.a}-${state.b}${state.from || state.to ? `-${state.from || "start"}-${state.to || "end"}` : ""}`.toLowerCase();
  const span = () => (state.from || state.to ? ` (${state.from || "start"}–${state.to || "end"})` : "");

  const load = async () => {
    fill(out, status(`Loading ${state.a}–${state.b}…`));
    fill(detail);
    try {
      const dyad = `${state.a}-${state.b}`;
      const range = new URLSearchParams();
      if (state.from) range.set("from", state.from);
      if (state.to) range.set("to", state.to);
      const r = range.size ? `&${range}` : "";
      const [data, list] = await Promise.all([
        api<PhasesResponse>(`/api/phases?dyad=${dyad}&bucket=${state.bucket}${r}`),
        api<{ total: number; events: Event[] }>(`/api/events?dyad=${dyad}&limit=1000${r}`),
      ]);
      last = { events: list.events, data };
      // The chart draws the first 1000 events; its CSVs name every event of the window, read in
      // pages of the API's largest (up to EXPORT_MAX), once, when first saved.
      let every: Promise<Event[]> | null = null;
      const allEvents = () => {
        every ??=
          list.total <= list.events.length ? Promise.resolve(list.events) : pages(dyad, r, list.total);
        return every;
      };
      fill(
        out,
        h(
          "p",
          { class: "summary" },
          `${list.total} events between ${state.a} and ${state.b}`,
          list.total > 1000 ? " (first 1000 shown)" : "",
          ".",
        ),
        legend(),
        h("div", { class: "chart", "data-testid": "dyad-chart" }),
        exportBar({
          name: `${name()}-phases`,
          kind: "phases",
          legend: () => [
            ...QUAD_NAMES.map((label, i) => ({ label, color: QUAD_COLORS[i] })),
            ...Object.entries(PHASE_FILL).map(([k, color]) => ({ label: `${k} phase`, color })),
          ],
          figure: () => out.querySelector("[data-testid=dyad-chart] svg"),
          rows: async () => periodRows(data, await allEvents()),
          events: async () => eventRows(data, await allEvents()),
          caption: () =>
            `${state.a}–${state.b}${span()}: events by Goldstein score, mean per ${data.model.bucket}, phases (computed on the whole record). Events: the Yalu record; each event's source is in its detail and in the events CSV saved beside the chart's data.`,
        }),
        h("div", { class: "chart coverage", "data-testid": "coverage-chart" }),
        exportBar({
          name: `${name()}-coverage`,
          kind: "coverage",
          figure: () => out.querySelector("[data-testid=coverage-chart] svg"),
          rows: () =>
            data.series.map((p) => ({ period: p.period, start: p.start, end: p.end, events: p.both.count })),
          caption: () => `${state.a}–${state.b}${span()}: events per ${data.model.bucket} in the record`,
        }),
        h(
          "p",
          { class: "model" },
          `Phases: ${data.model.method}, ${data.model.cost}; σ = ${fmt(data.model.sigma)}, penalty ${fmt(data.model.penalty, 1)}, labelled by a change of ≥ ${data.model.threshold} in mean Goldstein. Computed on the whole record and shown for the window, so a window never moves a phase; a phase that began before the window keeps its whole span and totals. Bars under the chart: events per ${data.model.bucket} (amber: fewer than 3).`,
        ),
        phaseList(data, show, list.events),
        eventList(list.events, show),
      );
      draw();
    } catch (err) {
      fill(out, status((err as Error).message, "error"));
    }
  };

  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    Object.assign(state, {
      a: selA.value,
      b: selB.value,
      bucket: bucket.value,
      from: from.value.trim(),
      to: to.value.trim(),
    });
    void load();
  });
  redrawOnResize(() => out.querySelector("[data-testid=dyad-chart]"), draw);
  await load();
}

function phaseList(data: PhasesResponse, show: (e: Event) => void, events: Event[]): HTMLElement {
  const byId = new Map(events.map((e) => [e.id, e]));
  return h(
    "section",
    { class: "phases", "data-testid": "phase-list" },
    h("h3", {}, "Phases and turning points"),
    data.thin
      ? h(
          "p",
          { class: "status thin", "data-testid": "phases-thin" },
          `No phases: ${data.thin}. `,
          data.model.bucket === "year"
            ? ""
            : "A larger bucket (Phases by year) gathers more events per period.",
        )
      : null,
    h(
      "ol",
      {},
      ...data.phases.map((p) =>
        h(
          "li",
          {
            class: `phase ${p.label}`,
            "data-testid": "phase-item",
            "data-label": p.label,
            "data-from": p.from,
          },
          h("strong", {}, `${p.from === p.to ? p.from : `${p.from}–${p.to}`}: ${p.label}`),
          ` · mean Goldstein ${fmt(p.goldsteinMean)}`,
          p.change !== null ? ` (${p.change > 0 ? "+" : ""}${fmt(p.change)})` : "",
          ` · ${p.totals.count} events`,
          h(
            "ul",
            { class: "evidence" },
            ...p.evidence.map((ev) => {
              const e = byId.get(ev.id);
              return h(
                "li",
                {},
                e
                  ? h(
                      "button",
                      { type: "button", class: "link", onclick: () => show(e) },
                      `${ev.date}: ${ev.description ?? ev.action ?? ev.cameo}`,
                    )
                  : `${ev.date}: ${ev.description ?? ev.action ?? ev.cameo}`,
              );
            }),
          ),
        ),
      ),
    ),
  );
}

function eventList(events: Event[], show: (e: Event) => void): HTMLElement {
  return h(
    "details",
    { class: "event-list", "data-testid": "event-list" },
    h("summary", {}, `All ${events.length} events (keyboard: Tab to an event, Enter to open)`),
    h(
      "ul",
      {},
      ...events.map((e) =>
        h(
          "li",
          {},
          h(
            "button",
            {
              type: "button",
              class: "link",
              "data-testid": "event-item",
              "data-id": e.id,
              onclick: () => show(e),
            },
            h("span", { class: "dot", style: `background:${QUAD_COLORS[e.quadClass - 1]}` }),
            eventLabel(e),
          ),
        ),
      ),
    ),
  );
}
