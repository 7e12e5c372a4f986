import { difference, type ForecastDifference, type ForecastOutcome } from "./forecast.ts";

export { outcomeJson } from "./report-json.ts";

import { euMoverLog } from "./report-eu.ts";
import { smpPathLog } from "./report-smp.ts";
import type { Scenario } from "./scenario.ts";
import type { DifferenceSensitivity, SensitivityResult } from "./sensitivity.ts";

const fmt = (x: number, w = 7, d = 1) => (Number.isFinite(x) ? x.toFixed(d) : "–").padStart(w);
const sgn = (x: number, w = 7) =>
  (Number.isFinite(x) ? `${x >= 0 ? "+" : ""}${x.toFixed(1)}` : "–").padStart(w);

function table(rows: [string, string[]][], header: string[], labelWidth: number): string[] {
  const out = [`${"".padEnd(labelWidth)}${header.map((h) => h.slice(0, 12).padStart(13)).join("")}`];
  for (const [label, cells] of rows)
    out.push(`${label.padEnd(labelWidth)}${cells.map((c) => c.padStart(13)).join("")}`);
  return out;
}

/** A readable report of a forecast, with baselines, how it converged, final positions and who moved and why. */
export function renderOutcome(
  f: ForecastOutcome,
  scenario: Scenario | undefined,
  log: "none" | "movers" | "full",
): string {
  const lines: string[] = [];
  const title = scenario?.name ?? f.name;
  const how =
    f.model === "smp"
      ? `SMP (KTAB), ${f.smp?.parameters.stateTransitions.toLowerCase()}, stopped after turn ${f.turns}`
      : `expected-utility model (BDM, variant ${f.eu?.[0]?.variant ?? "scholz-paper"}), ${f.turns} rounds`;
  lines.push(`${title}: ${how}`);
  if (scenario?.description) lines.push(`  ${scenario.description}`);
  const w = Math.max(26, ...f.actors.map((a) => a.length + 4));
  lines.push(
    ...table(
      [
        [
          f.model === "smp" ? "forecast (most probable)" : "forecast (median)",
          // A forecast that cycles with the stopping round is the cycle's range, not one end of it.
          f.outcome.map((x, k) => {
            const c = f.convergence[k];
            return c?.kind === "cycle" && c.dependsOnStop
              ? `${c.outcomeRange[0].toFixed(1)}–${c.outcomeRange[1].toFixed(1)}`
              : fmt(x);
          }),
        ],
        [f.model === "smp" ? "expected (p-weighted)" : "mean (c·s-weighted)", f.expected.map((x) => fmt(x))],
        ["baseline: compromise", f.baselines.compromise.map((x) => fmt(x))],
        ["baseline: weighted median", f.baselines.weightedMedian.map((x) => fmt(x))],
      ],
      f.dimensions,
      w,
    ),
  );
  lines.push("convergence:", ...f.convergence.map((c) => `  ${c.text}`));
  lines.push("final positions:");
  const last = f.smp?.turns[f.smp.turns.length - 1];
  lines.push(
    ...table(
      f.actors.map((a, i) => [
        `  ${a}`,
        [
          ...f.finalPositions[i].map((x) => fmt(x)),
          ...(last ? [`p=${last.probabilities[i].toFixed(3)}`] : []),
        ],
      ]),
      [...f.dimensions, ...(last ? ["probability"] : [])],
      w,
    ),
  );
  if (log === "full" && f.smp) lines.push("turn by turn:", ...traceLog(f));
  else if (log === "movers" && f.smp)
    lines.push("who moved and why:", ...moverLog(f), ...smpPathLog(f, scenario));
  else if (log !== "none" && f.eu) lines.push(...euMoverLog(f, scenario));
  return lines.join("\n");
}

/** One line per move: the bargain each actor adopted, who proposed it, and the challenge behind it. */
function moverLog(f: ForecastOutcome): string[] {
  const s = f.smp!;
  const out: string[] = [];
  for (const t of s.turns) {
    if (t.choices.length === 0) continue;
    const bargains = new Map(t.bargains.map((b) => [b.id, b]));
    const moves: string[] = [];
    for (const c of t.choices) {
      if (c.chosen === null) continue;
      const b = bargains.get(c.chosen)!;
      const ch = t.challenges[b.initiator];
      const pos = b.initiator === c.actor ? b.initiatorPosition : b.receiverPosition;
      const p = c.probabilities[c.queue.indexOf(c.chosen)];
      moves.push(
        `  turn ${t.turn}: ${s.actors[c.actor]} → (${pos.map((x) => x.toFixed(1)).join(", ")}) by bargain ` +
          `${s.actors[b.initiator]}:${s.actors[b.receiver]}` +
          (ch
            ? ` (${s.actors[b.initiator]} challenged, p=${ch.p.toFixed(3)}, ΔEU=${sgn(ch.deltaEU, 0)})`
            : "") +
          `, chosen with p=${p.toFixed(3)}`,
      );
    }
    out.push(...(moves.length ? moves : [`  turn ${t.turn}: nobody moved`]));
  }
  return out;
}

