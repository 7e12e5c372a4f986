import type { Event, EventInput } from "../../src/model/event.ts";
import { normalizeEvent } from "../../src/model/normalize.ts";

const actor = (code: string, name: string | null = null) => ({
  code,
  country: /^[A-Z]{3}/.test(code) && !code.startsWith("IGO") ? code.slice(0, 3) : null,
  name,
});

function ev(date: string, source: string, target: string, cameo: string, extra: Partial<EventInput> = {}) {
  return normalizeEvent({ date, source: actor(source), target: actor(target), cameo, ...extra });
}

/**
 * A small record mixing day, month and year precision, both directions of the China–DPRK dyad
 * and a few third parties. Events are listed in date order.
 */
export function fixtureEvents(): Event[] {
  return [
    ev("2013-02-12", "CHNGOV", "PRKGOV", "112", {
      origin: "coder",
      confidence: 0.73,
      evidence: {
        docId: "doc-1",
        sentence: "China firmly opposed the nuclear test conducted by the DPRK.",
        start: 0,
        end: 60,
        citation: { publication: "Xinhua", title: "China opposes DPRK test", date: "2013-02-12", url: null },
      },
    }),
    ev("2013-03", "PRKGOV", "CHNGOV", "040", {
      origin: "yalu",
      description: "Talks in Beijing on 100% of the agenda",
    }),
    ev("2016", "CHN", "PRK", "163", {
      origin: "yalu",
      description: "China restricts coal imports from the DPRK",
    }),
    ev("2017-09-03", "PRKMIL", "USA", "138", { origin: "gdelt" }),
    ev("2018-03-26", "PRKGOV", "CHNGOV", "042", {
      origin: "yalu",
      publicationDate: "2018-03-28",
      evidence: {
        docId: null,
        sentence: null,
        start: null,
        end: null,
        citation: {
          publication: "Reuters",
          title: "Kim Jong Un visits Beijing",
          date: "2018-03-28",
          url: "https://example.org/a",
        },
      },
    }),
    ev("2018-06-12", "USAGOV", "PRKGOV", "057", { origin: "yalu" }),
    ev("2018-06-19", "PRKGOV", "CHNGOV", "043", { origin: "gdelt" }),
    ev("2019-06-20", "CHNGOV", "PRKGOV", "042", { origin: "yalu" }),
    ev("2022-05-26", "CHNGOV", "IGOUNOSEC", "120", {
      origin: "yalu",
      description: "Veto of a draft resolution",
    }),
    ev("2023-09-13", "RUSGOV", "PRKGOV", "061", {
      origin: "gdelt",
      // Text that must survive any staging or escaping: quotes, separators, newlines, non-ASCII.
      description: 'Partnership "treaty", signed\nin Pyongyang\t\\ 평양 — 平壤',
      evidence: { docId: "", sentence: "", start: 0, end: 0, citation: null },
    }),
  ];
}
