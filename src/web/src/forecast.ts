import * as Plot from "@observablehq/plot";
import { api } from "./api.ts";
import { type Row, toCsv } from "./csv.ts";
import { fill, fmt, h, redrawOnResize, status, widthOf } from "./dom.ts";
import { download, exportBar, stackSvg, svgDocument } from "./export.ts";
import { type ScenarioDetail, scenarioEditor } from "./forecast-editor.ts";

/** The forecast API's JSON as this view uses it (see src/server/routes/forecast.ts). */
interface ScenarioInfo {
  name: string;
  title: string;
  description: string;
  base: string | null;
  dimensions: { id: string; name: string; scale: string }[];
  actors: string[];
}

interface Turn {
  turn: number;
  positions: Record<string, number[]>;
  probabilities?: Record<string, number>;
  challenges?: { initiator: string; target: string; p: number; deltaEU: number }[];
  movers?: Record<string, { bargain: number; initiator: string; receiver: string } | null>;
}

/** How a run ended on one dimension, in words (src/forecast/convergence.ts). */
interface Convergence {
  dimension: string;
  kind: "fixed" | "cycle" | "moving";
  dependsOnStop: boolean;
  outcomeRange: [number, number];
  text: string;
}

/** A Monte Carlo verdict on one dimension (src/forecast/robustness.ts). */
interface Robustness {
  dimension: string;
  robust: boolean;
  text: string;
}

interface Outcome {
  scenario: string;
  model: "smp" | "eu";
  actors: string[];
  dimensions: string[];
  stopTurn: number;
  outcome: number[];
  expected: number[];
  baselines: { compromise: number[]; weightedMedian: number[] };
  finalPositions: Record<string, number[]>;
  turns: Turn[];
  convergence: Convergence[];
  /** Expected utility only: each dimension's rounds, with the offer each actor accepted. */
  perDimension?: { dimension: string; rounds: EuRound[] }[];
}

/** One expected-utility round as the API gives it (src/forecast/report-json.ts). */
interface EuRound {
  round: number;
  positions: Record<string, number>;
  moves: Record<
    string,
    {
      from: string;
      type: "conflict" | "compromise" | "capitulation";
      to: number;
      eu: [number, number];
    } | null
  >;
}

const EU_MOVE = {
  conflict: "lost a confrontation to",
  compromise: "compromised with",
  capitulation: "gave in to",
};

/** Why the expected-utility model moved each actor: the offer it accepted, round by round. */
function euMovesTable(r: Outcome): HTMLElement | null {
  const rows = (r.perDimension ?? []).flatMap((d) =>
    d.rounds
      .slice(0, -1)
      .flatMap((t) =>
        Object.entries(t.moves).flatMap(([actor, m]) =>
          m && m.to !== t.positions[actor]
            ? [
                h(
                  "tr",
                  {},
                  h("td", {}, d.dimension),
                  h("td", {}, String(t.round + 1)),
                  h("th", { scope: "row" }, actor),
                  h("td", {}, `${EU_MOVE[m.type]} ${m.from}`),
                  h("td", {}, `own ${fmt(m.eu[0], 2)}, ${m.from}'s ${fmt(m.eu[1], 2)}`),
                  h("td", {}, `${fmt(t.positions[actor], 1)} → ${fmt(m.to, 1)}`),
                ),
              ]
            : [],
        ),
      ),
  );
  if (rows.length === 0) return null;
  return h(
    "div",
    { class: "table-wrap" },
    h(
      "table",
      { "data-testid": "forecast-eu-moves" },
      h(
        "caption",
        {},
        "Why the model moved each actor: the offer it accepted, and the expected utilities behind it",
      ),
      h(
        "thead",
        {},
        h(
          "tr",
          {},
          ...["dimension", "round", "actor", "accepted", "expected utility of challenging", "position"].map(
            (x) => h("th", { scope: "col" }, x),
          ),
        ),
      ),
      h("tbody", {}, ...rows),
    ),
  );
}

interface RunResponse extends Outcome {
  base?: Outcome;
  difference?: { outcome: number[]; expected: number[]; finalPositions: Record<string, number[]> };
  sensitivity?: { spec: { runs: number }; robustness: Robustness[] };
  differenceSensitivity?: { robustness: Robustness[] };
}

