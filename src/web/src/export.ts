import { type Row, toCsv } from "./csv.ts";
import { h } from "./dom.ts";

/** A chart the dashboard can export: its name (the file's), its drawing, and the data behind it. */
export interface ChartExport {
  /** File name without extension, e.g. "chn-prk-trade". */
  name: string;
  /** Which chart of its view this is ("trade", "phases"), whatever the dyad or window: `yalu plot --chart`. */
  kind: string;
  /** The chart as drawn now (a Plot figure or an SVG), or null before it is drawn. */
  figure: () => Element | null;
  /** The chart's data, one row per mark or period, with its sources where it has them. */
  rows: () => Row[] | Promise<Row[]>;
  /**
   * The events behind the chart's points, one row each with its citation, saved as
   * `NAME-events.csv` beside the data (a chart of aggregates whose rows name event ids).
   */
  events?: () => Row[] | Promise<Row[]>;
  /** A line written into the SVG's description: what the chart shows and where its data come from. */
  caption?: () => string;
  /**
   * The key drawn above the chart in the saved file (the page shows it as HTML, which an SVG
   * cannot hold). Default: a Plot figure's own colour legend, if it has one.
   */
  legend?: () => LegendItem[];
}

/** One entry of a chart's key: a colour and what it stands for. */
export interface LegendItem {
  label: string;
  color: string;
}

/** A Plot figure's ordinal colour legend (domain → range), if it shows one. */
function plotLegend(el: Element): LegendItem[] {
  if (!el.querySelector("[class$='-swatches']") && !el.querySelector("div[class*='swatches']")) return [];
  const scale = (
    el as unknown as { scale?: (name: string) => { domain?: unknown[]; range?: unknown[] } | undefined }
  ).scale?.("color");
  if (!scale?.domain || !scale.range) return [];
  return scale.domain.map((d, i) => ({
    label: String(d),
    color: String(scale.range![i % scale.range!.length]),
  }));
}

const LEGEND_ROW = 20;

/** Swatches and labels in rows across `width`; returns the group and its height. */
function legendGroup(items: LegendItem[], width: number): { g: SVGGElement; height: number } {
  const g = document.createElementNS(SVG_NS, "g");
  g.setAttribute("font-family", "system-ui, sans-serif");
  g.setAttribute("font-size", "11");
  let x = 8;
  let y = 6;
  for (const item of items) {
    const w = 22 + item.label.length * 6.2;
    if (x + w > width && x > 8) {
      x = 8;
      y += LEGEND_ROW;
    }
    const swatch = document.createElementNS(SVG_NS, "rect");
    for (const [k, v] of Object.entries({ x, y: y + 1, width: 11, height: 11, rx: 2, fill: item.color }))
      swatch.setAttribute(k, String(v));
    const label = document.createElementNS(SVG_NS, "text");
    for (const [k, v] of Object.entries({ x: x + 15, y: y + 10, fill: "#212529", "text-anchor": "start" }))
      label.setAttribute(k, String(v));
    label.textContent = item.label;
    g.append(swatch, label);
    x += w + 10;
  }
  return { g, height: items.length ? y + LEGEND_ROW : 0 };
}

const SVG_NS = "http://www.w3.org/2000/svg";

/** The chart's own SVG: a Plot figure's plot (not its legend's swatches), else the element itself. */
function plotSvg(el: Element): SVGSVGElement | null {
  if (el instanceof SVGSVGElement) return el;
  const all = [...el.querySelectorAll("svg")];
  // A figure holds small legend swatch SVGs before the plot; the plot is the largest.
  return all.sort((a, b) => b.clientWidth * b.clientHeight - a.clientWidth * a.clientHeight)[0] ?? null;
}

/**
 * A standalone SVG document of a chart: namespaced, sized, on a white ground, with a title, a
 * description (its caption) and the chart's key above it; the chart itself kept whole inside (with
 * the styles Plot writes into its SVG).
 */
export function svgDocument(
  el: Element,
  title: string,
  caption = "",
  legend: LegendItem[] = plotLegend(el),
): { text: string; width: number; height: number } {
  const svg = plotSvg(el);
  if (!svg) throw new Error("no chart to export");
  const box = svg.getBoundingClientRect();
  const width = Math.round(Number(svg.getAttribute("width")) || box.width || 640);
  const chartHeight = Math.round(Number(svg.getAttribute("height")) || box.height || 400);
  const chart = svg.cloneNode(true) as SVGSVGElement;
  chart.setAttribute("width", String(width));
  chart.setAttribute("height", String(chartHeight));
  if (!chart.getAttribute("viewBox")) chart.setAttribute("viewBox", `0 0 ${width} ${chartHeight}`);
  const key = legendGroup(legend, width);
  chart.setAttribute("y", String(key.height));
  const height = chartHeight + key.height;
  const doc = svgRoot(width, height, title, caption);
  const ground = document.createElementNS(SVG_NS, "rect");
  for (const [k, v] of Object.entries({ x: 0, y: 0, width, height, fill: "white" }))
    ground.setAttribute(k, String(v));
  doc.append(ground, key.g, chart);
  return { text: xmlText(doc), width, height };
}

