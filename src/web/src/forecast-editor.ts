import { h } from "./dom.ts";

/** One scenario's inputs as GET /api/forecast/scenarios/:name answers. */
export interface ScenarioDetail {
  name: string;
  description: string;
  base: string | null;
  dimensions: { id: string; name: string; scale: string }[];
  actors: { name: string; capability: number; position: number[]; salience: number[] }[];
  rationale: Record<
    string,
    { why?: string; capability?: string; position: Record<string, string>; salience: Record<string, string> }
  >;
}

type Field = "capability" | "position" | "salience";

/** An input the user changed: which actor, which value, from what to what. */
export interface Edit {
  actor: string;
  field: Field;
  dimension: string | null;
  from: number;
  to: number;
}

/**
 * The scenario's inputs as a table of number fields, each with its `why` as a tooltip and in a list
 * below; `edits()` lists what changed, `scenario()` is the edited scenario in Yalu's form, and
 * `variantYaml()` the same as a variant file whose `base:` is the shipped scenario's file.
 */
export function scenarioEditor(d: ScenarioDetail) {
  const inputs: {
    actor: string;
    field: Field;
    dimension: string | null;
    value: number;
    el: HTMLInputElement;
  }[] = [];
  const field = (actor: string, f: Field, k: number | null, value: number, why: string | undefined) => {
    const dimension = k === null ? null : d.dimensions[k].id;
    const el = h("input", {
      type: "number",
      step: "any",
      min: "0",
      max: f === "capability" ? null : "100",
      value: String(value),
      title: why ?? "",
      "aria-label": `${actor} ${f}${dimension ? ` on ${dimension}` : ""}`,
      "data-testid": `edit-${actor}-${f}${dimension ? `-${dimension}` : ""}`.replace(/\s+/g, "_"),
    });
    inputs.push({ actor, field: f, dimension, value, el });
    return h("td", {}, el);
  };
  const header = h(
    "tr",
    {},
    h("th", { scope: "col" }, "actor"),
    h("th", { scope: "col" }, "capability"),
    ...d.dimensions.flatMap((dim) => [
      h("th", { scope: "col", title: dim.scale }, `${dim.id}: position`),
      h("th", { scope: "col", title: dim.scale }, `${dim.id}: salience`),
    ]),
  );
  const rows = d.actors.map((a) => {
    const r = d.rationale[a.name];
    return h(
      "tr",
      {},
      h("th", { scope: "row", title: r?.why ?? "" }, a.name),
      field(a.name, "capability", null, a.capability, r?.capability),
      ...d.dimensions.flatMap((dim, k) => [
        field(a.name, "position", k, a.position[k], r?.position[dim.id]),
        field(a.name, "salience", k, a.salience[k], r?.salience[dim.id]),
      ]),
    );
  });
  const whys = d.actors.flatMap((a) => {
    const r = d.rationale[a.name];
    if (!r) return [];
    const lines = [
      r.capability ? `capability: ${r.capability}` : "",
      ...d.dimensions.flatMap((dim) => [
        r.position[dim.id] ? `${dim.id} position: ${r.position[dim.id]}` : "",
        r.salience[dim.id] ? `${dim.id} salience: ${r.salience[dim.id]}` : "",
      ]),
    ].filter(Boolean);
    return [h("li", {}, h("strong", {}, a.name), h("ul", {}, ...lines.map((l) => h("li", {}, l))))];
  });
  const element = h(
    "div",
    { "data-testid": "forecast-editor" },
    h(
      "div",
      { class: "table-wrap" },
      h(
        "table",
        {},
        h("caption", {}, "Inputs: change a position, salience (0–100) or capability, then run"),
        h("thead", {}, header),
        h("tbody", {}, ...rows),
      ),
    ),
    h("details", {}, h("summary", {}, "Why these values"), h("ul", {}, ...whys)),
  );
  const edits = (): Edit[] =>
    inputs.flatMap((i) => {
      const to = Number(i.el.value);
      return i.el.value !== "" && Number.isFinite(to) && to !== i.value
        ? [{ actor: i.actor, field: i.field, dimension: i.dimension, from: i.value, to }]
        : [];
    });
  const current = (actor: string, f: Field, dimension: string | null) => {
    const i = inputs.find((x) => x.actor === actor && x.field === f && x.dimension === dimension)!;
    return i.el.value === "" ? i.value : Number(i.el.value);
  };
  const scenario = () => ({
    name: `${d.name}-edited`,
    description: d.description,
    dimensions: d.dimensions,
    actors: d.actors.map((a) => {
      const r = d.rationale[a.name];
      const cell = (f: Field, dim: string | null, why: string | undefined) => ({
        value: current(a.name, f, dim),
        ...(why ? { why } : {}),
      });
      return {
        name: a.name,
        capability: cell("capability", null, r?.capability),
        positions: Object.fromEntries(
          d.dimensions.map((dim) => [dim.id, cell("position", dim.id, r?.position[dim.id])]),
        ),
        saliences: Object.fromEntries(
          d.dimensions.map((dim) => [dim.id, cell("salience", dim.id, r?.salience[dim.id])]),
        ),
      };
    }),
  });
  const quote = (s: string) => JSON.stringify(s);
  const variantYaml = (file: string) =>
    [
      `name: ${d.name}-edited`,
      `base: ${file}`,
      edits().length ? "overrides:" : "overrides: []",
      ...edits().map(
        (e) =>
          `  - { actor: ${quote(e.actor)}, ${e.dimension ? `dimension: ${e.dimension}, ` : ""}${e.field}: ${e.to}, why: ${quote(`edited in the dashboard (was ${e.from})`)} }`,
      ),
      "",
    ].join("\n");
  return { element, edits, scenario, variantYaml };
}
