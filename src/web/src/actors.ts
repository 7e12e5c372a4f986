import { api } from "./api.ts";

const NAMES: Record<string, string> = {
  CHN: "China",
  PRK: "North Korea",
  KOR: "South Korea",
  USA: "United States",
  RUS: "Russia",
  JPN: "Japan",
  SUN: "Soviet Union",
  IGOUNO: "United Nations",
};

let cache: Promise<{ code: string; label: string }[]> | null = null;

/** Actors for the pickers, by event volume, labelled with a name where we know one. */
export function actorOptions(): Promise<{ code: string; label: string }[]> {
  cache ??= api<{ actors: { code: string; events: number }[] }>("/api/actors").then((r) =>
    r.actors.map((a) => ({
      code: a.code,
      label: `${NAMES[a.code] ? `${NAMES[a.code]} (${a.code})` : a.code} · ${a.events}`,
    })),
  );
  return cache;
}
