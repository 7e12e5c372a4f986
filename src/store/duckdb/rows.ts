/** The columns `rowToEvent` reads, for SELECT lists. */
export const SELECT_EVENT = `id, date, date_precision, publication_date, source_code, source_country,
  source_name, target_code, target_country, target_name, cameo, root, quad_class, goldstein, plover,
  description, origin, doc_id, sentence, start_offset, end_offset, citation_publication,
  citation_title, citation_date, citation_url, confidence`;

export { rowToEvent } from "../rows.ts";
