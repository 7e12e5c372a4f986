// biome-ignore-all lint/suspicious/noExplicitAny: API response bodies are untyped JSON in tests
import { Command } from "commander";
import { describe, expect, it } from "vitest";
import { CliError } from "../../src/cli/error.ts";
import { type FilterFlags, parseFilters, withFilters } from "../../src/cli/options.ts";
import type { EventQuery } from "../../src/model/index.ts";
import { createApp } from "../../src/server/app.ts";
import type { Store } from "../../src/store/store.ts";

/**
 * One table of event filters, run against both edges: the CLI (`yalu events` flags, parsed by
 * commander) and the API (`GET /api/events`, in-process). They must accept the same input into the
 * same store query, and refuse the same input naming the same flag/parameter with the same message.
 */
interface Case {
  filters: Record<string, string | true>;
  /** What the store is asked for (checked on the CLI's query; the API's must equal it). */
  query?: EventQuery;
  /** The flag/parameter a refusal names, and what its message says. */
  refused?: { parameter: string; message: RegExp };
}

const CHN_PRK = { a: "CHN", b: "PRK", directed: false };

const cases: Case[] = [
  { filters: { dyad: "CHN-PRK" }, query: { dyad: CHN_PRK } },
  { filters: { dyad: "chn-prk" }, query: { dyad: CHN_PRK } },
  // The CLI's old syntax is an alias of the one syntax, on both edges.
  { filters: { dyad: "CHN,PRK" }, query: { dyad: CHN_PRK } },
  {
    filters: { dyad: "PRKGOV-CHN", directed: true },
    query: { dyad: { a: "PRKGOV", b: "CHN", directed: true } },
  },
  // Dates are intervals: June 2019 lies within 2019, and either bound may be coarser.
  { filters: { from: "2019-06", to: "2019" }, query: { from: "2019-06", to: "2019" } },
  { filters: { from: "2019", to: "2019-06" }, query: { from: "2019", to: "2019-06" } },
  { filters: { from: "2019-06-30", to: "2019-06" }, query: { from: "2019-06-30", to: "2019-06" } },
  { filters: { root: "01,20" }, query: { root: ["01", "20"] } },
  { filters: { cameo: "043,1041" }, query: { cameo: ["043", "1041"] } },
  { filters: { quad: "1,4" }, query: { quadClass: [1, 4] } },
  {
    filters: { actor: "usa", source: "CHNGOV", target: "PRK" },
    query: { actor: "USA", source: "CHNGOV", target: "PRK" },
  },
  {
    filters: { text: "summit", limit: "10", offset: "5", order: "desc" },
    query: { text: "summit", limit: 10, offset: 5, order: "desc" },
  },

  // Machine-coded events apart: bare flag (CLI) or true/false, and a confidence bound.
  { filters: { machine: true }, query: { machine: true } },
  { filters: { machine: "false" }, query: { machine: false } },
  { filters: { minConfidence: "0.6" }, query: { minConfidence: 0.6 } },
  {
    filters: { minConfidence: "1.5" },
    refused: { parameter: "minConfidence", message: /expected a number from 0 to 1/ },
  },

  { filters: { root: "99" }, refused: { parameter: "root", message: /"99" is not a CAMEO root 01 to 20/ } },
  { filters: { root: "04,21" }, refused: { parameter: "root", message: /"21" is not a CAMEO root/ } },
  { filters: { root: "00" }, refused: { parameter: "root", message: /"00" is not a CAMEO root/ } },
  { filters: { root: "4" }, refused: { parameter: "root", message: /"4" is not a CAMEO root/ } },
  { filters: { cameo: "991" }, refused: { parameter: "cameo", message: /"991" is not a CAMEO code/ } },
  { filters: { cameo: "04a" }, refused: { parameter: "cameo", message: /"04a" is not a CAMEO code/ } },
  { filters: { quad: "5" }, refused: { parameter: "quad", message: /"5" is not a quad class/ } },
  {
    filters: { from: "2019-07", to: "2019-06" },
    refused: { parameter: "to", message: /^invalid to "2019-06": before from "2019-07"$/ },
  },
  {
    filters: { from: "2020", to: "2019-12-31" },
    refused: { parameter: "to", message: /^invalid to "2019-12-31": before from "2020"$/ },
  },
  {
    filters: { from: "2019-13" },
    refused: { parameter: "from", message: /invalid from "2019-13": expected a date/ },
  },
  { filters: { to: "2016-02-30" }, refused: { parameter: "to", message: /invalid to "2016-02-30"/ } },
  { filters: { dyad: "CHN" }, refused: { parameter: "dyad", message: /joined by "-", e.g. CHN-PRK/ } },
  { filters: { dyad: "CHN-PRK-USA" }, refused: { parameter: "dyad", message: /invalid dyad "CHN-PRK-USA"/ } },
  { filters: { dyad: "CHN;PRK" }, refused: { parameter: "dyad", message: /invalid dyad "CHN;PRK"/ } },
  {
    filters: { actor: "x'y" },
    refused: { parameter: "actor", message: /invalid actor "x'y": expected an actor code/ },
  },
  { filters: { directed: true }, refused: { parameter: "directed", message: /^directed needs dyad$/ } },
  {
    filters: { offset: "abc" },
    refused: { parameter: "offset", message: /expected a whole number from 0 to/ },
  },
  {
    filters: { offset: "99999999999999999999" },
    refused: { parameter: "offset", message: /expected a whole number from 0 to 999999999$/ },
  },
  { filters: { offset: "1.5" }, refused: { parameter: "offset", message: /invalid offset "1.5"/ } },
  { filters: { order: "random" }, refused: { parameter: "order", message: /expected asc or desc/ } },
  { filters: { text: "x".repeat(201) }, refused: { parameter: "text", message: /at most 200 characters/ } },
];