/** The expected-utility variants the API takes (src/forecast/eu-variants.ts). */
const EU_VARIANTS = ["scholz-paper", "scholz-code", "bdm-1994"];

/** A titled list of sentences, or nothing when there are none. */
function sentences(title: string, testid: string, texts: string[]): HTMLElement | null {
  if (texts.length === 0) return null;
  return h(
    "div",
    { class: "summary", "data-testid": testid },
    h("strong", {}, title),
    h("ul", {}, ...texts.map((t) => h("li", {}, t))),
  );
}

/** The forecast on one dimension: the cycle's range when it depends on the stopping round. */
function forecastText(r: Outcome, k: number): string {
  const c = r.convergence?.[k];
  return c?.kind === "cycle" && c.dependsOnStop
    ? `${fmt(c.outcomeRange[0], 1)}–${fmt(c.outcomeRange[1], 1)} (cycling)`
    : fmt(r.outcome[k], 1);
}

/** Positions per turn on one dimension, with the forecast and both baselines as rules. */
function positionsChart(r: Outcome, k: number, width: number): Element {
  const rows = r.turns.flatMap((t) =>
    r.actors.map((a) => ({ turn: t.turn, actor: a, x: t.positions[a][k] })),
  );
  const marks = [
    { label: "compromise", y: r.baselines.compromise[k], stroke: "#888" },
    { label: "weighted median", y: r.baselines.weightedMedian[k], stroke: "#b07" },
    { label: "forecast", y: r.outcome[k], stroke: "#000" },
  ];
  return Plot.plot({
    width,
    height: 260,
    marginRight: 110,
    x: { label: r.model === "smp" ? "turn" : "round", ticks: Math.min(10, r.stopTurn) },
    y: { domain: [0, 100], label: r.dimensions[k], grid: true },
    color: { legend: true },
    marks: [
      Plot.ruleY(marks, { y: "y", stroke: "stroke", strokeDasharray: "4,3" }),
      Plot.text(marks, { x: r.stopTurn, y: "y", text: "label", dx: 6, textAnchor: "start", fill: "stroke" }),
      Plot.line(rows, { x: "turn", y: "x", stroke: "actor", marker: "circle" }),
      Plot.tip(
        rows,
        Plot.pointer({ x: "turn", y: "x", title: (d) => `${d.actor}, turn ${d.turn}: ${fmt(d.x, 1)}` }),
      ),
    ],
  });
}

/** Who moved and why: the bargain each actor adopted, with the challenge behind it. */
function moversTable(r: Outcome): HTMLElement {
  const rows: HTMLElement[] = [];
  for (const t of r.turns) {
    for (const [actor, m] of Object.entries(t.movers ?? {})) {
      if (!m) continue;
      const c = t.challenges?.find((x) => x.initiator === m.initiator && x.target === m.receiver);
      const next = r.turns[t.turn + 1]?.positions[actor] ?? [];
      rows.push(
        h(
          "tr",
          {},
          h("td", {}, String(t.turn)),
          h("th", { scope: "row" }, actor),
          h("td", {}, `${m.initiator} challenged ${m.receiver}`),
          h("td", {}, c ? `p ${fmt(c.p, 3)}, ΔEU ${fmt(c.deltaEU, 3)}` : ""),
          h("td", {}, next.map((x) => fmt(x, 1)).join(" / ")),
        ),
      );
    }
  }
  return h(
    "div",
    { class: "table-wrap" },
    h(
      "table",
      { "data-testid": "forecast-movers" },
      h("caption", {}, "Who moved and why: the bargain each actor adopted"),
      h(
        "thead",
        {},
        h(
          "tr",
          {},
          ...["turn", "actor", "bargain", "challenge", `new position (${r.dimensions.join(" / ")})`].map(
            (x) => h("th", { scope: "col" }, x),
          ),
        ),
      ),
      h("tbody", {}, ...rows),
    ),
  );
}