/** A sized, namespaced SVG root with its title and description. */
function svgRoot(width: number, height: number, title: string, caption: string): SVGSVGElement {
  const doc = document.createElementNS(SVG_NS, "svg");
  for (const [k, v] of Object.entries({ xmlns: SVG_NS, width, height, viewBox: `0 0 ${width} ${height}` }))
    doc.setAttribute(k, String(v));
  const t = document.createElementNS(SVG_NS, "title");
  t.textContent = title;
  const d = document.createElementNS(SVG_NS, "desc");
  d.textContent = caption;
  doc.append(t, d);
  return doc;
}

const xmlText = (doc: Element) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(doc)}\n`;

/**
 * Several chart documents (from `svgDocument`) one above the other in one SVG document, under a
 * title and a description: e.g. a forecast's position paths on every dimension in one file.
 */
export function stackSvg(
  parts: { text: string; width: number; height: number }[],
  title: string,
  caption = "",
): { text: string; width: number; height: number } {
  const width = Math.max(0, ...parts.map((p) => p.width));
  const height = parts.reduce((t, p) => t + p.height, 0);
  const doc = svgRoot(width, height, title, caption);
  let y = 0;
  for (const p of parts) {
    const svg = new DOMParser().parseFromString(p.text, "image/svg+xml").documentElement;
    svg.setAttribute("x", "0");
    svg.setAttribute("y", String(y));
    doc.append(document.importNode(svg, true));
    y += p.height;
  }
  return { text: xmlText(doc), width, height };
}

/** An SVG document drawn onto a canvas at `scale` and encoded as PNG. */
export async function pngOf(svg: { text: string; width: number; height: number }, scale = 2): Promise<Blob> {
  // A data: URL, not a blob: one: the server's Content-Security-Policy allows images from data:.
  const url = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg.text)}`;
  const img = new Image();
  img.decoding = "sync";
  await new Promise<void>((resolve, reject) => {
    img.onload = () => resolve();
    img.onerror = () => reject(new Error("the chart could not be drawn as an image"));
    img.src = url;
  });
  const canvas = document.createElement("canvas");
  canvas.width = Math.round(svg.width * scale);
  canvas.height = Math.round(svg.height * scale);
  const ctx = canvas.getContext("2d");
  if (!ctx) throw new Error("no canvas to draw the chart on");
  ctx.fillStyle = "white";
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
  return await new Promise<Blob>((resolve, reject) =>
    canvas.toBlob((b) => (b ? resolve(b) : reject(new Error("PNG encoding failed"))), "image/png"),
  );
}

/** Save a blob as a file through the browser. */
export function download(blob: Blob, file: string): void {
  const url = URL.createObjectURL(blob);
  const a = h("a", { href: url, download: file, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export type ExportFormat = "svg" | "png" | "csv" | "events";

/** The chart's file in a format: SVG and PNG of the drawing, CSV of its data or of its events. */
export async function exportChart(
  c: ChartExport,
  format: ExportFormat,
): Promise<{ blob: Blob; file: string }> {
  const csv = (rows: Row[]) => new Blob([toCsv(rows)], { type: "text/csv;charset=utf-8" });
  if (format === "events") {
    if (!c.events) throw new Error("this chart has no events to save");
    return { blob: csv(await c.events()), file: `${c.name}-events.csv` };
  }
  const file = `${c.name}.${format}`;
  if (format === "csv") return { blob: csv(await c.rows()), file };
  const figure = c.figure();
  if (!figure) throw new Error("the chart is not drawn yet");
  const svg = svgDocument(figure, c.name, c.caption?.() ?? "", c.legend?.());
  if (format === "svg") return { blob: new Blob([svg.text], { type: "image/svg+xml" }), file };
  return { blob: await pngOf(svg), file };
}

/** Buttons under a chart that save it as SVG or PNG, or its data (and events, if it has them) as CSV. */
export function exportBar(c: ChartExport): HTMLElement {
  const note = h("span", { class: "export-status", role: "status" });
  const button = (format: ExportFormat, label: string) =>
    h(
      "button",
      {
        type: "button",
        class: "link",
        "data-testid": `export-${format}`,
        "data-chart": c.name,
        "data-kind": c.kind,
        onclick: () => {
          note.textContent = "";
          exportChart(c, format)
            .then(({ blob, file }) => download(blob, file))
            .catch((err: Error) => {
              note.textContent = err.message;
            });
        },
      },
      label,
    );
  return h(
    "div",
    { class: "export", "data-testid": "chart-export", "data-chart": c.name, "data-kind": c.kind },
    "Save: ",
    button("svg", "SVG"),
    " · ",
    button("png", "PNG"),
    " · ",
    button("csv", "data (CSV)"),
    c.events ? " · " : null,
    c.events ? button("events", "events with sources (CSV)") : null,
    note,
  );
}
