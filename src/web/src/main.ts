import { api, RECORD_CHANGED } from "./api.ts";
import { claimsView } from "./claims.ts";
import { codeView } from "./code.ts";
import { fill, status } from "./dom.ts";
import { dyadView } from "./dyad.ts";
import { forecastView } from "./forecast.ts";
import { indicatorsView } from "./indicators.ts";
import { networkView } from "./network.ts";
import { timelineView } from "./timeline.ts";

const VIEWS: Record<string, (root: HTMLElement) => Promise<void> | void> = {
  dyad: dyadView,
  timeline: timelineView,
  network: networkView,
  indicators: indicatorsView,
  claims: claimsView,
  code: codeView,
  forecast: forecastView,
};

/** The views rendered so far, each with the hash parameters it was rendered from. */
const started = new Map<string, string>();

/**
 * Show the view named in the location hash (default: dyad), rendering it on first visit, and again
 * when the hash brings parameters other than those it was rendered from (a link followed, the address
 * edited); a bare `#view` (the navigation bar) shows it as the user left it.
 */
async function route(): Promise<void> {
  const [view, params = ""] = location.hash.slice(1).split("?");
  const name = view in VIEWS ? view : "dyad";
  for (const key of Object.keys(VIEWS)) {
    const section = document.getElementById(`view-${key}`)!;
    section.hidden = key !== name;
    document
      .querySelector(`nav a[data-view=${key}]`)
      ?.setAttribute("aria-current", key === name ? "page" : "false");
  }
  const root = document.getElementById(`view-${name}`)!;
  // Charts drawn while hidden measured no width: let the now visible view redraw at its size.
  if (started.has(name) && (!params || params === started.get(name))) {
    window.dispatchEvent(new Event("resize"));
    return;
  }
  started.set(name, params);
  try {
    await VIEWS[name](root);
  } catch (err) {
    fill(root, status((err as Error).message, "error"));
  }
}

async function stats(): Promise<void> {
  const el = document.querySelector("[data-testid=stats]")!;
  try {
    const s = await api<{ events: number; firstDate: string; lastDate: string; actors: number }>(
      "/api/stats",
    );
    el.textContent = `${s.events} events, ${s.firstDate}–${s.lastDate}, ${s.actors} actor codes`;
  } catch {
    el.textContent = "";
  }
}

// The header re-reads the record's size on every view change and after a store: an import made
// elsewhere (the CLI through this server, another tab) shows when the user moves on.
window.addEventListener("hashchange", () => {
  void route();
  void stats();
});
window.addEventListener(RECORD_CHANGED, () => void stats());
void route();
void stats();