/** A captioned table with one column per dimension and one labelled row per entry. */
function dimensionTable(testid: string, caption: string, dimensions: string[], rows: [string, string[]][]) {
  return h(
    "div",
    { class: "table-wrap" },
    h(
      "table",
      { "data-testid": testid },
      h("caption", {}, caption),
      h("thead", {}, h("tr", {}, h("th", {}, ""), ...dimensions.map((x) => h("th", { scope: "col" }, x)))),
      h(
        "tbody",
        {},
        ...rows.map(([label, cells]) =>
          h("tr", {}, h("th", { scope: "row" }, label), ...cells.map((c) => h("td", {}, c))),
        ),
      ),
    ),
  );
}

/** The scenario against its base: forecasts and the difference per dimension and actor. */
function differenceTable(r: RunResponse): HTMLElement | null {
  if (!r.base || !r.difference) return null;
  const d = r.difference;
  const plain = (xs: number[]) => xs.map((x) => fmt(x, 1));
  const signed = (xs: number[]) => xs.map((x) => (x > 0 ? `+${fmt(x, 1)}` : fmt(x, 1)));
  return dimensionTable("forecast-difference", `${r.scenario} against ${r.base.scenario}`, r.dimensions, [
    [`forecast: ${r.base.scenario}`, plain(r.base.outcome)],
    [`forecast: ${r.scenario}`, plain(r.outcome)],
    ["difference", signed(d.outcome)],
    ...r.actors.map((a): [string, string[]] => [`Δ ${a}`, signed(d.finalPositions[a] ?? [])]),
  ]);
}

/** SMP, expected utility and the two baselines side by side, per dimension. */
function modelsTable(smp: Outcome, eu: Outcome): HTMLElement {
  return dimensionTable("forecast-models", "The models and the baselines side by side", smp.dimensions, [
    ["SMP (KTAB): most probable", smp.dimensions.map((_, k) => forecastText(smp, k))],
    ["expected utility: median", eu.dimensions.map((_, k) => forecastText(eu, k))],
    ["baseline: compromise", smp.baselines.compromise.map((x) => fmt(x, 1))],
    ["baseline: weighted median", smp.baselines.weightedMedian.map((x) => fmt(x, 1))],
  ]);
}

const turnWord = (r: Outcome) => (r.model === "smp" ? "turn" : "round");

/** Every actor's position on every dimension at every turn (SMP) or round (expected utility). */
function pathRows(r: Outcome): Row[] {
  return r.turns.flatMap((t) =>
    r.actors.flatMap((a) =>
      r.dimensions.map((d, k) => ({
        scenario: r.scenario,
        model: r.model,
        actor: a,
        dimension: d,
        turn: t.turn,
        position: t.positions[a][k],
      })),
    ),
  );
}

/** What the saved result shows, for its SVG description. */
function resultCaption(r: Outcome): string {
  const per = r.dimensions.map(
    (d, k) =>
      `${d}: forecast ${forecastText(r, k)}, compromise ${fmt(r.baselines.compromise[k], 1)}, weighted median ${fmt(r.baselines.weightedMedian[k], 1)}`,
  );
  return `Positions per ${turnWord(r)}, ${r.stopTurn} ${turnWord(r)}s. ${per.join("; ")}. Inputs: data/scenarios`;
}

