/** Centrality on an undirected weighted graph given as an adjacency map (node → neighbour → weight). */
export type Adjacency = Map<string, Map<string, number>>;

/**
 * Betweenness centrality (Brandes 2001) on the unweighted graph, normalised to 0..1 by
 * (n − 1)(n − 2) / 2 for undirected graphs.
 */
export function betweenness(adj: Adjacency): Map<string, number> {
  const nodes = [...adj.keys()].sort();
  const cb = new Map(nodes.map((v) => [v, 0]));
  for (const s of nodes) {
    const stack: string[] = [];
    const pred = new Map<string, string[]>(nodes.map((v) => [v, []]));
    const sigma = new Map(nodes.map((v) => [v, 0]));
    const dist = new Map(nodes.map((v) => [v, -1]));
    sigma.set(s, 1);
    dist.set(s, 0);
    const queue = [s];
    for (let qi = 0; qi < queue.length; qi++) {
      const v = queue[qi];
      stack.push(v);
      for (const w of [...(adj.get(v)?.keys() ?? [])].sort()) {
        if (dist.get(w)! < 0) {
          queue.push(w);
          dist.set(w, dist.get(v)! + 1);
        }
        if (dist.get(w) === dist.get(v)! + 1) {
          sigma.set(w, sigma.get(w)! + sigma.get(v)!);
          pred.get(w)!.push(v);
        }
      }
    }
    const delta = new Map(nodes.map((v) => [v, 0]));
    while (stack.length) {
      const w = stack.pop()!;
      for (const v of pred.get(w)!) {
        delta.set(v, delta.get(v)! + (sigma.get(v)! / sigma.get(w)!) * (1 + delta.get(w)!));
      }
      if (w !== s) cb.set(w, cb.get(w)! + delta.get(w)!);
    }
  }
  const n = nodes.length;
  // Each pair was counted from both ends; the normaliser for undirected graphs is (n−1)(n−2)/2.
  const norm = n > 2 ? (n - 1) * (n - 2) : 1;
  return new Map(nodes.map((v) => [v, cb.get(v)! / norm]));
}

/**
 * Eigenvector centrality by power iteration on the weighted adjacency matrix, scaled so the
 * largest is 1. Iterates on A + I so bipartite graphs converge too (same eigenvectors).
 */
export function eigenvector(adj: Adjacency, iterations = 200, tolerance = 1e-10): Map<string, number> {
  const nodes = [...adj.keys()].sort();
  let x = new Map(nodes.map((v) => [v, 1]));
  for (let it = 0; it < iterations; it++) {
    const next = new Map<string, number>();
    for (const v of nodes) {
      let sum = x.get(v)!;
      for (const [w, weight] of adj.get(v) ?? []) sum += weight * x.get(w)!;
      next.set(v, sum);
    }
    const max = Math.max(...next.values(), 0) || 1;
    let diff = 0;
    for (const v of nodes) {
      const nv = next.get(v)! / max;
      diff = Math.max(diff, Math.abs(nv - x.get(v)!));
      next.set(v, nv);
    }
    x = next;
    if (diff < tolerance) break;
  }
  return x;
}