/** The full SMP trace: each turn's positions and probabilities, challenges, bargains and moves. */
function traceLog(f: ForecastOutcome): string[] {
  const s = f.smp!;
  const out: string[] = [];
  const w = Math.max(14, ...s.actors.map((a) => a.length + 4));
  for (const t of s.turns) {
    out.push(`turn ${t.turn}${t.turn === s.stopTurn ? " (final)" : ""}:`);
    out.push(
      `${"  actor".padEnd(w)}${s.dimensions.map((d) => d.slice(0, 9).padStart(10)).join("")}${"p".padStart(8)}${"R".padStart(8)}`,
    );
    t.positions.forEach((row, i) => {
      out.push(
        `${`  ${s.actors[i]}`.padEnd(w)}${row.map((x) => x.toFixed(2).padStart(10)).join("")}` +
          `${t.probabilities[i].toFixed(4).padStart(8)}${t.risk[i].toFixed(3).padStart(8)}`,
      );
    });
    for (const c of t.challenges) {
      if (c === null) continue;
      out.push(
        `  challenge ${s.actors[c.initiator]} → ${s.actors[c.target]}: p=${c.p.toFixed(4)}, ΔEU=${c.deltaEU >= 0 ? "+" : ""}${c.deltaEU.toFixed(4)}`,
      );
    }
    for (const b of t.bargains) {
      out.push(
        `  bargain ${b.id} ${s.actors[b.initiator]}:${s.actors[b.receiver]} (${b.perspective}): ` +
          `${s.actors[b.initiator]} → (${b.initiatorPosition.map((x) => x.toFixed(2)).join(", ")}), ` +
          `${s.actors[b.receiver]} → (${b.receiverPosition.map((x) => x.toFixed(2)).join(", ")})`,
      );
    }
    for (const c of t.choices) {
      const opts = c.queue.map(
        (id, o) => `${id === null ? "status quo" : `bargain ${id}`} ${c.probabilities[o].toFixed(4)}`,
      );
      out.push(
        `  ${s.actors[c.actor]} chooses ${c.chosen === null ? "the status quo" : `bargain ${c.chosen}`} among [${opts.join("; ")}]`,
      );
    }
  }
  return out;
}

/** The scenario against its base: both forecasts and the difference. */
export function renderDifference(a: ForecastOutcome, b: ForecastOutcome, names: [string, string]): string {
  const d: ForecastDifference = difference(a, b);
  const w = Math.max(26, ...a.actors.map((x) => x.length + 4));
  const lines = [`difference: ${names[0]} − ${names[1]}`];
  lines.push(
    ...table(
      [
        [`forecast: ${names[1]}`.slice(0, w - 1), b.outcome.map((x) => fmt(x))],
        [`forecast: ${names[0]}`.slice(0, w - 1), a.outcome.map((x) => fmt(x))],
        ["Δ forecast", d.outcome.map((x) => sgn(x))],
        ["Δ expected", d.expected.map((x) => sgn(x))],
        ...a.actors.map((n, i): [string, string[]] => [`  Δ ${n}`, d.finalPositions[i].map((x) => sgn(x))]),
      ],
      a.dimensions,
      w,
    ),
  );
  return lines.join("\n");
}

/** Monte Carlo spread of the forecast and of each actor's final position. */
export function renderSensitivity(s: SensitivityResult): string {
  const { spec } = s;
  const lines = [
    `sensitivity: ${spec.runs} runs, seed ${spec.seed}; positions + N(0, ${spec.sdPosition}), saliences + N(0, ${spec.sdSalience}), capabilities × exp(N(0, ${spec.sdCapability}))`,
    `${"".padEnd(26)}${s.dimensions.map((d) => d.slice(0, 22).padStart(24)).join("")}`,
    `${"".padEnd(26)}${s.dimensions.map(() => "mean ± sd [p5, p95]".padStart(24)).join("")}`,
  ];
  const cell = (x: { mean: number; sd: number; p5: number; p95: number }) =>
    `${x.mean.toFixed(1)} ± ${x.sd.toFixed(1)} [${x.p5.toFixed(0)}, ${x.p95.toFixed(0)}]`.padStart(24);
  lines.push(`${"forecast".padEnd(26)}${s.outcome.map(cell).join("")}`);
  s.actors.forEach((a, i) => {
    lines.push(`${`  ${a}`.padEnd(26)}${s.finalPositions[i].map(cell).join("")}`);
  });
  lines.push("is the forecast robust to this noise?", ...s.robustness.map((r) => `  ${r.text}`));
  return lines.join("\n");
}

/** Monte Carlo spread of the difference a variant makes to the forecast. */
export function renderDifferenceSensitivity(d: DifferenceSensitivity, names: [string, string]): string {
  const cell = (x: { mean: number; sd: number; p5: number; p95: number }) =>
    `${x.mean >= 0 ? "+" : ""}${x.mean.toFixed(1)} ± ${x.sd.toFixed(1)} [${x.p5.toFixed(0)}, ${x.p95.toFixed(0)}]`.padStart(
      24,
    );
  return [
    `sensitivity of the difference ${names[0]} − ${names[1]} (same ${d.spec.runs} perturbations of both):`,
    `${"".padEnd(26)}${d.dimensions.map((x) => x.slice(0, 22).padStart(24)).join("")}`,
    `${"Δ forecast".padEnd(26)}${d.outcome.map(cell).join("")}`,
    `${"share of runs Δ > 0".padEnd(26)}${d.shareHigher.map((x) => `${(x * 100).toFixed(0)}%`.padStart(24)).join("")}`,
    "is the difference robust to this noise?",
    ...d.robustness.map((r) => `  ${r.text}`),
  ].join("\n");
}
