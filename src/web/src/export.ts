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
  rows: () => Row[];
  /** A line written into the SVG's description: what the chart shows and where its data come from. */
  caption?: () => string;
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
 * A standalone SVG document of a chart: namespaced, sized, on a white ground, with a title and a
 * description (its caption), the styles Plot writes inside the SVG kept.
 */
export function svgDocument(
  el: Element,
  title: string,
  caption = "",
): { text: string; width: number; height: number } {
  const svg = plotSvg(el);
  if (!svg) throw new Error("no chart to export");
  const box = svg.getBoundingClientRect();
  const width = Math.round(Number(svg.getAttribute("width")) || box.width || 640);
  const height = Math.round(Number(svg.getAttribute("height")) || box.height || 400);
  const copy = svg.cloneNode(true) as SVGSVGElement;
  copy.setAttribute("xmlns", SVG_NS);
  copy.setAttribute("width", String(width));
  copy.setAttribute("height", String(height));
  if (!copy.getAttribute("viewBox")) copy.setAttribute("viewBox", `0 0 ${width} ${height}`);
  copy.style.background = "white";
  const ground = document.createElementNS(SVG_NS, "rect");
  for (const [k, v] of Object.entries({ x: 0, y: 0, width, height, fill: "white" }))
    ground.setAttribute(k, String(v));
  const t = document.createElementNS(SVG_NS, "title");
  t.textContent = title;
  const d = document.createElementNS(SVG_NS, "desc");
  d.textContent = caption;
  // Plot's <style> comes first; the ground goes under every mark.
  const style = copy.querySelector(":scope > style");
  copy.insertBefore(ground, style ? style.nextSibling : copy.firstChild);
  copy.insertBefore(d, copy.firstChild);
  copy.insertBefore(t, copy.firstChild);
  const text = `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(copy)}\n`;
  return { text, width, height };
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

function download(blob: Blob, file: string): void {
  const url = URL.createObjectURL(blob);
  const a = h("a", { href: url, download: file, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The chart's file in a format: SVG and PNG of the drawing, CSV of its data. */
export async function exportChart(
  c: ChartExport,
  format: "svg" | "png" | "csv",
): Promise<{ blob: Blob; file: string }> {
  const file = `${c.name}.${format}`;
  if (format === "csv")
    return { blob: new Blob([toCsv(c.rows())], { type: "text/csv;charset=utf-8" }), file };
  const figure = c.figure();
  if (!figure) throw new Error("the chart is not drawn yet");
  const svg = svgDocument(figure, c.name, c.caption?.() ?? "");
  if (format === "svg") return { blob: new Blob([svg.text], { type: "image/svg+xml" }), file };
  return { blob: await pngOf(svg), file };
}

/** Buttons under a chart that save it as SVG or PNG, or its data as CSV. */
export function exportBar(c: ChartExport): HTMLElement {
  const note = h("span", { class: "export-status", role: "status" });
  const button = (format: "svg" | "png" | "csv", label: string) =>
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
    note,
  );
}
