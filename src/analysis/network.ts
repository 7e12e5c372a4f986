import type { DyadRow } from "../model/index.ts";
import { type Adjacency, betweenness, eigenvector } from "./centrality.ts";

/** Actor codes as nodes ("CHNGOV") or folded to countries and organisations ("CHN", "IGOUNO"). */
export type NetworkLevel = "country" | "code";

export interface NetworkNode {
  id: string;
  /** Distinct neighbours (either direction). */
  degree: number;
  /** Events sent and received. */
  weightedDegree: number;
  goldsteinSum: number;
  betweenness: number;
  eigenvector: number;
}

export interface NetworkEdge {
  source: string;
  target: string;
  count: number;
  goldsteinSum: number;
  goldsteinMean: number;
  cooperation: number;
  conflict: number;
}

export interface Network {
  level: NetworkLevel;
  nodes: NetworkNode[];
  edges: NetworkEdge[];
}

/** The node an actor code folds into: country ISO3, or the six-letter IGO/NGO/MNC code. */
export function nodeOf(code: string, level: NetworkLevel): string {
  if (level === "code") return code;
  return /^(IGO|NGO|MNC|NGM)/.test(code) ? code.slice(0, 6) : code.slice(0, 3);
}

/**
 * About how many steps {@link network} takes for these rows: betweenness visits every edge from
 * every node (nodes × (nodes + 2 × edges)); 3,000 nodes over 5,000 dyads is some 40 million steps,
 * most of a second. A caller may run large networks off its thread.
 */
export function networkWork(rows: DyadRow[], level: NetworkLevel = "country"): number {
  const nodes = new Set<string>();
  for (const r of rows) nodes.add(nodeOf(r.source, level)).add(nodeOf(r.target, level));
  return nodes.size * (nodes.size + 2 * rows.length);
}

/**
 * The actor network of the store's dyad rows (`store.dyads(query, limit)`): directed edges weighted
 * by event counts and Goldstein; centrality on the undirected graph weighted by counts.
 * Self-loops (CHNGOV → CHNMIL folded to CHN → CHN) are dropped.
 */
export function network(rows: DyadRow[], level: NetworkLevel = "country"): Network {
  const edges = new Map<string, NetworkEdge>();
  for (const r of rows) {
    const source = nodeOf(r.source, level);
    const target = nodeOf(r.target, level);
    if (source === target) continue;
    const key = `${source}\u0000${target}`;
    let e = edges.get(key);
    if (!e) {
      e = { source, target, count: 0, goldsteinSum: 0, goldsteinMean: 0, cooperation: 0, conflict: 0 };
      edges.set(key, e);
    }
    e.count += r.count;
    e.goldsteinSum += r.goldsteinSum;
    e.cooperation += r.cooperation;
    e.conflict += r.conflict;
  }
  const adj: Adjacency = new Map();
  const gold = new Map<string, number>();
  const link = (a: string, b: string, w: number) => {
    if (!adj.has(a)) adj.set(a, new Map());
    adj.get(a)!.set(b, (adj.get(a)!.get(b) ?? 0) + w);
  };
  for (const e of edges.values()) {
    e.goldsteinSum = Math.round(e.goldsteinSum * 1000) / 1000;
    e.goldsteinMean = Math.round((e.goldsteinSum / e.count) * 1000) / 1000;
    link(e.source, e.target, e.count);
    link(e.target, e.source, e.count);
    for (const v of [e.source, e.target]) gold.set(v, (gold.get(v) ?? 0) + e.goldsteinSum);
  }
  const bc = betweenness(adj);
  const ev = eigenvector(adj);
  const nodes = [...adj.keys()].map((id) => ({
    id,
    degree: adj.get(id)!.size,
    weightedDegree: [...adj.get(id)!.values()].reduce((a, b) => a + b, 0),
    goldsteinSum: Math.round(gold.get(id)! * 1000) / 1000,
    betweenness: Math.round(bc.get(id)! * 1e6) / 1e6,
    eigenvector: Math.round(ev.get(id)! * 1e6) / 1e6,
  }));
  nodes.sort((a, b) => b.weightedDegree - a.weightedDegree || a.id.localeCompare(b.id));
  const list = [...edges.values()].sort(
    (a, b) => b.count - a.count || a.source.localeCompare(b.source) || a.target.localeCompare(b.target),
  );
  return { level, nodes, edges: list };
}