/** The forecast view: pick a shipped scenario and a model; see positions per turn and why. */
export async function forecastView(root: HTMLElement): Promise<void> {
  const { scenarios } = await api<{ scenarios: ScenarioInfo[] }>("/api/forecast/scenarios");
  const pick = h(
    "select",
    { name: "scenario", "data-testid": "forecast-scenario" },
    ...scenarios.map((s) => h("option", { value: s.name }, s.name)),
  );
  // Open on a variant, so the difference with its base shows at once.
  pick.value = scenarios.find((s) => s.base !== null)?.name ?? pick.value;
  const model = h(
    "select",
    { name: "model", "data-testid": "forecast-model" },
    h("option", { value: "smp" }, "SMP (KTAB)"),
    h("option", { value: "eu" }, "expected utility (BDM)"),
  );
  const variant = h(
    "select",
    { name: "variant", "data-testid": "forecast-eu-variant" },
    ...EU_VARIANTS.map((v) => h("option", { value: v }, v)),
  );
  const runs = h("input", {
    name: "mc",
    type: "number",
    min: "0",
    max: "500",
    value: "0",
    "data-testid": "forecast-mc",
  });
  const form = h(
    "form",
    { class: "controls" },
    h("label", {}, "Scenario ", pick),
    h("label", {}, "Model ", model),
    h("label", {}, "EU variant ", variant),
    h("label", {}, "Monte Carlo runs ", runs),
    h("button", { type: "submit", "data-testid": "forecast-run" }, "Run"),
  );
  const editorHost = h("div", {});
  const saveVariant = h(
    "button",
    { type: "button", "data-testid": "forecast-save-variant" },
    "Save as variant file",
  );
  const saveAs = (format: "json" | "csv" | "svg", label: string) =>
    h("button", { type: "button", class: "link", "data-testid": `forecast-save-${format}` }, label);
  const saveJson = saveAs("json", "JSON");
  const saveCsv = saveAs("csv", "position paths (CSV)");
  const saveSvg = saveAs("svg", "position paths (SVG)");
  const saveNote = h("span", { class: "export-status", role: "status" });
  const out = h("div", { "data-testid": "forecast-output" });
  fill(
    root,
    h("h2", {}, "Forecast: bargaining over the DPRK"),
    form,
    editorHost,
    h("p", { class: "controls" }, saveVariant),
    h(
      "div",
      { class: "export", "data-testid": "forecast-result-export" },
      "Download the result: ",
      saveJson,
      " · ",
      saveCsv,
      " · ",
      saveSvg,
      saveNote,
    ),
    out,
  );
  let last: RunResponse | null = null;
  /** The position-path charts as drawn, one per dimension, for the result's SVG. */
  let charts: Element[] = [];
  let models: [Outcome, Outcome] | null = null;
  let editor: ReturnType<typeof scenarioEditor> | null = null;
  let editorFor = "";
  const loadEditor = async () => {
    if (editorFor === pick.value) return;
    const detail = await api<ScenarioDetail>(`/api/forecast/scenarios/${encodeURIComponent(pick.value)}`);
    editor = scenarioEditor(detail);
    editorFor = pick.value;
    fill(editorHost, editor.element);
  };
  /** One model's run: the shipped scenario as it is, or the edited inputs posted to /run. */
  const runModel = (name: string, monteCarlo: boolean): Promise<RunResponse> => {
    const mc = Number(runs.value);
    const withMc = monteCarlo && Number.isInteger(mc) && mc > 0;
    if (editor && editor.edits().length > 0) {
      const body = {
        scenario: editor.scenario(),
        model: name,
        ...(name === "eu" ? { eu: { variant: variant.value } } : {}),
        ...(withMc ? { mc: Math.min(500, mc), seed: "1" } : {}),
      };
      return api<RunResponse>("/api/forecast/run", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    }
    const query = new URLSearchParams({ model: name });
    if (name === "eu") query.set("eu", `variant:${variant.value}`);
    if (withMc) {
      query.set("mc", String(Math.min(500, mc)));
      query.set("seed", "1");
    }
    return api<RunResponse>(`/api/forecast/scenarios/${encodeURIComponent(pick.value)}/run?${query}`);
  };
  const draw = () => {
    if (!last) return;
    const r = last;
    const info = scenarios.find((s) => s.name === pick.value);
    const width = widthOf(out);
    charts = [];
    fill(
      out,
      info ? h("p", { class: "summary" }, info.description) : null,
      h(
        "p",
        { class: "summary", "data-testid": "forecast-summary" },
        `Forecast (${r.model === "smp" ? "most probable final position" : "median"}) after ${r.stopTurn} ${r.model === "smp" ? "turns" : "rounds"}: `,
        r.dimensions.map((d, k) => `${d} ${forecastText(r, k)}`).join(", "),
        `. Baselines: compromise ${r.baselines.compromise.map((x) => fmt(x, 1)).join(" / ")}, weighted median ${r.baselines.weightedMedian.map((x) => fmt(x, 1)).join(" / ")}.`,
      ),
      sentences(
        "Edited inputs",
        "forecast-edits",
        (editor?.edits() ?? []).map(
          (e) => `${e.actor} ${e.field}${e.dimension ? ` on ${e.dimension}` : ""}: ${e.from} → ${e.to}`,
        ),
      ),
      sentences(
        "How the run ended",
        "forecast-convergence",
        (r.convergence ?? []).map((c) => c.text),
      ),
      sentences(
        `Robust to noise? (${r.sensitivity?.spec.runs ?? 0} perturbed runs)`,
        "forecast-robustness",
        [...(r.sensitivity?.robustness ?? []), ...(r.differenceSensitivity?.robustness ?? [])].map((v, i) =>
          i < (r.sensitivity?.robustness.length ?? 0)
            ? `forecast, ${v.text}`
            : `difference from the base, ${v.text}`,
        ),
      ),
      ...r.dimensions.flatMap((dim, k) => {
        const chart = positionsChart(r, k, width);
        charts[k] = chart;
        return [
          h("div", { class: "chart", "data-testid": "forecast-chart" }, chart),
          exportBar({
            name: `forecast-${r.scenario}-${r.model}-${k + 1}`,
            kind: `dimension-${k + 1}`,
            figure: () => chart,
            rows: () =>
              r.turns.flatMap((t) =>
                r.actors.map((a) => ({
                  turn: t.turn,
                  actor: a,
                  dimension: dim,
                  position: t.positions[a][k],
                })),
              ),
            caption: () =>
              `Forecast ${r.scenario} (${r.model}), ${dim}: positions per turn; forecast ${fmt(r.outcome[k], 1)}, compromise ${fmt(r.baselines.compromise[k], 1)}, weighted median ${fmt(r.baselines.weightedMedian[k], 1)}. Inputs: data/scenarios`,
          }),
        ];
      }),
      models ? modelsTable(models[0], models[1]) : null,
      r.model === "smp" ? moversTable(r) : euMovesTable(r),
      differenceTable(r),
    );
  };
  const load = async () => {
    fill(out, status("Running the model…"));
    try {
      await loadEditor();
      const other = model.value === "smp" ? "eu" : "smp";
      const [main, second] = await Promise.all([runModel(model.value, true), runModel(other, false)]);
      last = main;
      models = model.value === "smp" ? [main, second] : [second, main];
      draw();
    } catch (err) {
      fill(out, status((err as Error).message, "error"));
    }
  };
  pick.addEventListener("change", () => {
    loadEditor().catch((err) => fill(out, status((err as Error).message, "error")));
  });
  saveVariant.addEventListener("click", () => {
    if (!editor) return;
    // The variant names the shipped file as its base: saved beside it, it reads it from there.
    const text = editor.variantYaml(`${pick.value}.yaml`);
    download(new Blob([text], { type: "application/yaml" }), `${pick.value}-edited.yaml`);
  });
  /** The last run saved as a file: the API's JSON, the position paths as CSV, or all charts as SVG. */
  const saveResult = (format: "json" | "csv" | "svg") => {
    if (!last) return;
    const r = last;
    const file = `forecast-${r.scenario}-${r.model}.${format}`;
    saveNote.textContent = "";
    try {
      if (format === "json")
        download(new Blob([JSON.stringify(r, null, 2)], { type: "application/json" }), file);
      else if (format === "csv")
        download(new Blob([toCsv(pathRows(r))], { type: "text/csv;charset=utf-8" }), file);
      else {
        const parts = charts.map((c, k) =>
          svgDocument(c, r.dimensions[k], `${r.dimensions[k]}: positions per ${turnWord(r)}`),
        );
        const svg = stackSvg(parts, `forecast ${r.scenario} (${r.model})`, resultCaption(r));
        download(new Blob([svg.text], { type: "image/svg+xml" }), file);
      }
    } catch (err) {
      saveNote.textContent = (err as Error).message;
    }
  };
  saveJson.addEventListener("click", () => saveResult("json"));
  saveCsv.addEventListener("click", () => saveResult("csv"));
  saveSvg.addEventListener("click", () => saveResult("svg"));
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    void load();
  });
  redrawOnResize(() => out, draw);
  await load();
}
