import type { Event, EventQuery } from "../model/index.ts";
import type { ImportResult, ServerNote, Store, StoreStats } from "../store/index.ts";
import { CliError } from "./error.ts";

/** The API's largest page of events, and its largest import body (src/server: MAX_LIMIT, MAX_IMPORT). */
const PAGE = 1000;
export const IMPORT_BATCH = 50_000;

/** The API's parameters for an event query: the one filter schema's names (src/store/filter.ts). */
export function queryParams(q: EventQuery): Record<string, string> {
  const p: Record<string, string | undefined> = {
    dyad: q.dyad ? `${q.dyad.a}-${q.dyad.b}` : undefined,
    directed: q.dyad?.directed ? "true" : undefined,
    actor: q.actor,
    source: q.source,
    target: q.target,
    root: q.root?.join(","),
    cameo: q.cameo?.join(","),
    quad: q.quadClass?.join(","),
    from: q.from,
    to: q.to,
    text: q.text,
    machine: q.machine === undefined ? undefined : String(q.machine),
    minConfidence: q.minConfidence === undefined ? undefined : String(q.minConfidence),
    order: q.order,
  };
  return Object.fromEntries(Object.entries(p).filter((e): e is [string, string] => e[1] !== undefined));
}

/** An API error body's message, else the status line. */
async function reason(res: Response): Promise<{ message: string; parameter?: string }> {
  const text = await res.text();
  try {
    const body = JSON.parse(text) as { error?: { message?: string; parameter?: string } };
    if (body.error?.message) return { message: body.error.message, parameter: body.error.parameter };
  } catch {
    // Not the API's JSON error: fall through to the status.
  }
  return { message: `${res.status} ${res.statusText}` };
}

/**
 * The record as the running server serves it: the CLI's reads (and, with the server's token, its
 * imports) go through the HTTP API while `yalu serve` holds the DuckDB file. Reads ask for the
 * current data version (`Cache-Control: no-cache`), so they see every committed import.
 */
export class ServedRecord implements Store {
  readonly location: string;

  constructor(
    readonly server: ServerNote,
    private readonly token: string | undefined = process.env.YALU_TOKEN,
  ) {
    this.location = `${server.database} (through yalu serve, process ${server.pid}, ${server.url})`;
  }

  /** Who serves the record, for messages. */
  get who(): string {
    return `yalu serve (process ${this.server.pid}) at ${this.server.url}`;
  }

  private async request(path: string, init: RequestInit = {}): Promise<Response> {
    try {
      return await fetch(new URL(path, this.server.url), init);
    } catch (err) {
      const cause = (err as { cause?: { code?: string } }).cause?.code ?? (err as Error).message;
      throw new CliError(
        `the record ${this.server.database} is held by process ${this.server.pid}, whose server does not answer at ${this.server.url} (${cause}); if that process is not yalu serve, stop it or remove ${this.server.database}.server.json`,
      );
    }
  }

  /** GET a JSON route of the API; an API error becomes a CliError with its message. */
  async get<T>(path: string, params: Record<string, string> = {}): Promise<T> {
    const qs = new URLSearchParams(params).toString();
    const res = await this.request(`${path}${qs ? `?${qs}` : ""}`, {
      headers: { "cache-control": "no-cache" },
    });
    if (!res.ok) throw new CliError(`${this.server.url}: ${(await reason(res)).message}`);
    return (await res.json()) as T;
  }

  /** POST to the API; `auth` sends the token (write routes). */
  async post<T>(path: string, body: string, contentType: string, auth = false): Promise<T> {
    const headers: Record<string, string> = { "content-type": contentType };
    if (auth) {
      if (!this.token) throw this.writeRefused("YALU_TOKEN is not set here");
      headers.authorization = `Bearer ${this.token}`;
    }
    const res = await this.request(path, { method: "POST", body, headers });
    if (res.status === 401 || res.status === 403) throw this.writeRefused((await reason(res)).message);
    if (!res.ok) throw new CliError(`${this.server.url}: ${(await reason(res)).message}`);
    return (await res.json()) as T;
  }

  private writeRefused(why: string): CliError {
    return new CliError(
      `the record ${this.server.database} is held by ${this.who}, which refused the write (${why}): run with YALU_TOKEN set to the server's token to write through it, or stop the server and run again`,
    );
  }

  /** A page of events; an actor the record does not know (the API's 404) matches nothing. */
  private async page(query: EventQuery, limit: number, offset: number) {
    const params = { ...queryParams(query), limit: String(limit), offset: String(offset) };
    const qs = new URLSearchParams(params).toString();
    const res = await this.request(`/api/events?${qs}`, { headers: { "cache-control": "no-cache" } });
    if (res.status === 404) return { total: 0, events: [] as Event[] };
    if (!res.ok) throw new CliError(`${this.server.url}: ${(await reason(res)).message}`);
    return (await res.json()) as { total: number; events: Event[] };
  }

  async queryEvents(query: EventQuery): Promise<Event[]> {
    const out: Event[] = [];
    let offset = query.offset ?? 0;
    let left = query.limit ?? Number.POSITIVE_INFINITY;
    while (left > 0) {
      const size = Math.min(PAGE, left);
      const { events } = await this.page(query, size, offset);
      out.push(...events);
      if (events.length < size) break;
      offset += events.length;
      left -= events.length;
    }
    return out;
  }

  async countEvents(query: EventQuery): Promise<number> {
    return (await this.page(query, 1, 0)).total;
  }

  async getEvent(id: string): Promise<Event | null> {
    const res = await this.request(`/api/events/${encodeURIComponent(id)}`);
    if (res.status === 404) return null;
    if (!res.ok) throw new CliError(`${this.server.url}: ${(await reason(res)).message}`);
    return ((await res.json()) as { event: Event }).event;
  }

  stats(): Promise<StoreStats> {
    return this.get<StoreStats>("/api/stats");
  }

  /**
   * Import through POST /api/import, {@link IMPORT_BATCH} events a request: each request is one
   * transaction. Callers validate the whole input first, so a bad row stores nothing.
   */
  async importEvents(events: Iterable<Event> | AsyncIterable<Event>): Promise<ImportResult> {
    const total = { inserted: 0, duplicates: 0 };
    let batch: string[] = [];
    const send = async () => {
      const r = await this.post<ImportResult>(
        "/api/import",
        `${batch.join("\n")}\n`,
        "application/x-ndjson",
        true,
      );
      total.inserted += r.inserted;
      total.duplicates += r.duplicates;
      batch = [];
    };
    for await (const e of events) {
      batch.push(JSON.stringify(e));
      if (batch.length >= IMPORT_BATCH) await send();
    }
    if (batch.length) await send();
    return total;
  }

  private unavailable(what: string): never {
    throw new CliError(
      `${what} is not available through ${this.who}: stop the server to use the database directly`,
    );
  }

  aggregate(): never {
    return this.unavailable("aggregation");
  }
  dyads(): never {
    return this.unavailable("dyad listing");
  }
  putIndicators(): never {
    return this.unavailable("writing indicators");
  }
  indicators(): never {
    return this.unavailable("reading indicators");
  }

  async close(): Promise<void> {}
}
