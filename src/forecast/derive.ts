import type { EventQuery, EventReader } from "../model/index.ts";

/**
 * Inputs suggested by the event record, for one dimension of a scenario ("pressure on the DPRK"):
 * - position from the mean Goldstein score of the actor's events toward the target:
 *   position = 50 − 5 × mean Goldstein, clipped to 0–100 (cooperation +10 → 0, conflict −10 → 100);
 * - salience from event volume: the actor's events with the target (both directions) relative to
 *   the busiest actor's, times `maxSalience`.
 * The target itself gets no suggestion. The record's reader (a Store) is passed in; nothing else is read.
 */
export interface DeriveOptions {
  /** CAMEO code (prefix) of the actor the dimension is about. */
  target: string;
  from?: string;
  to?: string;
  /** Salience given to the actor with the most events with the target. */
  maxSalience: number;
}

export const DEFAULT_DERIVE = { target: "PRK", maxSalience: 50 } as const satisfies DeriveOptions;

export interface DerivedInput {
  actor: string;
  code: string;
  /** Events between the actor and the target, either direction. */
  events: number;
  /** Events from the actor toward the target. */
  toward: number;
  meanGoldstein: number | null;
  position: number | null;
  salience: number | null;
}

/** Suggest positions and saliences for `actors` (name, CAMEO code) from the event record. */
export async function deriveInputs(
  reader: Pick<EventReader, "aggregate">,
  actors: { name: string; code: string }[],
  partial: Partial<DeriveOptions> = {},
): Promise<DerivedInput[]> {
  const o: DeriveOptions = { ...DEFAULT_DERIVE, ...partial };
  const rows: DerivedInput[] = [];
  for (const a of actors) {
    if (a.code === o.target) {
      rows.push({
        actor: a.name,
        code: a.code,
        events: 0,
        toward: 0,
        meanGoldstein: null,
        position: null,
        salience: null,
      });
      continue;
    }
    const query: EventQuery = {
      dyad: { a: a.code, b: o.target },
      ...(o.from ? { from: o.from } : {}),
      ...(o.to ? { to: o.to } : {}),
    };
    const agg = await reader.aggregate(query, "year");
    let events = 0;
    let toward = 0;
    let goldstein = 0;
    for (const r of agg) {
      events += r.count;
      if (r.direction === "ab") {
        toward += r.count;
        goldstein += r.goldsteinSum;
      }
    }
    const meanGoldstein = toward > 0 ? goldstein / toward : null;
    const position = meanGoldstein === null ? null : Math.min(100, Math.max(0, 50 - 5 * meanGoldstein));
    rows.push({ actor: a.name, code: a.code, events, toward, meanGoldstein, position, salience: null });
  }
  const busiest = Math.max(0, ...rows.map((r) => r.events));
  for (const r of rows)
    if (r.code !== o.target && busiest > 0) r.salience = (r.events / busiest) * o.maxSalience;
  return rows;
}
