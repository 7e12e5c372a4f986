import type { Event, EventQuery } from "../model/index.ts";
import type { Store } from "../store/index.ts";

/** The events of a query, fetched a page at a time so big exports stream. */
export async function* pages(store: Store, query: EventQuery, size = 50_000): AsyncGenerator<Event> {
  let offset = query.offset ?? 0;
  let left = query.limit ?? Number.POSITIVE_INFINITY;
  while (left > 0) {
    const page = await store.queryEvents({ ...query, offset, limit: Math.min(size, left) });
    yield* page;
    if (page.length < Math.min(size, left)) return;
    offset += page.length;
    left -= page.length;
  }
}
