import {
  forceCenter,
  forceCollide,
  forceLink,
  forceManyBody,
  forceSimulation,
  type SimulationLinkDatum,
  type SimulationNodeDatum,
} from "d3";
import { api, hashParams, type NetworkResponse } from "./api.ts";
import { fill, fmt, h, redrawOnResize, status, widthOf } from "./dom.ts";
import { exportBar } from "./export.ts";

interface Node extends SimulationNodeDatum {
  id: string;
  weight: number;
}

const SVG = "http://www.w3.org/2000/svg";
function s<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | number>,
): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  return el;
}

/** Edge colour by mean Goldstein: red for conflict, grey near zero, green for cooperation. */
function tone(g: number): string {
  if (g <= -2) return "#e03131";
  if (g < 1) return "#868e96";
  return "#2f9e44";
}

function draw(holder: HTMLElement, net: NetworkResponse): void {
  const width = widthOf(holder);
  const height = Math.min(520, Math.max(320, width * 0.7));
  const nodes: Node[] = net.nodes.map((n) => ({ id: n.id, weight: n.weightedDegree }));
  const links: (SimulationLinkDatum<Node> & { count: number; g: number })[] = net.edges.map((e) => ({
    source: e.source,
    target: e.target,
    count: e.count,
    g: e.goldsteinMean,
  }));
  const max = Math.max(1, ...nodes.map((n) => n.weight));
  const radius = (n: Node) => 5 + 16 * Math.sqrt(n.weight / max);
  // A fixed number of ticks from a fixed start: the same data gives the same picture.
  nodes.forEach((n, i) => {
    const a = (2 * Math.PI * i) / Math.max(1, nodes.length);
    n.x = width / 2 + Math.cos(a) * width * 0.3;
    n.y = height / 2 + Math.sin(a) * height * 0.3;
  });
  forceSimulation(nodes)
    .force(
      "link",
      forceLink<Node, (typeof links)[number]>(links)
        .id((d) => d.id)
        .distance(90),
    )
    .force("charge", forceManyBody().strength(-260))
    .force("center", forceCenter(width / 2, height / 2))
    .force(
      "collide",
      forceCollide<Node>().radius((n) => radius(n) + 12),
    )
    .stop()
    .tick(300);
  const svg = s("svg", {
    viewBox: `0 0 ${width} ${height}`,
    width,
    height,
    role: "img",
    "aria-label": "Actor network",
  });
  const maxCount = Math.max(1, ...links.map((l) => l.count));
  for (const l of links) {
    const a = l.source as Node;
    const b = l.target as Node;
    const line = s("line", {
      x1: a.x!,
      y1: a.y!,
      x2: b.x!,
      y2: b.y!,
      stroke: tone(l.g),
      "stroke-opacity": 0.55,
      "stroke-width": 1 + 5 * (l.count / maxCount),
    });
    line.append(s("title", {}));
    line.lastElementChild!.textContent = `${a.id} → ${b.id}: ${l.count} events, mean Goldstein ${fmt(l.g)}`;
    svg.append(line);
  }
  for (const n of nodes) {
    const x = Math.max(20, Math.min(width - 20, n.x!));
    const y = Math.max(20, Math.min(height - 20, n.y!));
    const g = s("g", {
      "data-testid": "network-node",
      "data-id": n.id,
      tabindex: 0,
      role: "img",
      "aria-label": `${n.id}: ${n.weight} events`,
    });
    g.append(
      s("circle", { cx: x, cy: y, r: radius(n), fill: "#4263eb", "fill-opacity": 0.8, stroke: "white" }),
    );
    const label = s("text", {
      x,
      y: y - radius(n) - 4,
      "text-anchor": "middle",
      "font-size": 12,
      fill: "#212529",
    });
    label.textContent = n.id;
    g.append(label);
    svg.append(g);
  }
  fill(holder, svg);
}

/** The actor network of a chosen period, with centrality. */
export async function networkView(root: HTMLElement): Promise<void> {
  const from = h("input", {
    id: "net-from",
    value: hashParams().get("from") ?? "2016",
    size: 10,
    "data-testid": "network-from",
    inputmode: "numeric",
  });
  const to = h("input", {
    id: "net-to",
    value: hashParams().get("to") ?? "2019",
    size: 10,
    "data-testid": "network-to",
    inputmode: "numeric",
  });
  const level = h(
    "select",
    { id: "net-level" },
    h("option", { value: "country" }, "countries"),
    h("option", { value: "code" }, "actor codes"),
  );
  level.value = hashParams().get("level") === "code" ? "code" : "country";
  const form = h(
    "form",
    { class: "controls" },
    h("label", { for: "net-from" }, "From", from),
    h("label", { for: "net-to" }, "To", to),
    h("label", { for: "net-level" }, "Nodes", level),
    h("button", { type: "submit", "data-testid": "show-network" }, "Show"),
  );
  const out = h("div");
  fill(root, h("h2", {}, "Actor network"), form, out);
  let last: NetworkResponse | null = null;
  const load = async () => {
    fill(out, status("Loading the network…"));
    try {
      const q = new URLSearchParams({ level: level.value });
      if (from.value.trim()) q.set("from", from.value.trim());
      if (to.value.trim()) q.set("to", to.value.trim());
      last = await api<NetworkResponse>(`/api/network?${q}`);
      const holder = h("div", { class: "chart", "data-testid": "network-chart" });
      fill(
        out,
        h(
          "p",
          { class: "summary" },
          `${last.nodes.length} actors, ${last.edges.length} directed edges. Edge width: events; colour: mean Goldstein (green cooperative, red conflictual).`,
        ),
        holder,
        exportBar({
          name: `network-${from.value.trim() || "start"}-${to.value.trim() || "end"}`,
          kind: "network",
          legend: () => [
            { label: "cooperative (mean Goldstein ≥ 1)", color: tone(1) },
            { label: "neutral", color: tone(0) },
            { label: "conflictual (≤ −2)", color: tone(-2) },
          ],
          figure: () => holder.querySelector("svg"),
          rows: () =>
            (last?.edges ?? []).map((e) => ({
              source: e.source,
              target: e.target,
              events: e.count,
              goldsteinMean: e.goldsteinMean,
            })),
          caption: () =>
            `Actor network ${from.value.trim() || "start"}–${to.value.trim() || "end"} (${level.value}): edge width events, colour mean Goldstein; the Yalu record`,
        }),
        h(
          "div",
          { class: "table-wrap" },
          h(
            "table",
            { "data-testid": "network-table" },
            h("caption", {}, "Centrality (undirected, weighted by event counts)"),
            h(
              "thead",
              {},
              h(
                "tr",
                {},
                ...["actor", "degree", "events", "betweenness", "eigenvector"].map((c) =>
                  h("th", { scope: "col" }, c),
                ),
              ),
            ),
            h(
              "tbody",
              {},
              ...last.nodes.map((n) =>
                h(
                  "tr",
                  {},
                  h("th", { scope: "row" }, n.id),
                  h("td", {}, String(n.degree)),
                  h("td", {}, String(n.weightedDegree)),
                  h("td", {}, fmt(n.betweenness, 3)),
                  h("td", {}, fmt(n.eigenvector, 3)),
                ),
              ),
            ),
          ),
        ),
      );
      draw(holder, last);
    } catch (err) {
      fill(out, status((err as Error).message, "error"));
    }
  };
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    void load();
  });
  const holder = () => out.querySelector<HTMLElement>("[data-testid=network-chart]");
  redrawOnResize(holder, () => {
    const el = holder();
    if (el && last) draw(el, last);
  });
  await load();
}
