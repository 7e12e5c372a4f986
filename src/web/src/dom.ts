import type { Citation, EvidenceEvent } from "./api.ts";

type Child = Node | string | null | undefined | false;
type Attrs = Record<string, string | number | boolean | null | undefined | EventListener>;

/** Create an element: attributes (on* as listeners, false/null omitted) and children. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith("on") && typeof v === "function") el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? "" : String(v));
  }
  for (const c of children) if (c !== null && c !== undefined && c !== false) el.append(c);
  return el;
}

/** Replace an element's content. */
export function fill(el: Element, ...children: Child[]): void {
  el.replaceChildren(
    ...(children.filter((c) => c !== null && c !== undefined && c !== false) as (Node | string)[]),
  );
}

/** A status line for loading and errors (announced to screen readers). */
export function status(message: string, kind: "info" | "error" = "info"): HTMLElement {
  return h("p", { class: `status ${kind}`, role: kind === "error" ? "alert" : "status" }, message);
}

/** A citation as text and a link. */
export function citation(c: Citation | null): HTMLElement {
  if (!c) return h("p", { class: "citation", "data-testid": "event-citation" }, "No citation recorded.");
  const text = [c.publication, c.title && `“${c.title}”`, c.date].filter(Boolean).join(", ");
  return h(
    "p",
    { class: "citation", "data-testid": "event-citation" },
    "Source: ",
    text || "(untitled)",
    c.url ? " — " : "",
    c.url
      ? h(
          "a",
          { href: c.url, target: "_blank", rel: "noopener noreferrer", "data-testid": "event-link" },
          "open source",
        )
      : "",
  );
}

const QUAD = ["", "verbal cooperation", "material cooperation", "verbal conflict", "material conflict"];

/** The detail card of an event: what happened, its sentence or description, and its citation. */
export function eventCard(e: EvidenceEvent & { quadClass?: number }): HTMLElement {
  return h(
    "article",
    { class: "event-card", "data-testid": "event-detail", "data-id": e.id },
    h("h3", {}, `${e.date} · ${e.source} → ${e.target}`),
    // Machine-coded events stand apart from the curated record, with the coder's confidence.
    e.confidence === null || e.confidence === undefined
      ? null
      : h(
          "p",
          { class: "machine", "data-testid": "event-machine" },
          `Machine-coded · confidence ${e.confidence} (the share of events coded on such evidence that were right on labelled news)`,
        ),
    h(
      "p",
      { class: "meta" },
      `CAMEO ${e.cameo}${e.action ? ` ${e.action}` : ""} · Goldstein ${e.goldstein}`,
      e.quadClass ? ` · ${QUAD[e.quadClass]}` : "",
    ),
    e.sentence ? h("blockquote", { "data-testid": "event-sentence" }, e.sentence) : null,
    e.description ? h("p", { "data-testid": "event-description" }, e.description) : null,
    citation(e.citation),
  );
}

export const fmt = (x: number | null | undefined, digits = 2) =>
  x === null || x === undefined ? "–" : (Math.round(x * 10 ** digits) / 10 ** digits).toString();

/** The width each chart holder was last drawn at (by widthOf). */
const drawnWidth = new WeakMap<Element, number>();

const measure = (el: Element) => Math.max(280, Math.floor(el.getBoundingClientRect().width || 640));

/** Width available to a chart inside an element (at least 280 px), remembered as drawn at. */
export function widthOf(el: Element): number {
  const width = measure(el);
  drawnWidth.set(el, width);
  return width;
}

/**
 * Redraw a view's charts when the window resizes and their holder's width has changed since it was
 * drawn, 150 ms after the last resize event. Not on every event: a scrollbar appearing or a page
 * screenshot fires resize events at the same width, and replacing charts then would pull buttons
 * from under the reader's pointer.
 */
export function redrawOnResize(holder: () => Element | null, redraw: () => void): void {
  let timer = 0;
  window.addEventListener("resize", () => {
    clearTimeout(timer);
    timer = window.setTimeout(() => {
      const el = holder();
      if (el && measure(el) !== drawnWidth.get(el)) redraw();
    }, 150);
  });
}
