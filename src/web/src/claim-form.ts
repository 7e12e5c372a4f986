import cameo from "../../../data/taxonomy/cameo.json";
import { actorOptions } from "./actors.ts";
import { api, type ClaimResult } from "./api.ts";
import { fill, h, status } from "./dom.ts";

/** What the form asks: the kinds of claim an analyst writes. */
const KINDS = {
  movement: "moved: improved, worsened, stable",
  level: "level: strained, cooperative",
  closer: "closer to one than another",
  event: "an event happened",
  absent: "an event did not happen",
} as const;
type Kind = keyof typeof KINDS;

/** The claim as the API and `yalu check` take it (a claims file holds a list of these). */
export type ClaimInput = Record<string, string | boolean>;

/** The form's fields → a claim object; null fields are left out. */
export function claimOf(f: {
  kind: Kind;
  a: string;
  b: string;
  c: string;
  from: string;
  to: string;
  direction: string;
  event: string;
  mentions: string;
  directed: boolean;
}): ClaimInput {
  const period = f.to && f.to !== f.from ? `${f.from}..${f.to}` : f.from;
  if (f.kind === "closer") return { actor: f.a, to: f.b, than: f.c, period, claim: "closer" };
  const dyad = `${f.a}-${f.b}`;
  if (f.kind === "event" || f.kind === "absent") {
    const claim: ClaimInput = { dyad, period, claim: f.kind };
    if (f.directed) claim.directed = true;
    if (f.event) claim.event = f.event;
    if (f.mentions) claim.mentions = f.mentions;
    return claim;
  }
  return { dyad, period, claim: f.direction };
}

/** A claim as one line of a claims file (YAML flow style), for `yalu check`. */
export function claimYaml(c: ClaimInput): string {
  const v = (x: string | boolean) =>
    typeof x === "boolean" || /^[\w.-]+$/.test(x) ? String(x) : JSON.stringify(x);
  return `- { ${Object.entries(c)
    .map(([k, x]) => `${k}: ${v(x)}`)
    .join(", ")} }`;
}

/**
 * The form for a new claim in plain structured form: actors, period, and a direction, a comparison
 * or an event type by its name. It posts to /api/check (what `yalu check` runs) and hands the
 * result to `show`.
 */
export async function claimForm(show: (r: ClaimResult, yaml: string) => void): Promise<HTMLElement> {
  const actors = await actorOptions();
  const pick = (id: string, value: string) => {
    const sel = h(
      "select",
      { id, "data-testid": id },
      ...actors.map((a) => h("option", { value: a.code }, a.label)),
    );
    sel.value = value;
    return sel;
  };
  const kind = h(
    "select",
    { id: "claim-kind", "data-testid": "claim-kind" },
    ...Object.entries(KINDS).map(([k, label]) => h("option", { value: k }, label)),
  );
  const a = pick("claim-a", "CHN");
  const b = pick("claim-b", "PRK");
  const c = pick("claim-c", "CHN");
  const from = h("input", {
    id: "claim-from",
    size: 10,
    placeholder: "e.g. 2016",
    "data-testid": "claim-from",
    required: true,
  });
  const to = h("input", { id: "claim-to", size: 10, placeholder: "e.g. 2017", "data-testid": "claim-to" });
  const direction = h(
    "select",
    { id: "claim-direction", "data-testid": "claim-direction" },
    ...["improved", "worsened", "stable"].map((d) => h("option", { value: d }, d)),
  );
  const names = [...new Set((cameo as { codes: { name: string }[] }).codes.map((x) => x.name))].sort();
  const list = h("datalist", { id: "cameo-names" }, ...names.map((n) => h("option", { value: n })));
  const event = h("input", {
    id: "claim-event",
    list: "cameo-names",
    size: 24,
    placeholder: "e.g. Veto, Host a visit",
    "data-testid": "claim-event",
  });
  const mentions = h("input", {
    id: "claim-mentions",
    size: 16,
    placeholder: "optional words",
    "data-testid": "claim-mentions",
  });
  const directed = h("input", { id: "claim-directed", type: "checkbox", "data-testid": "claim-directed" });
  const label = (id: string, text: string, el: HTMLElement, cls = "") =>
    h("label", { for: id, class: cls || null }, text, el);
  const fields = {
    b: label("claim-b", "Actor B", b),
    c: label("claim-c", "than to", c, "only-closer"),
    direction: label("claim-direction", "Direction", direction),
    event: label("claim-event", "Event type", event),
    mentions: label("claim-mentions", "Mentioning", mentions),
    directed: label("claim-directed", "A → B only", directed),
  };
  const aLabel = h("span", {}, "Actor A");
  const bLabel = fields.b.firstChild as Text;
  const sync = () => {
    const k = kind.value as Kind;
    const isEvent = k === "event" || k === "absent";
    fields.c.hidden = k !== "closer";
    fields.direction.hidden = k !== "movement" && k !== "level";
    fields.event.hidden = !isEvent;
    fields.mentions.hidden = !isEvent;
    fields.directed.hidden = !isEvent;
    aLabel.textContent = k === "closer" ? "Actor" : "Actor A";
    bLabel.textContent = k === "closer" ? "is closer to" : "Actor B";
    const options = k === "level" ? ["strained", "cooperative"] : ["improved", "worsened", "stable"];
    if (!options.includes(direction.value) || direction.options.length !== options.length)
      fill(direction, ...options.map((d) => h("option", { value: d }, d)));
  };
  kind.addEventListener("change", sync);
  sync();
  const note = h("div", { class: "claim-note", "aria-live": "polite" });
  const form = h(
    "form",
    { class: "controls claim-form", "data-testid": "claim-form" },
    label("claim-kind", "Claim", kind),
    h("label", { for: "claim-a" }, aLabel, a),
    fields.b,
    fields.c,
    label("claim-from", "From", from),
    label("claim-to", "To", to),
    fields.direction,
    fields.event,
    list,
    fields.mentions,
    fields.directed,
    h("button", { type: "submit", "data-testid": "claim-submit" }, "Check"),
  );
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    const claim = claimOf({
      kind: kind.value as Kind,
      a: a.value,
      b: b.value,
      c: c.value,
      from: from.value.trim(),
      to: to.value.trim(),
      direction: direction.value,
      event: event.value.trim(),
      mentions: mentions.value.trim(),
      directed: directed.checked,
    });
    fill(note, status("Checking…"));
    api<{ results: ClaimResult[] }>("/api/check", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify([claim]),
    })
      .then(({ results }) => {
        fill(note);
        show(results[0], claimYaml(claim));
      })
      .catch((err: Error) => fill(note, status(err.message, "error")));
  });
  return h("section", { class: "new-claim" }, h("h3", {}, "Check a claim of your own"), form, note);
}
