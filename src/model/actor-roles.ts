/**
 * Dated roles: which role a person holds at a day. Role dates are inclusive on both ends, so on a
 * handover day both holders match; the latest-starting role wins.
 */
import type { ActorEntry, DatedRole } from "./actor-types.ts";

/** The role of a person covering a day (YYYY-MM-DD), the latest-starting one if several do. */
export function roleAt(entry: ActorEntry, day: string): DatedRole | undefined {
  let best: DatedRole | undefined;
  for (const r of entry.roles ?? []) {
    if ((r.from === null || r.from <= day) && (r.to === null || day <= r.to)) {
      if (!best || (r.from ?? "") >= (best.from ?? "")) best = r;
    }
  }
  return best;
}

/** The most recently started role of an entry (used when the date is unknown). */
export function latestRole(entry: ActorEntry): DatedRole | undefined {
  let best: DatedRole | undefined;
  for (const r of entry.roles ?? []) if (!best || (r.from ?? "") >= (best.from ?? "")) best = r;
  return best;
}

/**
 * How strongly an entry holds at a day, for settling shared forms: 3 in a dated role (with the
 * role's start, so the latest-starting wins), 2 within its existence, 1 undated, 0 not at all.
 */
export function activity(entry: ActorEntry, day: string): [number, string] {
  const role = roleAt(entry, day);
  if (role) return [3, role.from ?? ""];
  if (entry.roles && entry.roles.length > 0) return [0, ""];
  const from = entry.from ?? null;
  const to = entry.to ?? null;
  if (from === null && to === null) return [1, ""];
  return (from === null || from <= day) && (to === null || day <= to) ? [2, from ?? ""] : [0, ""];
}
