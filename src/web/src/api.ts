/** The dashboard's client of the API: the JSON shapes are the server's own types (`import type`, erased in the build). */

import type { ClaimResult } from "../../analysis/check.ts";
import type { EvidenceEvent } from "../../analysis/evidence.ts";
import type { Leverage } from "../../analysis/leverage.ts";
import type { WindowedPhases } from "../../analysis/load.ts";
import type { Network } from "../../analysis/network.ts";
import type { SeriesPoint } from "../../analysis/series.ts";
import type { Citation, Event } from "../../model/event.ts";

export type { Citation, ClaimResult, Event, EvidenceEvent, Leverage, SeriesPoint };

/** GET /api/phases. */
export type PhasesResponse = WindowedPhases & { dyad: string };
/** GET /api/network. */
export type NetworkResponse = Network;

/** An API error, with the message and parameter the server named. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly parameter?: string,
  ) {
    super(message);
  }
}

/** Anything that changes the record (the Import & code view's store) announces it, for the header. */
export const RECORD_CHANGED = "yalu:record-changed";

/** GET or POST JSON; throws {@link ApiError} with the server's message. */
export async function api<T>(path: string, init?: RequestInit): Promise<T> {
  const res = await fetch(path, init);
  const body = await res.json().catch(() => null);
  if (!res.ok) {
    const e = body?.error;
    throw new ApiError(res.status, e?.message ?? `HTTP ${res.status}`, e?.parameter);
  }
  return body as T;
}

/** "2018", "2018-03" or "2018-03-25" as a Date at the start of that period (UTC). */
export function toDate(date: string): Date {
  const [y, m = "01", d = "01"] = date.split("-");
  return new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
}

/**
 * The view's parameters from the location hash: "#dyad?dyad=CHN-PRK&from=2006" → dyad=CHN-PRK,
 * from=2006. Links to a view in a given state (and `yalu plot`) use them; the API's names.
 */
export function hashParams(): URLSearchParams {
  const i = location.hash.indexOf("?");
  return new URLSearchParams(i < 0 ? "" : location.hash.slice(i + 1));
}

/** The two actors of a "dyad" hash parameter ("CHN-PRK"), or the defaults. */
export function hashDyad(fallback: [string, string] = ["CHN", "PRK"]): [string, string] {
  const m = /^([A-Z0-9]{3,})-([A-Z0-9]{3,})$/.exec(hashParams().get("dyad") ?? "");
  return m ? [m[1], m[2]] : fallback;
}