type Outcome = { query: EventQuery } | { parameter: string; message: string };

/** The CLI edge: `yalu events` flags through commander, then its filter parsing. */
function viaCli(filters: Case["filters"]): Outcome {
  // Flags are the parameters in kebab case (minConfidence → --min-confidence).
  const kebab = (k: string) => `--${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
  const args = Object.entries(filters).flatMap(([k, v]) => (v === true ? [kebab(k)] : [kebab(k), v]));
  const flags = withFilters(new Command("events").exitOverride()).parse(args, { from: "user" }).opts();
  try {
    return { query: parseFilters(flags as FilterFlags) };
  } catch (err) {
    if (!(err instanceof CliError)) throw err;
    expect(err.exitCode).toBe(2);
    // The CLI names flags (--to) where the API names parameters (to); the message is otherwise one.
    const camel = (f: string) => f.replace(/-(\w)/g, (_, c: string) => c.toUpperCase());
    const flag = camel(/--([\w-]+)/.exec(err.message)?.[1] ?? "");
    return { parameter: flag, message: err.message.replace(/--([\w-]+)/g, (_, f: string) => camel(f)) };
  }
}

/** A store that records what it is asked and knows every actor. */
function recordingStore(asked: EventQuery[]): Store {
  return {
    location: "memory",
    queryEvents: async (q: EventQuery) => {
      asked.push(q);
      return [];
    },
    countEvents: async () => 1,
  } as unknown as Store;
}

/** The API edge: GET /api/events in-process; returns the store query it ran, or its 400. */
async function viaApi(filters: Case["filters"]): Promise<Outcome> {
  const asked: EventQuery[] = [];
  const app = createApp({ store: recordingStore(asked), log: () => {} });
  const params = new URLSearchParams(
    Object.entries(filters).map(([k, v]): [string, string] => [k, v === true ? "true" : v]),
  );
  const res = await app.request(`/api/events?${params}`);
  const body: any = await res.json();
  if (res.status === 200) return { query: asked[0] };
  expect(res.status).toBe(400);
  return { parameter: body.error.parameter, message: body.error.message };
}

/** Fields with no value, and the API's page defaults where the CLI gave none, do not count. */
const normal = (q: EventQuery) => ({
  limit: 100,
  offset: 0,
  order: "asc",
  ...Object.fromEntries(Object.entries(q).filter(([, v]) => v !== undefined)),
});

describe("event filters: the CLI and the API agree", () => {
  it.each(cases.map((c) => [JSON.stringify(c.filters).slice(0, 70), c] as const))("%s", async (_, c) => {
    const cli = viaCli(c.filters);
    const api = await viaApi(c.filters);
    if (c.query) {
      expect("query" in cli && cli.query).toMatchObject(c.query);
      expect("query" in api && normal(api.query)).toEqual("query" in cli && normal(cli.query));
    } else {
      expect(cli).toMatchObject({
        parameter: c.refused!.parameter,
        message: expect.stringMatching(c.refused!.message),
      });
      expect(api).toEqual(cli);
    }
  });

  it("name both bounds when from is after to, each in its edge's words", async () => {
    const cli = () => parseFilters({ from: "2019-07", to: "2019-06" });
    expect(cli).toThrow('invalid --to "2019-06": before --from "2019-07"');
    const api: any = await viaApi({ from: "2019-07", to: "2019-06" });
    expect(api).toEqual({ parameter: "to", message: 'invalid to "2019-06": before from "2019-07"' });
  });

  it("differ only in the page bound: the API serves at most 1000 events a page, the CLI exports any number", async () => {
    expect(viaCli({ limit: "5000" })).toEqual({ query: expect.objectContaining({ limit: 5000 }) });
    expect(viaCli({ limit: "0" })).toMatchObject({ message: /from 1 to 999999999$/ });
    expect(await viaApi({ limit: "0" })).toMatchObject({ message: /from 1 to 1000$/ });
    expect(await viaApi({ limit: "1001" })).toEqual({
      parameter: "limit",
      message: 'invalid limit "1001": expected a whole number from 1 to 1000',
    });
  });
});
