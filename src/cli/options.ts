import type { Command } from "commander";
import { FORMATS, type FormatName } from "../formats/options.ts";
import { filterShape, pageShape, toEventQuery, validateFilters } from "../store/filter.ts";
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
  machine?: boolean | string;
  minConfidence?: string;
  limit?: string;
  offset?: string;
  order?: string;
}

/** Declare the filter flags on a command. */
export function withFilters(cmd: Command): Command {
  return cmd
    .option("--dyad <a-b>", "two actor codes (prefixes), e.g. CHN-PRK; both directions unless --directed")
    .option("--directed", "with --dyad: only events from the first actor to the second")
    .option("--actor <code>", "events with this actor (code prefix) on either side")
    .option("--source <code>", "events with this source actor (code prefix)")
    .option("--target <code>", "events with this target actor (code prefix)")
    .option("--root <roots>", "CAMEO roots 01-20, comma-separated, e.g. 04,05")
    .option("--cameo <codes>", "CAMEO code prefixes, comma-separated, e.g. 043,1041")
    .option("--quad <classes>", "quad classes 1-4, comma-separated")
    .option("--from <date>", "events on or after this date (YYYY, YYYY-MM or YYYY-MM-DD)")
    .option("--to <date>", "events on or before this date (YYYY, YYYY-MM or YYYY-MM-DD)")
    .option("--text <words>", "case-insensitive text search over sentence, description and citation title")
    .option(
      "--machine [true|false]",
      "only machine-coded events (with a confidence), or with false only the others",
    )
    .option("--min-confidence <p>", "only machine-coded events whose confidence is at least p (0-1)")
    .option("--limit <n>", "at most n events")
    .option("--offset <n>", "skip the first n events")
    .option("--order <order>", "date order: asc or desc", "asc");
}

const FILTER_FLAGS = [...Object.keys(filterShape), ...Object.keys(pageShape)] as (keyof FilterFlags)[];

/**
 * Validate the filter flags into an `EventQuery` with the store's filter schema (the API's too);
 * a bad value is a usage error naming the flag.
 */
export function parseFilters(f: FilterFlags): EventQuery {
  const input = Object.fromEntries(FILTER_FLAGS.filter((k) => f[k] !== undefined).map((k) => [k, f[k]]));
  const r = validateFilters({ ...filterShape, ...pageShape }, input);
  if (!r.ok)
    throw usage(r.issue.message((name) => `--${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`));
  return toEventQuery(r.value);
}

/** Validate a --format value. */
export function parseFormat(value: string | undefined): FormatName | undefined {
  if (value === undefined) return undefined;
  if (!(FORMATS as readonly string[]).includes(value)) {
    throw usage(`invalid --format "${value}": expected one of ${FORMATS.join(", ")}`);
  }
  return value as FormatName;
}
