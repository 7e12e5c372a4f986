import type { Command } from "commander";
import { FORMATS, type FormatName } from "../formats/options.ts";
import { datePrecisionOf, type QuadClass } from "../model/event.ts";
import type { EventQuery } from "../store/store.ts";
import { usage } from "./error.ts";

/** The event filter flags shared by `yalu events` and `yalu export`, as commander parses them. */
export interface FilterFlags {
  dyad?: string;
  directed?: boolean;
  actor?: string;
  source?: string;
  target?: string;
  root?: string;
  cameo?: string;
  quad?: string;
  from?: string;
  to?: string;
  text?: string;
  limit?: string;
  offset?: string;
  order?: string;
}

/** Declare the filter flags on a command. */
export function withFilters(cmd: Command): Command {
  return cmd
    .option("--dyad <a,b>", "two actor codes (prefixes), e.g. CHN,PRK; both directions unless --directed")
    .option("--directed", "with --dyad: only events from the first actor to the second")
    .option("--actor <code>", "events with this actor (code prefix) on either side")
    .option("--source <code>", "events with this source actor (code prefix)")
    .option("--target <code>", "events with this target actor (code prefix)")
    .option("--root <roots>", "CAMEO roots, comma-separated, e.g. 04,05")
    .option("--cameo <codes>", "CAMEO code prefixes, comma-separated, e.g. 043,1041")
    .option("--quad <classes>", "quad classes 1-4, comma-separated")
    .option("--from <date>", "events on or after this date (YYYY, YYYY-MM or YYYY-MM-DD)")
    .option("--to <date>", "events on or before this date (YYYY, YYYY-MM or YYYY-MM-DD)")
    .option("--text <words>", "case-insensitive text search over sentence, description and citation title")
    .option("--limit <n>", "at most n events")
    .option("--offset <n>", "skip the first n events")
    .option("--order <order>", "date order: asc or desc", "asc");
}

const ACTOR = /^[A-Z0-9]{3,}$/;

function actor(flag: string, value: string): string {
  const code = value.trim().toUpperCase();
  if (!ACTOR.test(code))
    throw usage(`invalid --${flag} "${value}": expected an actor code such as CHN or PRKGOV`);
  return code;
}

function list(flag: string, value: string, ok: (item: string) => boolean, what: string): string[] {
  const items = value.split(",").map((s) => s.trim());
  const bad = items.find((s) => !ok(s));
  if (bad !== undefined) throw usage(`invalid --${flag} "${value}": "${bad}" is not ${what}`);
  return items;
}

function count(flag: string, value: string): number {
  if (!/^\d+$/.test(value)) throw usage(`invalid --${flag} "${value}": expected a whole number`);
  return Number(value);
}

function date(flag: string, value: string): string {
  if (datePrecisionOf(value) === null) {
    throw usage(`invalid --${flag} "${value}": expected YYYY, YYYY-MM or YYYY-MM-DD`);
  }
  return value;
}

/** Validate the filter flags into an `EventQuery`; a bad value is a usage error naming the flag. */
export function parseFilters(f: FilterFlags): EventQuery {
  const q: EventQuery = {};
  if (f.dyad !== undefined) {
    const parts = f.dyad.split(",");
    if (parts.length !== 2) throw usage(`invalid --dyad "${f.dyad}": expected two actor codes, e.g. CHN,PRK`);
    q.dyad = { a: actor("dyad", parts[0]), b: actor("dyad", parts[1]), directed: Boolean(f.directed) };
  } else if (f.directed) throw usage("--directed needs --dyad");
  if (f.actor !== undefined) q.actor = actor("actor", f.actor);
  if (f.source !== undefined) q.source = actor("source", f.source);
  if (f.target !== undefined) q.target = actor("target", f.target);
  if (f.root !== undefined) {
    q.root = list(
      "root",
      f.root,
      (r) => /^\d{2}$/.test(r) && Number(r) >= 1 && Number(r) <= 20,
      "a root 01-20",
    );
  }
  if (f.cameo !== undefined) q.cameo = list("cameo", f.cameo, (c) => /^\d{2,4}$/.test(c), "a CAMEO code");
  if (f.quad !== undefined) {
    q.quadClass = list("quad", f.quad, (c) => /^[1-4]$/.test(c), "a quad class 1-4").map(
      Number,
    ) as QuadClass[];
  }
  if (f.from !== undefined) q.from = date("from", f.from);
  if (f.to !== undefined) q.to = date("to", f.to);
  if (f.from !== undefined && f.to !== undefined && q.from! > q.to!) {
    throw usage(`--from "${f.from}" is after --to "${f.to}"`);
  }
  if (f.text !== undefined) q.text = f.text;
  if (f.limit !== undefined) q.limit = count("limit", f.limit);
  if (f.offset !== undefined) q.offset = count("offset", f.offset);
  if (f.order !== undefined) {
    if (f.order !== "asc" && f.order !== "desc")
      throw usage(`invalid --order "${f.order}": expected asc or desc`);
    q.order = f.order;
  }
  return q;
}

/** Validate a --format value. */
export function parseFormat(value: string | undefined): FormatName | undefined {
  if (value === undefined) return undefined;
  if (!(FORMATS as readonly string[]).includes(value)) {
    throw usage(`invalid --format "${value}": expected one of ${FORMATS.join(", ")}`);
  }
  return value as FormatName;
}
