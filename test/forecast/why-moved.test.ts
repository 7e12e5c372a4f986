import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { forecastCommand } from "../../src/cli/forecast.ts";

async function capture(arg: string, opts: Parameters<typeof forecastCommand>[1]): Promise<string> {
  const out: string[] = [];
  await forecastCommand(arg, opts, (s) => out.push(s));
  return out.join("\n");
}

interface Move {
  from: string;
  type: string;
  to: number;
  eu: [number, number];
}

describe("why the models moved each actor", () => {
  it("tells each accepted offer in words, with the input's why beside the starting position", async () => {
    const opts = { model: "eu", eu: ["variant=scholz-code"] };
    const text = await capture("china-dprk", opts);
    const j = JSON.parse(await capture("china-dprk", { ...opts, json: true }));
    const yaml = parse(readFileSync("data/scenarios/china-dprk.yaml", "utf8"));
    const rounds: { positions: Record<string, number>; moves: Record<string, Move | null> }[] =
      j.perDimension[0].rounds;
    let told = 0;
    for (const [actor, m] of Object.entries(rounds[0].moves)) {
      const before = rounds[0].positions[actor];
      if (!m || m.to === before) continue;
      const verb = {
        conflict: "lost a confrontation to",
        compromise: "compromised with",
        capitulation: "gave in to",
      }[m.type];
      expect(text).toContain(`round 1: ${before.toFixed(1)} → ${m.to.toFixed(1)}: ${verb} ${m.from}`);
      expect(text).toContain(`as ${actor} reads it`);
      const why: string = yaml.actors.find((a: { name: string }) => a.name === actor).positions.pressure.why;
      expect(text).toContain(`  ${actor}, from ${before.toFixed(1)} (why: ${why.slice(0, 40)}`);
      told++;
    }
    expect(told).toBeGreaterThan(0);
    expect(text).toContain("why the model moved (pressure):");
  });

  it("a cycle is told once and then said to repeat", async () => {
    const text = await capture("china-dprk", { model: "eu" });
    const pressure = text.slice(
      text.indexOf("why the model moved (pressure):"),
      text.indexOf("why the model moved (sanctions):"),
    );
    expect(pressure).toContain("… and the same again every 2 rounds");
    expect(pressure).not.toContain("round 3:");
  });

  it("SMP: each actor's path from its input, with the input's why and the proposals it accepted", async () => {
    const text = await capture("china-dprk", {});
    const j = JSON.parse(await capture("china-dprk", { json: true }));
    const yaml = parse(readFileSync("data/scenarios/china-dprk.yaml", "utf8"));
    const dprk = yaml.actors.find((a: { name: string }) => a.name === "DPRK");
    const from = dprk.positions.pressure.value as number;
    const to = j.finalPositions.DPRK[0] as number;
    expect(text).toContain("where each actor ended, from its input:");
    expect(text).toContain(
      `  DPRK on pressure: ${from.toFixed(1)} → ${to.toFixed(1)} (the input's why: ${dprk.positions.pressure.why.slice(0, 30)}`,
    );
    const accepted = j.turns
      .filter((t: { movers: Record<string, unknown> }) => t.movers.DPRK)
      .map((t: { turn: number }) => `(turn ${t.turn})`);
    const line = text.split("\n")[text.split("\n").findIndex((l) => l.startsWith("  DPRK on usforces")) + 1];
    expect(line.startsWith("    moved by accepting ")).toBe(true);
    for (const turn of accepted) expect(line).toContain(turn);
  });
});
