import { api, type ClaimResult } from "./api.ts";
import { claimForm } from "./claim-form.ts";
import { eventCard, fill, h, status } from "./dom.ts";

function numbers(n: ClaimResult["numbers"]): HTMLElement {
  return h(
    "dl",
    { class: "numbers" },
    ...Object.entries(n).flatMap(([k, v]) => [h("dt", {}, k), h("dd", {}, v === null ? "–" : String(v))]),
  );
}

/** One checked claim: verdict and statement, then the rule, its numbers and the evidence events. */
function claimItem(r: ClaimResult, open = false): HTMLElement {
  return h(
    "li",
    {
      class: `claim ${r.verdict.replaceAll(" ", "-")}`,
      "data-testid": "claim-item",
      "data-verdict": r.verdict,
    },
    h(
      "details",
      { open },
      h("summary", {}, h("span", { class: "verdict" }, r.verdict), " ", r.statement),
      h("p", { class: "rule" }, "Rule: ", r.rule),
      numbers(r.numbers),
      r.evidence.length
        ? h("div", { class: "evidence-cards" }, ...r.evidence.map(eventCard))
        : h("p", {}, "No evidence events."),
    ),
  );
}

/** A claim of one's own, then the brief's claims, each with its verdict, the rule, the numbers and the evidence. */
export async function claimsView(root: HTMLElement): Promise<void> {
  const out = h("div");
  const mine = h("div", { "data-testid": "own-claim" });
  const form = await claimForm((r, yaml) =>
    fill(
      mine,
      h("ol", { class: "claims", "data-testid": "own-claim-result" }, claimItem(r, true)),
      h(
        "p",
        { class: "source" },
        "The same claim for a claims file (",
        h("code", {}, "yalu check FILE"),
        " prints the same verdict): ",
        h("code", { "data-testid": "own-claim-yaml" }, yaml),
      ),
    ),
  );
  fill(
    root,
    h("h2", {}, "Claim check"),
    form,
    mine,
    h("h3", {}, "The seed brief against the record"),
    h(
      "p",
      { class: "summary" },
      "Claims written from the brief (data/claims/brief.yaml). Each is supported, contradicted or not enough data by a stated rule.",
    ),
    out,
  );
  fill(out, status("Checking the brief's claims…"));
  try {
    const { results } = await api<{ results: ClaimResult[] }>("/api/check/brief");
    const counts: Record<string, number> = {};
    for (const r of results) counts[r.verdict] = (counts[r.verdict] ?? 0) + 1;
    fill(
      out,
      h(
        "p",
        { class: "tally", "data-testid": "claims-tally" },
        Object.entries(counts)
          .map(([k, v]) => `${v} ${k}`)
          .join(" · "),
      ),
      h("ol", { class: "claims", "data-testid": "claims-list" }, ...results.map((r) => claimItem(r))),
    );
  } catch (err) {
    fill(out, status((err as Error).message, "error"));
  }
}
